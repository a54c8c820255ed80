#!/usr/bin/python3
"""Projects for tests/cli/agreement.sh and the figures scalec agreement
must print for them, from the reference implementations: sklearn's
cohen_kappa_score, statsmodels' fleiss_kappa and nltk's AnnotationTask
(Krippendorff's alpha, nominal and interval); span matches and percent
agreement by their definitions, written out here.

    agreement-data.py DIR

writes DIR/choice.jsonl, multi.jsonl, rating.jsonl and spans.jsonl
(tasks with the annotations of ann, bob, cat and dan: not everyone
labels every task, and each file also holds drafts, skips, rejected and
removed annotations, which the figures leave out) and DIR/ref.json. The
data come from a fixed seed, so the files are the same on every run."""
import json
import random
import sys
import warnings

from nltk.metrics.agreement import AnnotationTask
from nltk.metrics.distance import interval_distance
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

warnings.simplefilter("ignore")
USERS = ["ann", "bob", "cat", "dan"]      # added in this order: user ids
OUT_STATES = ["draft", "skipped", "rejected", "removed"]
WORDS = "alpha beta gamma delta epsilon zeta eta theta iota kappa".split()
rnd = random.Random(1971)
out = sys.argv[1]


def task_users():
    """Who labels a task: two to four people, sometimes one."""
    k = rnd.choice([1, 2, 2, 3, 3, 4])
    return sorted(rnd.sample(USERS, k), key=USERS.index)


def extra(line, users, result):
    """An annotation that is not in force, by someone else, that would
    change the figures if it counted."""
    others = [u for u in USERS if u not in users]
    if others and rnd.random() < 0.4:
        state = rnd.choice(OUT_STATES)
        a = {"user": others[0], "result": result,
             "state": "rejected" if state == "removed" else state}
        if state == "removed":
            a["removed"] = True
        line["annotations"].append(a)


def write(name, lines):
    with open("%s/%s.jsonl" % (out, name), "w") as f:
        for line in lines:
            f.write(json.dumps(line) + "\n")


def modal(units):
    per = {}
    for u in units:
        if len(u) >= 2:
            per[len(u)] = per.get(len(u), 0) + 1
    return max(per, key=lambda k: (per[k], k)) if per else None


def nominal(units, cats):
    """units: [{user: value}]; the figures of a choice (or one label)."""
    pairable = [u for u in units if len(u) >= 2]
    shares, pairs = [], 0
    for u in pairable:
        v = list(u.values())
        n = len(v)
        same = sum(v[i] == v[j] for i in range(n) for j in range(i + 1, n))
        shares.append(same / (n * (n - 1) / 2))
        pairs += n * (n - 1) // 2
    r = {"percent": {"value": sum(shares) / len(shares),
                     "tasks": len(pairable), "pairs": pairs}}
    raters = modal(units)
    full = [[cats.index(x) for x in u.values()] for u in units
            if len(u) == raters]
    table, _ = aggregate_raters(full, n_cat=len(cats))
    r["fleiss"] = {"value": fleiss_kappa(table), "tasks": len(full),
                   "raters": raters}
    data = [(c, str(i), v) for i, u in enumerate(units) if len(u) >= 2
            for c, v in u.items()]
    r["alpha"] = {"value": AnnotationTask(data=data).alpha(),
                  "tasks": len(pairable), "pairs": pairs}
    cohen = {}
    for a in range(len(USERS)):
        for b in range(a + 1, len(USERS)):
            x, y = USERS[a], USERS[b]
            both = [(u[x], u[y]) for u in units if x in u and y in u]
            if both and len(set(p[0] for p in both) |
                            set(p[1] for p in both)) > 1:
                cohen[x + "/" + y] = {
                    "value": cohen_kappa_score([p[0] for p in both],
                                               [p[1] for p in both]),
                    "tasks": len(both)}
            else:
                cohen[x + "/" + y] = {"value": None, "tasks": len(both)}
    r["cohen"] = cohen
    users = {}
    for who in USERS:
        agree = total = 0
        for u in pairable:
            if who in u:
                for o, v in u.items():
                    if o != who:
                        total += 1
                        agree += v == u[who]
        users[who] = {"value": agree / total if total else None,
                      "pairs": total}
    r["users"] = users
    return r


def choice():
    cats = ["pos", "neg", "neu"]
    lines, units = [], []
    for t in range(60):
        users = task_users()
        # Mostly agreeing: a task's "truth" and some noise.
        truth = rnd.choice(cats)
        u = {w: truth if rnd.random() < 0.7 else rnd.choice(cats)
             for w in users}
        units.append(u)
        line = {"id": "c%d" % t, "text": "task %d" % t, "annotations": [
            {"user": w, "result": {"label": [v]},
             "state": rnd.choice(["submitted", "accepted", "fixed"])}
            for w, v in u.items()]}
        extra(line, users, {"label": [cats[(cats.index(truth) + 1) % 3]]})
        lines.append(line)
    write("choice", lines)
    return nominal(units, cats)


def multi():
    labels = ["red", "green", "blue"]
    lines, units = [], []
    for t in range(50):
        users = task_users()
        u = {w: sorted(rnd.sample(labels, rnd.choice([1, 1, 2])),
                       key=labels.index) for w in users}
        units.append(u)
        lines.append({"id": "m%d" % t, "text": "task %d" % t,
                      "annotations": [{"user": w,
                                       "result": {"colours": v}}
                                      for w, v in u.items()]})
        extra(lines[-1], users, {"colours": ["blue"]})
    write("multi", lines)
    per = {}
    for lab in labels:
        per[lab] = nominal([{w: int(lab in v) for w, v in u.items()}
                            for u in units], [0, 1])
    return per


def rating():
    lines, units = [], []
    for t in range(50):
        users = task_users()
        base = rnd.randint(1, 5)
        u = {w: min(5, max(1, base + rnd.choice([-1, 0, 0, 1])))
             for w in users}
        units.append(u)
        lines.append({"id": "r%d" % t, "text": "task %d" % t,
                      "annotations": [{"user": w,
                                       "result": {"stars": v}}
                                      for w, v in u.items()]})
        extra(lines[-1], users, {"stars": 1})
    write("rating", lines)
    data = [(c, str(i), v) for i, u in enumerate(units) if len(u) >= 2
            for c, v in u.items()]
    pairable = [u for u in units if len(u) >= 2]
    return {"alpha": AnnotationTask(data=data,
                                    distance=interval_distance).alpha(),
            "tasks": len(pairable)}


def iou(a, b):
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    if hi <= lo:
        return 0.0
    return (hi - lo) / (max(a[1], b[1]) - min(a[0], b[0]))


def match(ref, oth, lenient, label=None):
    """tp, fp, fn: one to one, the best overlaps first."""
    ra = [s for s in ref if label is None or s[2] == label]
    ob = [s for s in oth if label is None or s[2] == label]
    cand = []
    for i, a in enumerate(ra):
        for j, b in enumerate(ob):
            if a[2] != b[2]:
                continue
            x = 1.0 if a[:2] == b[:2] else (iou(a, b) if lenient else 0)
            if x >= (0.5 if lenient else 1):
                cand.append((-x, i, j))
    cand.sort()
    ua, ub, tp = set(), set(), 0
    for _, i, j in cand:
        if i not in ua and j not in ub:
            ua.add(i)
            ub.add(j)
            tp += 1
    return tp, len(ob) - tp, len(ra) - tp


def prf(c):
    tp, fp, fn = c
    return {"precision": tp / (tp + fp) if tp + fp else None,
            "recall": tp / (tp + fn) if tp + fn else None,
            "f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else None}


def spans():
    labels = ["PER", "ORG"]
    lines, tasks = [], []
    for t in range(50):
        n = rnd.randint(3, 9)
        words = [rnd.choice(WORDS) for _ in range(n)]
        starts, pos = [], 0
        for w in words:
            starts.append(pos)
            pos += len(w) + 1
        text = " ".join(words)
        truth = []
        i = 0
        while i < n:
            if rnd.random() < 0.3:
                k = min(n - i, rnd.choice([1, 1, 2, 3]))
                truth.append((i, i + k, rnd.choice(labels)))
                i += k + 1
            else:
                i += 1
        users = task_users()
        u = {}
        for w in users:
            mine = []
            for (a, b, lab) in truth:
                r = rnd.random()
                if r < 0.15:
                    continue            # missed
                if r < 0.3 and b - a > 1:
                    b -= 1              # one word short
                elif r < 0.35:
                    lab = labels[1 - labels.index(lab)]
                mine.append((starts[a], starts[b - 1] + len(words[b - 1]),
                             lab, a, b))
            u[w] = mine
        tasks.append((words, u))
        lines.append({"id": "s%d" % t, "text": text, "annotations": [
            {"user": w, "result": {"entities": [
                {"start": s, "end": e, "label": lab}
                for s, e, lab, _, _ in v]}} for w, v in u.items()]})
        extra(lines[-1], users, {"entities": []})
    write("spans", lines)
    r = {}
    for name, lenient in (("strict", False), ("lenient", True)):
        tot = [0, 0, 0]
        per = {lab: [0, 0, 0] for lab in labels}
        for words, u in tasks:
            us = list(u)
            for i in range(len(us)):
                for j in range(i + 1, len(us)):
                    a = [s[:3] for s in u[us[i]]]
                    b = [s[:3] for s in u[us[j]]]
                    tot = [x + y for x, y in zip(tot, match(a, b, lenient))]
                    for lab in labels:
                        per[lab] = [x + y for x, y in
                                    zip(per[lab], match(a, b, lenient, lab))]
        r[name] = prf(tot)
        r[name + "_labels"] = {lab: prf(per[lab]) for lab in labels}
    data, ntok = [], 0
    for t, (words, u) in enumerate(tasks):
        if len(u) < 2:
            continue
        for x in range(len(words)):
            ntok += 1
            for w, v in u.items():
                lab = "O"
                for (_, _, l, a, b) in v:
                    if a <= x < b:
                        lab = l
                data.append((w, "%d.%d" % (t, x), lab))
    r["alpha"] = {"value": AnnotationTask(data=data).alpha(),
                  "tokens": ntok}
    return r


ref = {"choice": choice(), "multi": multi(), "rating": rating(),
       "spans": spans()}
with open(out + "/ref.json", "w") as f:
    json.dump(ref, f, indent=1)
