#!/bin/bash
# scalec demo: builds its own database from share/demo with the same
# commands a user runs, reuses it, and starts again with --reset.
. "$SRCDIR/tests/cli/lib.sh"

unset SCALEC_DB
export XDG_DATA_HOME="$T/data"
demo_db="$T/data/scalec/demo.db"

run demo --no-annotate
check "demo sets up" rc_is 0
check "demo names its database" out_has "$demo_db"
check "demo database exists" test -f "$demo_db"
check "demo leaves the default database alone" test ! -e "$T/data/scalec/scalec.db"

run --db "$demo_db" project list --json
check "six demo projects" test "$(grep -c '"name"' "$T/out")" -eq 6
for p in news-ner news-topics reviews-sentiment shapes shapes-boxes shapes-polygons; do
	check "demo project $p" out_has "\"$p\""
done
check "ner tasks" test "$(sqlite3 "$demo_db" "select count(*) from task t join project p on p.id = t.project_id where p.name = 'news-ner'")" -eq 18
check "ner suggestions" test "$(sqlite3 "$demo_db" "select count(*) from prediction")" -eq 6
check "sentiment default labels" test -n "$(sqlite3 "$demo_db" "select 1 from project where name = 'reviews-sentiment' and config like '%neutral%'")"
check "demo people's submissions to review" test "$(sqlite3 "$demo_db" "select count(*) from annotation a join user u on u.id = a.user_id where u.name in ('ana', 'ben') and a.state = 'submitted'")" -eq 8
check "demo --review: no terminal, says how to review" test -n "$("$SCALEC" --db "$demo_db" demo --review 2>&1 | grep -F "review news-ner")"
check "shapes: nine pictures, each a file that is there, 160 x 120" test "$(sqlite3 "$demo_db" "select count(*), sum(width = 160 and height = 120) from task t join project p on p.id = t.project_id where p.name = 'shapes'")" = "9|9"
for f in $(sqlite3 "$demo_db" "select image from task where image is not null"); do
	test -f "$f" || break
done
check "shapes: the stored paths name the demo's pictures" test -f "$f"
printf 'q\n' > "$T/keys"
run --db "$demo_db" annotate shapes --keys "$T/keys" --json --graphics symbols
check "shapes: the first picture is decoded and drawn" test "$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(d['image']['error'], d['image']['decoded_width'], d['image']['rows'] > 0)" "$T/out")" = "None 160 True"
check "shapes-boxes: the same nine pictures, object detection" test "$(sqlite3 "$demo_db" "select count(*), sum(width = 160 and height = 120), p.type from task t join project p on p.id = t.project_id where p.name = 'shapes-boxes'")" = "9|9|object-detection"
printf 'l l l l v L J 1 Enter\n' > "$T/keys"
run --db "$demo_db" annotate shapes-boxes --keys "$T/keys" --json --graphics symbols
check "shapes-boxes: a box drawn and submitted" test "$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(d['image']['error'], d['submitted'], d['image']['draw']['zoom'])" "$T/out")" = "None 1 1"
check "shapes-boxes: the box stored" test "$(sqlite3 "$demo_db" "select result from annotation a join task t on t.id = a.task_id join project p on p.id = t.project_id where p.name = 'shapes-boxes'")" = '{"boxes":[{"x":90,"y":60,"width":20,"height":20,"label":"circle"}]}'
check "shapes-polygons: the same nine pictures, semantic segmentation" test "$(sqlite3 "$demo_db" "select count(*), sum(width = 160 and height = 120), p.type from task t join project p on p.id = t.project_id where p.name = 'shapes-polygons'")" = "9|9|semantic-segmentation"
printf 'l l l l . L . J . Enter 3 Enter\n' > "$T/keys"
run --db "$demo_db" annotate shapes-polygons --keys "$T/keys" --json --graphics symbols
check "shapes-polygons: a polygon drawn and submitted" test "$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(d['image']['error'], d['submitted'])" "$T/out")" = "None 1"
check "shapes-polygons: the polygon stored" test "$(sqlite3 "$demo_db" "select result from annotation a join task t on t.id = a.task_id join project p on p.id = t.project_id where p.name = 'shapes-polygons'")" = '{"regions":[{"points":[[90,60],[110,60],[110,80]],"label":"triangle"}]}'
check "instructions stored" test -n "$(sqlite3 "$demo_db" "select 1 from project where name = 'news-ner' and instructions like '%PER%'")"

sqlite3 "$demo_db" "update project set description = 'touched' where name = 'news-ner'"
run demo --no-annotate
check "demo again reuses the database" rc_is 0
check "reused, not rebuilt" test "$(sqlite3 "$demo_db" "select description from project where name = 'news-ner'")" = touched

run demo --reset --no-annotate
check "demo --reset" rc_is 0
check "--reset rebuilt it" test "$(sqlite3 "$demo_db" "select description from project where name = 'news-ner'")" != touched

run demo --no-annotate nosuch
check "unknown demo project is a usage error" rc_is 2
check "unknown demo project named" err_has "no demo project 'nosuch'"

# --db and SCALEC_DB name the demo's database; --reset never deletes one
# that holds work of its own.
"$SCALEC" --db "$T/real.db" init >/dev/null
"$SCALEC" --db "$T/real.db" project create work --type ner --labels A >/dev/null
_before=$(db_dump "$T/real.db")
run --db "$T/real.db" demo --reset --no-annotate
check "--reset of a named database with real work: refused" rc_is 1
check "--reset refusal names the project" err_has "it holds project 'work', which is not a demo project"
check "--reset refusal: the database is as it was" test "$_before" = "$(db_dump "$T/real.db")"
printf 'not a database\n' >"$T/other.db"
SCALEC_DB="$T/other.db" run demo --reset --no-annotate
check "--reset of a named file that is no database: refused" rc_is 1
check "--reset leaves that file alone" test "$(cat "$T/other.db")" = "not a database"
run --db "$T/named-demo.db" demo --no-annotate
run --db "$T/named-demo.db" demo --reset --no-annotate
check "--reset of a named demo database works" rc_is 0

esc=$(printf '\033')
run --db "$T/odd${esc}[31m.db" demo --no-annotate
check "demo in an oddly named database" rc_is 0
check "demo shows the name escaped" out_has "The demo database is $T/odd^[[31m.db."
check "demo writes no raw escape" test "$(grep -c "$esc" "$T/out")" = 0

SCALEC_SHARE="$T/nowhere" run demo --reset --no-annotate
check "missing demo data is a clear error" rc_is 1
check "missing demo data says what to do" err_has "SCALEC_SHARE"

done_testing
