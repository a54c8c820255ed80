#!/usr/bin/python3
"""Reference values for src/quality/agreement.c, from the implementations
the field trusts: sklearn's cohen_kappa_score, statsmodels' fleiss_kappa,
nltk's AnnotationTask (Krippendorff's alpha, nominal and interval), and
two published worked examples (Krippendorff 2011's reliability data with
missing values, alpha 0.743 nominal and 0.849 interval; the Fleiss' kappa
example of 10 subjects and 14 raters, kappa 0.210).

Prints one case per paragraph:

    case NAME
    matrix UNITS CODERS
    ROW (values, '.' for missing)
    ...
    cohen A B VALUE | undefined
    fleiss VALUE
    alpha nominal VALUE
    alpha interval VALUE

tests/unit/agreement.ref holds this output; tests/unit/check_agreement.c
computes every line and compares within 1e-9, and tests/cli/agreement-ref.sh
runs this script again in CI (Debian's python3-sklearn,
python3-statsmodels, python3-nltk) and compares its output with that
file, so the fixture cannot drift from the references."""
import random
import warnings

from nltk.metrics.agreement import AnnotationTask
from nltk.metrics.distance import interval_distance
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

warnings.simplefilter("ignore")
M = None  # missing


def fmt(x):
    return "%.12f" % x


def counts_table(rows, raters):
    """The units labelled by exactly `raters` coders, as statsmodels'
    units x categories table."""
    full = [[v for v in r if v is not M] for r in rows]
    full = [r for r in full if len(r) == raters]
    table, _ = aggregate_raters(full)
    return table


def modal_raters(rows):
    per = {}
    for r in rows:
        k = sum(v is not M for v in r)
        if k >= 2:
            per[k] = per.get(k, 0) + 1
    if not per:
        return None
    return max(per, key=lambda k: (per[k], k))


def alpha(rows, distance=None):
    data = [(str(c), str(u), v) for u, r in enumerate(rows)
            for c, v in enumerate(r) if v is not M]
    # nltk counts every unit; drop the units with one value, which
    # Krippendorff's alpha leaves out (they are not pairable).
    keep = {u for u, r in enumerate(rows) if sum(v is not M for v in r) >= 2}
    data = [d for d in data if int(d[1]) in keep]
    t = AnnotationTask(data=data, distance=distance) if distance else \
        AnnotationTask(data=data)
    return t.alpha()


def case(name, rows, interval=True):
    coders = len(rows[0])
    print("case", name)
    print("matrix", len(rows), coders)
    for r in rows:
        print(" ".join("." if v is M else str(v) for v in r))
    for a in range(coders):
        for b in range(a + 1, coders):
            both = [(r[a], r[b]) for r in rows if r[a] is not M and
                    r[b] is not M]
            if not both:
                print("cohen", a, b, "undefined")
                continue
            k = cohen_kappa_score([x for x, _ in both], [y for _, y in both])
            print("cohen", a, b, "undefined" if k != k else fmt(k))
    raters = modal_raters(rows)
    if raters is not None:
        print("fleiss", fmt(fleiss_kappa(counts_table(rows, raters))))
    print("alpha nominal", fmt(alpha(rows)))
    if interval:
        print("alpha interval", fmt(alpha(rows, interval_distance)))
    print()


# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the
# example with missing data: 4 observers, 12 units, values 1-5. The paper
# gives alpha 0.743 (nominal) and 0.849 (interval).
K2011 = [
    [1, 1, M, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3],
    [2, 2, 2, 2], [1, 2, 3, 4], [4, 4, 4, 4], [1, 1, 2, 1],
    [2, 2, 2, 2], [M, 5, 5, 5], [M, M, 1, 1], [M, M, 3, M],
]
case("krippendorff2011", K2011)

# The worked example of Fleiss' kappa on Wikipedia ("Fleiss' kappa",
# after Fleiss 1971): 10 subjects, 14 raters each, 5 categories, given as
# the count of each category per subject. It gives kappa 0.210.
F14 = [
    (0, 0, 0, 0, 14), (0, 2, 6, 4, 2), (0, 0, 3, 5, 6), (0, 3, 9, 2, 0),
    (2, 2, 8, 1, 1), (7, 7, 0, 0, 0), (3, 2, 6, 3, 0), (2, 5, 3, 2, 2),
    (6, 5, 2, 1, 0), (0, 2, 2, 3, 7),
]
rows = []
for counts in F14:
    r = []
    for cat, n in enumerate(counts):
        r += [cat] * n
    rows.append(r)
case("fleiss-wikipedia", rows, interval=False)

# Seeded random data: 3 and 5 coders, 4 categories, some missing.
rnd = random.Random(20261202)
for coders, units, miss in ((2, 40, 0.0), (3, 60, 0.1), (5, 80, 0.25)):
    truth = [rnd.randrange(4) for _ in range(units)]
    rows = []
    for t in truth:
        r = []
        for _ in range(coders):
            if rnd.random() < miss:
                r.append(M)
            elif rnd.random() < 0.7:
                r.append(t)
            else:
                r.append(rnd.randrange(4))
        rows.append(r)
    case("random%d" % coders, rows)
