#!/bin/bash
# Eight people labelling one project at once: an admin
# starts eight headless sessions as different users (scalec --as USER
# annotate --keys), in parallel, at overlap 2 and then at overlap 1.
# Afterwards no task has more submitted annotations than the overlap,
# every submission a session reports (its --json summary) is in the
# database, no session failed, and the counters the screens read (task,
# project, per person) match a recount.
. "$SRCDIR/tests/cli/lib.sh"

sql() { sqlite3 "$SCALEC_DB" "$1"; }
SESSIONS=8
TASKS=40
KEYS=40

run init
for i in $(seq $SESSIONS); do
	run user add "u$i" --role annotator
done

# session_keys I: a key script for session I: labels with 1 or 2, and a
# skip now and then, in an order of its own.
session_keys() {
	for j in $(seq $KEYS); do
		case $(( (j * 7 + $1 * 3) % 5 )) in
		0|1|2) echo 1 ;;
		3) echo 2 ;;
		4) echo s ;;
		esac
	done
}

# together PROJECT OVERLAP: the eight sessions at once, then the checks.
together() {
	_p=$1 _k=$2
	run project create "$_p" --type text-classification --labels a,b \
	    --overlap "$_k"
	for j in $(seq $TASKS); do
		echo "task $j of $_p"
	done > "$T/$_p.txt"
	run import "$_p" "$T/$_p.txt" --format txt
	for i in $(seq $SESSIONS); do
		session_keys "$i" > "$T/keys.$i"
	done
	for i in $(seq $SESSIONS); do
		"$SCALEC" --as "u$i" annotate "$_p" --keys "$T/keys.$i" --json \
		    > "$T/sum.$_p.$i" 2> "$T/err.$_p.$i" &
	done
	_failed=0
	for i in $(seq $SESSIONS); do
		wait %"$i" || _failed=1
	done
	wait
	pid=$(sql "select id from project where name = '$_p'")

	_bad=
	for i in $(seq $SESSIONS); do
		[ -s "$T/err.$_p.$i" ] && _bad="$_bad u$i: $(cat "$T/err.$_p.$i")"
	done
	if [ "$_failed" -eq 0 ] && [ -z "$_bad" ]; then
		ok "overlap $_k: all eight sessions ran without an error"
	else
		not_ok "overlap $_k: all eight sessions ran without an error"
		diag "$_bad"
	fi

	over=$(sql "select count(*) from (select a.task_id from annotation a
	    join task t on t.id = a.task_id where t.project_id = $pid and
	    a.state in ('submitted', 'accepted', 'rejected')
	    group by a.task_id having count(*) > $_k)")
	check "overlap $_k: no task labelled more than $_k times" \
	    test "$over" -eq 0

	# What each session says it submitted is what the database holds.
	_mism=
	_sum=0
	for i in $(seq $SESSIONS); do
		said=$(sed -n 's/^  "submitted": \([0-9]*\),$/\1/p' \
		    "$T/sum.$_p.$i")
		have=$(sql "select count(*) from annotation a
		    join task t on t.id = a.task_id join user u on u.id = a.user_id
		    where t.project_id = $pid and u.name = 'u$i'
		    and a.state = 'submitted'")
		[ -n "$said" ] && [ "$said" -eq "$have" ] ||
		    _mism="$_mism u$i said ${said:-?} has $have;"
		_sum=$((_sum + ${said:-0}))
	done
	if [ -z "$_mism" ]; then
		ok "overlap $_k: every session's submissions are stored"
	else
		not_ok "overlap $_k: every session's submissions are stored"
		diag "$_mism"
	fi
	check "overlap $_k: some work was done" test "$_sum" -gt 0
	diag "overlap $_k: $_sum submitted, $(sql "select done_count from
	    project where id = $pid") of $TASKS tasks done"
	run export "$_p"
	check "overlap $_k: the export holds every submission" \
	    test "$(grep -o '"state": "submitted"' "$T/out" | wc -l)" -eq "$_sum"

	# The counters against a recount.
	check "overlap $_k: task.submitted matches a recount" test "$(sql "
	    select count(*) from task t where t.project_id = $pid and
	    t.submitted <> (select count(*) from annotation a
	    where a.task_id = t.id and
	    a.state in ('submitted', 'accepted', 'rejected'))")" -eq 0
	check "overlap $_k: the project's done count matches" test "$(sql "
	    select done_count = (select count(*) from task where
	    project_id = $pid and submitted >= $_k) from project
	    where id = $pid")" -eq 1
	check "overlap $_k: the project's task count matches" test "$(sql "
	    select task_count = (select count(*) from task where
	    project_id = $pid) from project where id = $pid")" -eq 1
	check "overlap $_k: each person's count matches" test "$(sql "
	    select count(*) from annotator n where n.project_id = $pid and
	    n.submitted <> (select count(*) from annotation a join task t
	    on t.id = a.task_id where t.project_id = $pid and
	    a.user_id = n.user_id and
	    a.state in ('submitted', 'accepted', 'rejected'))")" -eq 0
	check "overlap $_k: nobody labelled a task twice" test "$(sql "
	    select count(*) from (select a.task_id from annotation a join task t
	    on t.id = a.task_id where t.project_id = $pid
	    group by a.task_id, a.user_id having count(*) > 1)")" -eq 0
	check "overlap $_k: no lease left behind" test "$(sql "
	    select count(*) from lease l join task t on t.id = l.task_id
	    where t.project_id = $pid")" -eq 0
	check "overlap $_k: nothing late" test "$(sql "select count(*)
	    from annotation a join task t on t.id = a.task_id
	    where t.project_id = $pid and a.late")" -eq 0
}

together pairs 2
together singles 1

done_testing
