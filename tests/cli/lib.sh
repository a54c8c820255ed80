# Shared by the shell tests: a private home and database per test file, TAP
# output, and helpers that run the built binary exactly as a user would.
# Usage in a test:  . "$SRCDIR/tests/cli/lib.sh"; ...; done_testing
set -u

: "${SCALEC:=$(pwd)/scalec}"
: "${SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC TERM=dumb
unset NO_COLOR SCALEC_DB XDG_CONFIG_HOME XDG_DATA_HOME

T=$(mktemp -d "${TMPDIR:-/tmp}/scalec-cli.XXXXXX")
chmod 755 "$T"
export HOME="$T/home"
mkdir -p "$HOME"
export SCALEC_DB="$T/test.db"
trap 'rm -rf "$T"' EXIT

_n=0
_failed=0

ok() {
	_n=$((_n + 1))
	echo "ok $_n - $*"
}

not_ok() {
	_n=$((_n + 1))
	_failed=$((_failed + 1))
	echo "not ok $_n - $*"
}

diag() {
	printf '%s\n' "$@" | sed 's/^/# /'
}

skip_all() {
	echo "1..0 # SKIP $*"
	exit 0
}

# need COMMAND PACKAGE: a tool the tests cannot do without. Its absence
# fails the test file (the README's test command installs PACKAGE); it
# never skips, so a machine without it cannot pass for a green run.
need() {
	command -v "$1" >/dev/null 2>&1 && return 0
	echo "Bail out! $1 is needed: apt-get install $2 (the README's test command installs it)"
	exit 1
}
need sqlite3 sqlite3

done_testing() {
	echo "1..$_n"
	[ "$_failed" -eq 0 ]
}

# run ARGS...: runs scalec, keeping stdout in $T/out, stderr in $T/err and
# the exit code in $rc.
run() {
	"$SCALEC" "$@" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
}

# run_in FILE ARGS...: the same with FILE as standard input.
run_in() {
	_in=$1; shift
	"$SCALEC" "$@" >"$T/out" 2>"$T/err" <"$_in"
	rc=$?
}

out() { cat "$T/out"; }
err() { cat "$T/err"; }

# keys PROJECT SCRIPT [OPTIONS...]: runs SCRIPT as annotate's key script.
keys() {
	_p=$1; _k=$2; shift 2
	printf '%s\n' "$_k" > "$T/keys"
	run annotate "$_p" --keys "$T/keys" "$@"
}

# json EXPR: a Python expression over the JSON in $T/out (as d).
json() {
	python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($1)" "$T/out"
}

# check NAME CONDITION...: one TAP line; on failure shows the output.
check() {
	_name=$1; shift
	if "$@"; then
		ok "$_name"
	else
		not_ok "$_name"
		diag "rc=$rc" "stdout:" "$(head -c 2000 "$T/out")" \
		    "stderr:" "$(head -c 2000 "$T/err")"
	fi
}

rc_is() { [ "$rc" -eq "$1" ]; }
out_has() { grep -qF -- "$1" "$T/out"; }
err_has() { grep -qF -- "$1" "$T/err"; }
out_is() { [ "$(cat "$T/out")" = "$1" ]; }
err_is() { [ "$(cat "$T/err")" = "$1" ]; }

# The database as text, in a stable order, for before/after comparisons.
# Fails (and says why on stderr) when there is no database to dump or
# sqlite3 cannot read it, rather than dumping an empty one: opened
# read-only, so the dump itself never makes or changes a file.
db_dump() {
	_db=${1:-$SCALEC_DB}
	if [ ! -f "$_db" ]; then
		echo "db_dump: no database at $_db" >&2
		return 1
	fi
	_dump=$(sqlite3 -readonly "$_db" .dump 2>&1) || {
		printf '%s\n' "$_dump" >&2
		return 1
	}
	case $_dump in
	*'**** ERROR'*)
		printf '%s\n' "$_dump" >&2
		return 1 ;;
	esac
	printf '%s\n' "$_dump"
}

# wait_sql QUERY VALUE: polls until sqlite3 says VALUE for QUERY on the
# test's database (5 s at most), for a scalec running in the background.
wait_sql() {
	for _i in $(seq 250); do
		[ "$(sqlite3 "$SCALEC_DB" "$1")" = "$2" ] && return 0
		sleep 0.02
	done
	return 1
}

# before_id DB: turns a database at this scalec's schema into one from
# before the application id (schema 3, application_id 0), for the tests
# of opening and migrating an older database. Each migration after the
# id's (store/schema.h SCHEMA_APPID_VERSION, 4) undoes itself here, one
# line each (6, review: annotation is rebuilt by it, so its columns
# may stay, 8's removed too; 8's on_reject is the column 6 adds; 9's
# task_next is 1's again; 10's task.tokens; 11's task_update; 13's
# task.wanted, task_wanting and the project's extra settings).
before_id_schema=3
before_id() {
	sqlite3 "$1" "PRAGMA application_id = 0;
	    DROP TABLE review_lease; DROP TABLE final_answer;
	    DROP TABLE review; DROP TRIGGER review_count_insert;
	    DROP TRIGGER review_count_update; DROP TRIGGER review_count_delete;
	    DROP TRIGGER annotator_count_task;
	    CREATE TRIGGER annotator_count_task BEFORE DELETE ON task
	      WHEN OLD.submitted > 0 BEGIN
	      UPDATE annotator SET submitted = submitted - 1
	        WHERE project_id = OLD.project_id AND user_id IN (SELECT
	        user_id FROM annotation WHERE task_id = OLD.id
	        AND state IN ('submitted','accepted','rejected'));
	    END;
	    ALTER TABLE project DROP COLUMN review;
	    ALTER TABLE project DROP COLUMN on_reject;
	    ALTER TABLE project DROP COLUMN final_required;
	    ALTER TABLE project DROP COLUMN comment_required;
	    ALTER TABLE project DROP COLUMN to_review;
	    ALTER TABLE project DROP COLUMN accepted;
	    ALTER TABLE project DROP COLUMN rejected;
	    ALTER TABLE project DROP COLUMN fixed;
	    DROP TABLE IF EXISTS notification;
	    DROP TABLE IF EXISTS task_update;
	    DROP TABLE IF EXISTS import_batch;
	    ALTER TABLE project DROP COLUMN loading_from;
	    ALTER TABLE task DROP COLUMN tokens;
	    DROP TRIGGER annotator_want_task; DROP TRIGGER annotator_want_draft;
	    DROP TRIGGER annotator_want_delete;
	    ALTER TABLE annotator DROP COLUMN want_priority;
	    ALTER TABLE annotator DROP COLUMN want_task;
	    DROP INDEX task_wanting; ALTER TABLE task DROP COLUMN wanted;
	    ALTER TABLE project DROP COLUMN extra_below;
	    ALTER TABLE project DROP COLUMN extra_max;
	    DROP TABLE gold_score; DROP INDEX task_gold; DROP INDEX task_next;
	    ALTER TABLE task DROP COLUMN is_gold;
	    CREATE INDEX task_next ON task(project_id, submitted,
	      priority DESC, id);
	    ALTER TABLE project DROP COLUMN gold_every;
	    ALTER TABLE project DROP COLUMN gold_onboarding;
	    ALTER TABLE annotator DROP COLUMN gold_paused;
	    ALTER TABLE annotator DROP COLUMN gold_from;
	    PRAGMA user_version = $before_id_schema;"
}

# keys_as USER PROJECT SCRIPT [OPTIONS...]: annotate PROJECT as USER
# with the key script SCRIPT (annotate --keys), its screen in $T/out.
keys_as() {
	_u=$1; _p=$2; _k=$3; shift 3
	printf '%s\n' "$_k" > "$T/keys"
	run --as "$_u" annotate "$_p" --keys "$T/keys" "$@"
}

# expect_unchanged NAME ARGS...: runs scalec, which must fail with exit 1
# and leave the database exactly as it was. RUN=run_other runs it as the
# other OS user (see other_user).
expect_unchanged() {
	_what=$1; shift
	if ! _before=$(db_dump); then
		not_ok "$_what: the database could be read before"
		return 1
	fi
	${RUN:-run} "$@"
	check "$_what: fails" rc_is 1
	if ! _after=$(db_dump); then
		not_ok "$_what: the database could be read after"
	elif [ "$_before" = "$_after" ]; then
		ok "$_what: database unchanged"
	else
		not_ok "$_what: database unchanged"
		diff <(echo "$_before") <(echo "$_after") | head -20 | \
		    sed 's/^/# /'
	fi
}

# expect_usage NAME ARGS...: runs scalec, which must refuse with exit 2
# (a usage error) and leave the database exactly as it was.
expect_usage() {
	_what=$1; shift
	_before=$(db_dump)
	run "$@"
	check "$_what: exits 2" rc_is 2
	check "$_what: database unchanged" test "$_before" = "$(db_dump)"
}

# other_user: makes a second OS login usable, since scalec knows who acts
# from getuid() and root reads every file. As root (CI) it creates the OS
# user scalec-ann when missing and runs commands as it with setpriv (or
# runuser); otherwise it needs passwordless sudo to that user. Sets OTHER
# and defines as_other CMD... and run_other ARGS... (like run); the binary
# is copied where that user can reach it and $T is opened up to it.
# Returns 1, with the reason in OTHER_WHY, when there is no way.
other_user() {
	OTHER=scalec-ann
	if [ "$(id -u)" -eq 0 ]; then
		if ! id -u "$OTHER" >/dev/null 2>&1; then
			# Another test may be making it at the same moment.
			useradd -M -d /nonexistent -s /bin/sh "$OTHER" \
			    2>/dev/null || id -u "$OTHER" >/dev/null 2>&1 ||
			    { OTHER_WHY="cannot create the OS user $OTHER";
			    return 1; }
		fi
		if command -v setpriv >/dev/null 2>&1; then
			as_other() {
				setpriv --reuid="$(id -u "$OTHER")" \
				    --regid="$(id -g "$OTHER")" --init-groups "$@"
			}
		elif command -v runuser >/dev/null 2>&1; then
			as_other() { runuser -u "$OTHER" -- "$@"; }
		else
			OTHER_WHY="neither setpriv nor runuser to run as $OTHER"
			return 1
		fi
	elif id -u "$OTHER" >/dev/null 2>&1 &&
	    sudo -n -u "$OTHER" true 2>/dev/null; then
		as_other() { sudo -n -u "$OTHER" "$@"; }
	else
		OTHER_WHY="not root, and no OS user $OTHER to run as"
		return 1
	fi
	# The other user must reach the binary (a build tree may be private),
	# the directory (SQLite makes -wal and -shm beside the database) and
	# the files given to commands.
	cp "$SCALEC" "$T/scalec-other"
	chmod 755 "$T/scalec-other"
	chmod 777 "$T"
	mkdir -p "$T/home-other"
	chmod 777 "$T/home-other"
	[ ! -e "$SCALEC_DB" ] || chmod 666 "$SCALEC_DB" "$SCALEC_DB"-* 2>/dev/null
	return 0
}

run_other() {
	as_other env HOME="$T/home-other" SCALEC_DB="$SCALEC_DB" \
	    "$T/scalec-other" "$@" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
}
