/* The schema, as a list of forward migrations: the migration numbered N
 * takes a database from user_version N - 1 to N.
 *
 * How they are numbered when several changes add one: a migration's number
 * is written beside it (.version), so two branches that each add number 2
 * collide here, in the merge, not in a user's database. Whoever lands
 * second renumbers theirs to the next free number; nothing else changes,
 * since nothing but this list refers to a migration by number. Never edit
 * a migration that has shipped (a database at that version already ran
 * it): add the next one. check_store pins each shipped migration's text by
 * a hash and checks that the numbers run 1, 2, ... N, so either mistake
 * fails make check. */
#include <stddef.h>

#include "store/schema.h"

struct migration {
	int		 version;	/* the user_version it leaves */
	const char	*sql;
};

static const struct migration migrations[] = {
	/* 1: users, projects, tasks, annotations, predictions, leases. */
	{ 1,
	"CREATE TABLE user ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  display_name TEXT NOT NULL DEFAULT '',"
	"  email TEXT NOT NULL DEFAULT '',"
	"  role TEXT NOT NULL CHECK (role IN"
	"    ('admin','manager','reviewer','annotator')),"
	"  removed_at TEXT,"			/* removed: annotations stay */
	"  created_at TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL"
	");"
	"CREATE TABLE project ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  type TEXT NOT NULL,"
	"  description TEXT NOT NULL DEFAULT '',"
	"  instructions TEXT NOT NULL DEFAULT '',"
	"  config TEXT NOT NULL,"		/* the label config, YAML */
	"  overlap INTEGER NOT NULL DEFAULT 1 CHECK (overlap >= 1),"
	"  task_count INTEGER NOT NULL DEFAULT 0,"	/* kept per write */
	"  done_count INTEGER NOT NULL DEFAULT 0,"	/* tasks at overlap */
	"  created_by INTEGER REFERENCES user(id),"
	"  created_at TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL"
	");"
	"CREATE TABLE member ("
	"  project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,"
	"  user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,"
	"  role TEXT NOT NULL CHECK (role IN"
	"    ('admin','manager','reviewer','annotator')),"
	"  created_at TEXT NOT NULL,"
	"  PRIMARY KEY (project_id, user_id)"
	");"
	"CREATE TABLE task ("
	"  id INTEGER PRIMARY KEY,"
	"  project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,"
	"  ext_id TEXT,"			/* the id as imported */
	"  kind TEXT NOT NULL CHECK (kind IN ('text','image')),"
	"  text TEXT,"
	"  image TEXT,"				/* path or URL */
	"  width INTEGER,"
	"  height INTEGER,"
	"  source TEXT,"			/* the file it came from */
	"  meta TEXT NOT NULL DEFAULT '{}',"	/* JSON object */
	"  gold TEXT,"				/* a gold result, JSON */
	"  priority INTEGER NOT NULL DEFAULT 0,"
	"  submitted INTEGER NOT NULL DEFAULT 0,"	/* submitted annotations */
	"  created_at TEXT NOT NULL"
	");"
	"CREATE UNIQUE INDEX task_ext ON task(project_id, ext_id);"
	"CREATE INDEX task_next ON task(project_id, submitted, priority DESC, id);"
	/* A project's tasks in id order (the rowid ends every index), so that
	 * listing streams instead of sorting the whole project first. */
	"CREATE INDEX task_project ON task(project_id);"
	"CREATE TABLE prediction ("
	"  id INTEGER PRIMARY KEY,"
	"  task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,"
	"  model TEXT NOT NULL DEFAULT '',"
	"  score REAL,"
	"  result TEXT NOT NULL,"		/* JSON object keyed by control */
	"  created_at TEXT NOT NULL"
	");"
	"CREATE INDEX prediction_task ON prediction(task_id);"
	"CREATE TABLE annotation ("
	"  id INTEGER PRIMARY KEY,"
	"  task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,"
	"  user_id INTEGER NOT NULL REFERENCES user(id),"
	"  state TEXT NOT NULL CHECK (state IN"
	"    ('draft','submitted','skipped','accepted','rejected')),"
	"  result TEXT NOT NULL DEFAULT '{}',"	/* JSON object keyed by control */
	"  from_prediction INTEGER NOT NULL DEFAULT 0,"
	"  lead_time REAL NOT NULL DEFAULT 0,"	/* seconds spent */
	"  late INTEGER NOT NULL DEFAULT 0,"	/* submitted after lease expiry */
	"  acted_by INTEGER REFERENCES user(id),"	/* the real login of --as */
	"  created_at TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL,"
	/* The user's change counter when this was last changed (store
	 * annotation.c): Backspace walks a person's annotations in reverse
	 * order of change, which second-resolution times cannot give. */
	"  seq INTEGER NOT NULL DEFAULT 0,"
	"  UNIQUE (task_id, user_id)"
	");"
	"CREATE INDEX annotation_user ON annotation(user_id, task_id);"
	/* Backspace (previous annotation) and the next seq: one seek. */
	"CREATE INDEX annotation_recent ON annotation(user_id, seq);"
	/* A person's drafts, resumed first by the next task: a handful of rows
	 * however long their history. */
	"CREATE INDEX annotation_draft ON annotation(user_id)"
	"  WHERE state = 'draft';"
	"CREATE TABLE lease ("
	"  task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,"
	"  user_id INTEGER NOT NULL REFERENCES user(id),"
	"  expires_at INTEGER NOT NULL,"	/* unix seconds */
	"  PRIMARY KEY (task_id, user_id)"
	");"
	"CREATE INDEX lease_expiry ON lease(expires_at);"
	/* A person's own live lease is resumed first by the next task. */
	"CREATE INDEX lease_user ON lease(user_id);"
	/*
	 * One row per person who labels in a project (store annotation.c has
	 * the whole design): their count of submitted annotations for the
	 * progress bar, and a cursor in next-task order (priority DESC, id)
	 * before which every open task (submitted < overlap) is one they have
	 * annotated, so that choosing their next task never walks their own
	 * history again. cur_task NULL: no cursor yet (start at the top).
	 * seen_task: the project's highest task id when the cursor was last
	 * checked; tasks added since are looked at once (no trigger on task
	 * inserts, which would slow imports by a third).
	 */
	"CREATE TABLE annotator ("
	"  project_id INTEGER NOT NULL REFERENCES project(id)"
	"    ON DELETE CASCADE,"
	"  user_id INTEGER NOT NULL REFERENCES user(id),"
	"  submitted INTEGER NOT NULL DEFAULT 0,"	/* kept by triggers */
	"  cur_priority INTEGER,"
	"  cur_task INTEGER,"
	"  seen_task INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (project_id, user_id)"
	") WITHOUT ROWID;"
	/* annotator.submitted follows every write of an annotation's state,
	 * whoever makes it (the labeler, import, review). A task's removal
	 * counts its annotations out before the cascade deletes them (the
	 * annotation trigger then finds no task and does nothing). */
	"CREATE TRIGGER annotator_count_insert AFTER INSERT ON annotation"
	"  WHEN NEW.state IN ('submitted','accepted','rejected') BEGIN"
	"  INSERT INTO annotator (project_id, user_id, submitted)"
	"    SELECT project_id, NEW.user_id, 1 FROM task WHERE id = NEW.task_id"
	"    ON CONFLICT (project_id, user_id) DO UPDATE"
	"    SET submitted = submitted + 1;"
	"END;"
	"CREATE TRIGGER annotator_count_update AFTER UPDATE OF state"
	"  ON annotation WHEN (OLD.state IN ('submitted','accepted','rejected'))"
	"  <> (NEW.state IN ('submitted','accepted','rejected')) BEGIN"
	"  INSERT INTO annotator (project_id, user_id, submitted)"
	"    SELECT project_id, NEW.user_id,"
	"    (NEW.state IN ('submitted','accepted','rejected')) -"
	"    (OLD.state IN ('submitted','accepted','rejected'))"
	"    FROM task WHERE id = NEW.task_id"
	"    ON CONFLICT (project_id, user_id) DO UPDATE"
	"    SET submitted = submitted + excluded.submitted;"
	"END;"
	"CREATE TRIGGER annotator_count_delete AFTER DELETE ON annotation"
	"  WHEN OLD.state IN ('submitted','accepted','rejected') BEGIN"
	"  UPDATE annotator SET submitted = submitted - 1"
	"    WHERE user_id = OLD.user_id AND project_id ="
	"    (SELECT project_id FROM task WHERE id = OLD.task_id);"
	"END;"
	"CREATE TRIGGER annotator_count_task BEFORE DELETE ON task"
	"  WHEN OLD.submitted > 0 BEGIN"
	"  UPDATE annotator SET submitted = submitted - 1"
	"    WHERE project_id = OLD.project_id AND user_id IN (SELECT user_id"
	"    FROM annotation WHERE task_id = OLD.id"
	"    AND state IN ('submitted','accepted','rejected'));"
	"END;"
	/* What can put an open task a person has not annotated before their
	 * cursor moves the cursor back to it: the task reopens (fewer
	 * submissions) or moves (priority); their annotation of it goes back
	 * to a draft or away; the overlap grows (every cursor of the project
	 * starts over). Rare writes, so these cost nothing on hot paths. */
	"CREATE TRIGGER annotator_cursor_task AFTER UPDATE OF submitted, priority"
	"  ON task WHEN NEW.submitted < OLD.submitted"
	"  OR NEW.priority <> OLD.priority BEGIN"
	"  UPDATE annotator SET cur_priority = NEW.priority, cur_task = NEW.id"
	"    WHERE project_id = NEW.project_id AND cur_task IS NOT NULL"
	"    AND (cur_priority < NEW.priority"
	"    OR (cur_priority = NEW.priority AND cur_task > NEW.id));"
	"END;"
	"CREATE TRIGGER annotator_cursor_draft AFTER UPDATE OF state"
	"  ON annotation WHEN OLD.state <> 'draft' AND NEW.state = 'draft' BEGIN"
	"  UPDATE annotator SET cur_priority = t.priority, cur_task = t.id"
	"    FROM task AS t WHERE t.id = NEW.task_id"
	"    AND annotator.project_id = t.project_id"
	"    AND annotator.user_id = NEW.user_id"
	"    AND annotator.cur_task IS NOT NULL"
	"    AND (annotator.cur_priority < t.priority"
	"    OR (annotator.cur_priority = t.priority"
	"    AND annotator.cur_task > t.id));"
	"END;"
	"CREATE TRIGGER annotator_cursor_delete AFTER DELETE ON annotation"
	"  WHEN OLD.state <> 'draft' BEGIN"
	"  UPDATE annotator SET cur_priority = t.priority, cur_task = t.id"
	"    FROM task AS t WHERE t.id = OLD.task_id"
	"    AND annotator.project_id = t.project_id"
	"    AND annotator.user_id = OLD.user_id"
	"    AND annotator.cur_task IS NOT NULL"
	"    AND (annotator.cur_priority < t.priority"
	"    OR (annotator.cur_priority = t.priority"
	"    AND annotator.cur_task > t.id));"
	"END;"
	"CREATE TRIGGER annotator_cursor_overlap AFTER UPDATE OF overlap"
	"  ON project WHEN NEW.overlap > OLD.overlap BEGIN"
	"  UPDATE annotator SET cur_priority = NULL, cur_task = NULL"
	"    WHERE project_id = NEW.id;"
	"END;"
	"CREATE TABLE audit ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  user_id INTEGER REFERENCES user(id),"
	"  real_user_id INTEGER REFERENCES user(id),"
	"  action TEXT NOT NULL,"
	"  object TEXT NOT NULL DEFAULT '',"
	"  detail TEXT NOT NULL DEFAULT ''"
	");" },
	/*
	 * 2: a content hash per task (util/hash.h: XXH3 of a text's bytes, or
	 * of an image file's), so that file add and import find a file or a
	 * text the project already has with one index seek. The rows before
	 * it are filled here, once, by the same hash as an SQL function
	 * (store.c's scalec_hash): every later lookup can then trust the
	 * column, where a lazy fill would leave old tasks unmatched until
	 * something touched them. An image's bytes are not in the database,
	 * so an image task from before keeps NULL and matches nothing. Only
	 * tasks without an imported id have a hash, and the index holds only
	 * them: a task with an id is known by it, and a random key per row in
	 * an index over every task doubled the CPU time of an import with ids
	 * (bench/import.sh).
	 */
	{ 2,
	"ALTER TABLE task ADD COLUMN content_hash INTEGER;"
	"UPDATE task SET content_hash = scalec_hash(text)"
	"  WHERE text IS NOT NULL AND ext_id IS NULL;"
	"CREATE INDEX task_hash ON task(project_id, content_hash)"
	"  WHERE ext_id IS NULL;" },
	/* 3: a person's skipped tasks, the end of their queue (store
	 * assign.c): a walk over their skips alone. Not (user_id, seq): seq
	 * changes on every write of an annotation, and an index holding it
	 * costs every submission at a million tasks (bench/next_task). */
	{ 3,
	"CREATE INDEX annotation_skipped ON annotation(user_id)"
	"  WHERE state = 'skipped';" },
	/* 4 (SCHEMA_APPID_VERSION): the application id, "SCAL". */
	{ SCHEMA_APPID_VERSION,
	"PRAGMA application_id = 1396916556;" },
	/*
	 * 5 (issue 9 numbers it 7; renumbered when the review and batch
	 * migrations land): notifications (store/notify.h), written in the
	 * transaction of the event that causes them. seq is the recipient's
	 * own order of writes (a batched one takes a new seq when its count
	 * grows), so the inbox is newest first by (user_id, seq) and the
	 * unread ones, the screens' count and the stderr notice, are one
	 * range of a partial index. notification_batch finds the one unread
	 * row a batched kind adds to. kind has no CHECK list: a new kind is
	 * a row in NOTIFY_KINDS, not a migration. A project's are deleted
	 * with it.
	 */
	{ 5,
	"CREATE TABLE notification ("
	"  id INTEGER PRIMARY KEY,"
	"  user_id INTEGER NOT NULL REFERENCES user(id),"
	"  seq INTEGER NOT NULL,"
	"  project_id INTEGER REFERENCES project(id) ON DELETE CASCADE,"
	"  kind TEXT NOT NULL,"
	"  actor_id INTEGER REFERENCES user(id),"
	"  task_id INTEGER,"			/* no reference: a task may go */
	"  annotation_id INTEGER,"
	"  body TEXT NOT NULL DEFAULT '',"
	"  count INTEGER NOT NULL DEFAULT 1 CHECK (count >= 1),"
	"  created_at TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL,"
	"  read_at TEXT"
	");"
	"CREATE INDEX notification_user ON notification(user_id, seq);"
	"CREATE INDEX notification_unread ON notification(user_id, seq)"
	"  WHERE read_at IS NULL;"
	"CREATE INDEX notification_batch"
	"  ON notification(user_id, project_id, kind) WHERE read_at IS NULL;" },
	/*
	 * 6: review (store/review.h). annotation is rebuilt for the state
	 * fixed in its CHECK list (a CHECK cannot be altered), with the time
	 * of its last submission (the review queue's order) and whether the
	 * project's review policy sampled it; its triggers come back counting
	 * fixed too. Verdicts and comments are rows of review, never
	 * overwritten (a withdrawal is a row that names the one it undoes);
	 * final answers are rows of final_answer, the newest per task the
	 * one that holds; review_lease keeps two reviewers off one task. The
	 * project's policy is three columns and its review counts four, kept
	 * by triggers like annotator.submitted, whoever writes.
	 */
	{ 6,
	"DROP TRIGGER annotator_count_insert;"
	"DROP TRIGGER annotator_count_update;"
	"DROP TRIGGER annotator_count_delete;"
	"DROP TRIGGER annotator_count_task;"
	"DROP TRIGGER annotator_cursor_draft;"
	"DROP TRIGGER annotator_cursor_delete;"
	"CREATE TABLE annotation_new ("
	"  id INTEGER PRIMARY KEY,"
	"  task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,"
	"  user_id INTEGER NOT NULL REFERENCES user(id),"
	"  state TEXT NOT NULL CHECK (state IN"
	"    ('draft','submitted','skipped','accepted','rejected','fixed')),"
	"  result TEXT NOT NULL DEFAULT '{}',"
	"  from_prediction INTEGER NOT NULL DEFAULT 0,"
	"  lead_time REAL NOT NULL DEFAULT 0,"
	"  late INTEGER NOT NULL DEFAULT 0,"
	"  acted_by INTEGER REFERENCES user(id),"
	"  created_at TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL,"
	"  seq INTEGER NOT NULL DEFAULT 0,"
	"  submitted_at TEXT,"			/* its last submission */
	"  sampled INTEGER NOT NULL DEFAULT 1,"	/* the policy reviews it */
	"  UNIQUE (task_id, user_id)"
	");"
	"INSERT INTO annotation_new (id, task_id, user_id, state, result,"
	"  from_prediction, lead_time, late, acted_by, created_at, updated_at,"
	"  seq, submitted_at)"
	"  SELECT id, task_id, user_id, state, result, from_prediction,"
	"  lead_time, late, acted_by, created_at, updated_at, seq,"
	"  CASE WHEN state IN ('submitted','accepted','rejected')"
	"  THEN updated_at END FROM annotation;"
	"DROP TABLE annotation;"
	"ALTER TABLE annotation_new RENAME TO annotation;"
	"CREATE INDEX annotation_user ON annotation(user_id, task_id);"
	"CREATE INDEX annotation_recent ON annotation(user_id, seq);"
	"CREATE INDEX annotation_draft ON annotation(user_id)"
	"  WHERE state = 'draft';"
	"CREATE INDEX annotation_skipped ON annotation(user_id)"
	"  WHERE state = 'skipped';"
	/* A person's rejected annotations, served first by the next task. */
	"CREATE INDEX annotation_rejected ON annotation(user_id)"
	"  WHERE state = 'rejected';"
	/* The review queue in submission order, by state, and by person. */
	"CREATE INDEX annotation_review ON annotation(state, submitted_at)"
	"  WHERE submitted_at IS NOT NULL;"
	"CREATE INDEX annotation_review_user ON annotation(user_id, state,"
	"  submitted_at) WHERE submitted_at IS NOT NULL;"
	"CREATE TRIGGER annotator_count_insert AFTER INSERT ON annotation"
	"  WHEN NEW.state IN ('submitted','accepted','rejected','fixed') BEGIN"
	"  INSERT INTO annotator (project_id, user_id, submitted)"
	"    SELECT project_id, NEW.user_id, 1 FROM task WHERE id = NEW.task_id"
	"    ON CONFLICT (project_id, user_id) DO UPDATE"
	"    SET submitted = submitted + 1;"
	"END;"
	"CREATE TRIGGER annotator_count_update AFTER UPDATE OF state"
	"  ON annotation WHEN"
	"  (OLD.state IN ('submitted','accepted','rejected','fixed'))"
	"  <> (NEW.state IN ('submitted','accepted','rejected','fixed')) BEGIN"
	"  INSERT INTO annotator (project_id, user_id, submitted)"
	"    SELECT project_id, NEW.user_id,"
	"    (NEW.state IN ('submitted','accepted','rejected','fixed')) -"
	"    (OLD.state IN ('submitted','accepted','rejected','fixed'))"
	"    FROM task WHERE id = NEW.task_id"
	"    ON CONFLICT (project_id, user_id) DO UPDATE"
	"    SET submitted = submitted + excluded.submitted;"
	"END;"
	"CREATE TRIGGER annotator_count_delete AFTER DELETE ON annotation"
	"  WHEN OLD.state IN ('submitted','accepted','rejected','fixed') BEGIN"
	"  UPDATE annotator SET submitted = submitted - 1"
	"    WHERE user_id = OLD.user_id AND project_id ="
	"    (SELECT project_id FROM task WHERE id = OLD.task_id);"
	"END;"
	"CREATE TRIGGER annotator_count_task BEFORE DELETE ON task"
	"  WHEN OLD.submitted > 0 BEGIN"
	"  UPDATE annotator SET submitted = submitted - 1"
	"    WHERE project_id = OLD.project_id AND user_id IN (SELECT user_id"
	"    FROM annotation WHERE task_id = OLD.id"
	"    AND state IN ('submitted','accepted','rejected','fixed'));"
	"  UPDATE project SET"
	"    to_review = to_review - (SELECT count(*) FROM annotation"
	"      WHERE task_id = OLD.id AND state = 'submitted' AND sampled),"
	"    accepted = accepted - (SELECT count(*) FROM annotation"
	"      WHERE task_id = OLD.id AND state = 'accepted'),"
	"    rejected = rejected - (SELECT count(*) FROM annotation"
	"      WHERE task_id = OLD.id AND state = 'rejected'),"
	"    fixed = fixed - (SELECT count(*) FROM annotation"
	"      WHERE task_id = OLD.id AND state = 'fixed')"
	"    WHERE id = OLD.project_id;"
	"END;"
	"CREATE TRIGGER annotator_cursor_draft AFTER UPDATE OF state"
	"  ON annotation WHEN OLD.state <> 'draft' AND NEW.state = 'draft' BEGIN"
	"  UPDATE annotator SET cur_priority = t.priority, cur_task = t.id"
	"    FROM task AS t WHERE t.id = NEW.task_id"
	"    AND annotator.project_id = t.project_id"
	"    AND annotator.user_id = NEW.user_id"
	"    AND annotator.cur_task IS NOT NULL"
	"    AND (annotator.cur_priority < t.priority"
	"    OR (annotator.cur_priority = t.priority"
	"    AND annotator.cur_task > t.id));"
	"END;"
	"CREATE TRIGGER annotator_cursor_delete AFTER DELETE ON annotation"
	"  WHEN OLD.state <> 'draft' BEGIN"
	"  UPDATE annotator SET cur_priority = t.priority, cur_task = t.id"
	"    FROM task AS t WHERE t.id = OLD.task_id"
	"    AND annotator.project_id = t.project_id"
	"    AND annotator.user_id = OLD.user_id"
	"    AND annotator.cur_task IS NOT NULL"
	"    AND (annotator.cur_priority < t.priority"
	"    OR (annotator.cur_priority = t.priority"
	"    AND annotator.cur_task > t.id));"
	"END;"
	/* The policy: none, all or sample:N (model/review.h). */
	"ALTER TABLE project ADD COLUMN review TEXT NOT NULL DEFAULT 'none';"
	"ALTER TABLE project ADD COLUMN on_reject TEXT NOT NULL"
	"  DEFAULT 'return' CHECK (on_reject IN ('return','remove'));"
	"ALTER TABLE project ADD COLUMN final_required INTEGER NOT NULL"
	"  DEFAULT 0;"
	"ALTER TABLE project ADD COLUMN to_review INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE project ADD COLUMN accepted INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE project ADD COLUMN rejected INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE project ADD COLUMN fixed INTEGER NOT NULL DEFAULT 0;"
	"UPDATE project SET"
	"  to_review = (SELECT count(*) FROM annotation a JOIN task t"
	"    ON t.id = a.task_id WHERE t.project_id = project.id"
	"    AND a.state = 'submitted'),"
	"  accepted = (SELECT count(*) FROM annotation a JOIN task t"
	"    ON t.id = a.task_id WHERE t.project_id = project.id"
	"    AND a.state = 'accepted'),"
	"  rejected = (SELECT count(*) FROM annotation a JOIN task t"
	"    ON t.id = a.task_id WHERE t.project_id = project.id"
	"    AND a.state = 'rejected');"
	"CREATE TRIGGER review_count_insert AFTER INSERT ON annotation"
	"  WHEN NEW.state IN ('submitted','accepted','rejected','fixed') BEGIN"
	"  UPDATE project SET"
	"    to_review = to_review + (NEW.state = 'submitted' AND NEW.sampled),"
	"    accepted = accepted + (NEW.state = 'accepted'),"
	"    rejected = rejected + (NEW.state = 'rejected'),"
	"    fixed = fixed + (NEW.state = 'fixed')"
	"    WHERE id = (SELECT project_id FROM task WHERE id = NEW.task_id);"
	"END;"
	"CREATE TRIGGER review_count_update AFTER UPDATE OF state, sampled"
	"  ON annotation WHEN OLD.state <> NEW.state"
	"  OR OLD.sampled <> NEW.sampled BEGIN"
	"  UPDATE project SET"
	"    to_review = to_review + (NEW.state = 'submitted' AND NEW.sampled)"
	"    - (OLD.state = 'submitted' AND OLD.sampled),"
	"    accepted = accepted + (NEW.state = 'accepted')"
	"    - (OLD.state = 'accepted'),"
	"    rejected = rejected + (NEW.state = 'rejected')"
	"    - (OLD.state = 'rejected'),"
	"    fixed = fixed + (NEW.state = 'fixed') - (OLD.state = 'fixed')"
	"    WHERE id = (SELECT project_id FROM task WHERE id = NEW.task_id);"
	"END;"
	"CREATE TRIGGER review_count_delete AFTER DELETE ON annotation"
	"  WHEN OLD.state IN ('submitted','accepted','rejected','fixed') BEGIN"
	"  UPDATE project SET"
	"    to_review = to_review - (OLD.state = 'submitted' AND OLD.sampled),"
	"    accepted = accepted - (OLD.state = 'accepted'),"
	"    rejected = rejected - (OLD.state = 'rejected'),"
	"    fixed = fixed - (OLD.state = 'fixed')"
	"    WHERE id = (SELECT project_id FROM task WHERE id = OLD.task_id);"
	"END;"
	"CREATE TABLE review ("
	"  id INTEGER PRIMARY KEY,"
	"  annotation_id INTEGER NOT NULL REFERENCES annotation(id)"
	"    ON DELETE CASCADE,"
	"  reviewer_id INTEGER NOT NULL REFERENCES user(id),"
	"  acted_by INTEGER REFERENCES user(id),"	/* real login of --as */
	"  verdict TEXT NOT NULL CHECK (verdict IN"
	"    ('accept','reject','fix','comment','reopen','withdraw')),"
	"  comment TEXT NOT NULL DEFAULT '',"
	"  result TEXT,"				/* a fix's result */
	"  from_state TEXT NOT NULL,"		/* what the verdict found */
	"  withdraws INTEGER REFERENCES review(id),"
	"  created_at TEXT NOT NULL"
	");"
	"CREATE INDEX review_annotation ON review(annotation_id);"
	"CREATE TABLE final_answer ("
	"  id INTEGER PRIMARY KEY,"
	"  task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,"
	"  result TEXT NOT NULL,"
	"  from_annotation INTEGER REFERENCES annotation(id)"
	"    ON DELETE SET NULL,"
	"  settled_by INTEGER NOT NULL REFERENCES user(id),"
	"  acted_by INTEGER REFERENCES user(id),"
	"  created_at TEXT NOT NULL"
	");"
	"CREATE INDEX final_answer_task ON final_answer(task_id);"
	"CREATE TABLE review_lease ("
	"  task_id INTEGER PRIMARY KEY REFERENCES task(id) ON DELETE CASCADE,"
	"  user_id INTEGER NOT NULL REFERENCES user(id),"
	"  expires_at INTEGER NOT NULL"
	");" },
	/* 7: import batches (HACKING "Imports that never block"): an import
	 * loads in chunks into a batch that no reader sees until it is
	 * published; a project's tasks from loading_from on are its loading
	 * batch's (NULL: none loads). pid, host and heartbeat tell a batch
	 * whose process died; doing is what its writer says it is doing,
	 * for whoever waits on the lock. */
	{ 7,
	"CREATE TABLE import_batch ("
	"  id INTEGER PRIMARY KEY,"
	"  project_id INTEGER NOT NULL REFERENCES project(id)"
	"    ON DELETE CASCADE,"
	"  user_id INTEGER REFERENCES user(id),"
	"  action TEXT NOT NULL,"
	"  file TEXT NOT NULL DEFAULT '',"
	"  state TEXT NOT NULL CHECK (state IN ('loading','published')),"
	"  first_task INTEGER,"
	"  last_task INTEGER,"
	"  tasks INTEGER NOT NULL DEFAULT 0,"		/* added */
	"  updated INTEGER NOT NULL DEFAULT 0,"
	"  pid INTEGER,"
	"  host TEXT NOT NULL DEFAULT '',"
	"  proc_start TEXT NOT NULL DEFAULT '',"
	"  heartbeat INTEGER NOT NULL DEFAULT 0,"
	"  doing TEXT NOT NULL DEFAULT '',"
	"  started_at TEXT NOT NULL,"
	"  published_at TEXT"
	");"
	"CREATE INDEX import_batch_project ON import_batch(project_id);"
	"CREATE INDEX import_batch_loading ON import_batch(state)"
	"  WHERE state = 'loading';"
	"ALTER TABLE project ADD COLUMN loading_from INTEGER;" },
	/*
	 * 8: the rules of the loop (issue 9 section 3). on_reject says its
	 * words, requeue or remove (6 had 'return' for requeue); a reject
	 * needs a comment unless comment_required is 0. An annotation
	 * rejected under on_reject: remove is removed: it stays rejected
	 * (and is exported so) but counts toward no overlap, its person's
	 * count included, and leaves its person's queue
	 * (annotation_rejected). done_count is counted again by the rule
	 * of store/internal.h's TASK_DONE_SQL: the overlap met and, under
	 * a policy, no sampled annotation waiting for a verdict or a
	 * resubmission, and a final answer where one is required.
	 */
	{ 8,
	"ALTER TABLE project ADD COLUMN on_reject_new TEXT NOT NULL"
	"  DEFAULT 'requeue' CHECK (on_reject_new IN ('requeue','remove'));"
	"UPDATE project SET on_reject_new = 'remove'"
	"  WHERE on_reject = 'remove';"
	"ALTER TABLE project DROP COLUMN on_reject;"
	"ALTER TABLE project RENAME COLUMN on_reject_new TO on_reject;"
	"ALTER TABLE project ADD COLUMN comment_required INTEGER NOT NULL"
	"  DEFAULT 1;"
	"ALTER TABLE annotation ADD COLUMN removed INTEGER NOT NULL"
	"  DEFAULT 0;"
	"DROP INDEX annotation_rejected;"
	"CREATE INDEX annotation_rejected ON annotation(user_id)"
	"  WHERE state = 'rejected' AND removed = 0;"
	"DROP TRIGGER annotator_count_insert;"
	"DROP TRIGGER annotator_count_update;"
	"DROP TRIGGER annotator_count_delete;"
	"DROP TRIGGER annotator_count_task;"
	"CREATE TRIGGER annotator_count_insert AFTER INSERT ON annotation"
	"  WHEN NEW.state IN ('submitted','accepted','rejected','fixed')"
	"  AND NEW.removed = 0 BEGIN"
	"  INSERT INTO annotator (project_id, user_id, submitted)"
	"    SELECT project_id, NEW.user_id, 1 FROM task WHERE id = NEW.task_id"
	"    ON CONFLICT (project_id, user_id) DO UPDATE"
	"    SET submitted = submitted + 1;"
	"END;"
	"CREATE TRIGGER annotator_count_update AFTER UPDATE OF state, removed"
	"  ON annotation WHEN"
	"  (OLD.state IN ('submitted','accepted','rejected','fixed')"
	"  AND OLD.removed = 0)"
	"  <> (NEW.state IN ('submitted','accepted','rejected','fixed')"
	"  AND NEW.removed = 0) BEGIN"
	"  INSERT INTO annotator (project_id, user_id, submitted)"
	"    SELECT project_id, NEW.user_id,"
	"    (NEW.state IN ('submitted','accepted','rejected','fixed')"
	"    AND NEW.removed = 0) -"
	"    (OLD.state IN ('submitted','accepted','rejected','fixed')"
	"    AND OLD.removed = 0)"
	"    FROM task WHERE id = NEW.task_id"
	"    ON CONFLICT (project_id, user_id) DO UPDATE"
	"    SET submitted = submitted + excluded.submitted;"
	"END;"
	"CREATE TRIGGER annotator_count_delete AFTER DELETE ON annotation"
	"  WHEN OLD.state IN ('submitted','accepted','rejected','fixed')"
	"  AND OLD.removed = 0 BEGIN"
	"  UPDATE annotator SET submitted = submitted - 1"
	"    WHERE user_id = OLD.user_id AND project_id ="
	"    (SELECT project_id FROM task WHERE id = OLD.task_id);"
	"END;"
	"CREATE TRIGGER annotator_count_task BEFORE DELETE ON task"
	"  WHEN OLD.submitted > 0 BEGIN"
	"  UPDATE annotator SET submitted = submitted - 1"
	"    WHERE project_id = OLD.project_id AND user_id IN (SELECT user_id"
	"    FROM annotation WHERE task_id = OLD.id AND removed = 0"
	"    AND state IN ('submitted','accepted','rejected','fixed'));"
	"  UPDATE project SET"
	"    to_review = to_review - (SELECT count(*) FROM annotation"
	"      WHERE task_id = OLD.id AND state = 'submitted' AND sampled),"
	"    accepted = accepted - (SELECT count(*) FROM annotation"
	"      WHERE task_id = OLD.id AND state = 'accepted'),"
	"    rejected = rejected - (SELECT count(*) FROM annotation"
	"      WHERE task_id = OLD.id AND state = 'rejected'),"
	"    fixed = fixed - (SELECT count(*) FROM annotation"
	"      WHERE task_id = OLD.id AND state = 'fixed')"
	"    WHERE id = OLD.project_id;"
	"END;"
	"UPDATE project SET done_count = (SELECT count(*) FROM task t"
	"  WHERE t.project_id = project.id"
	"  AND t.id < coalesce(project.loading_from, 9223372036854775807)"
	"  AND t.submitted >= project.overlap"
	"  AND (project.review = 'none' OR NOT EXISTS (SELECT 1"
	"    FROM annotation a WHERE a.task_id = t.id AND a.sampled"
	"    AND a.removed = 0 AND a.state IN ('submitted','rejected')))"
	"  AND (project.final_required = 0 OR project.overlap <= 1"
	"    OR EXISTS (SELECT 1 FROM final_answer f"
	"    WHERE f.task_id = t.id)));" },
	/*
	 * 9: gold tasks (issue 12 section 1). task.gold (migration 1) holds
	 * a task's known answer; is_gold says it has one, as a column of
	 * task_next so that the next-task walk leaves gold tasks out of
	 * its streams reading the index alone (an expression or a
	 * generated column would make it read each task's row), and
	 * task_gold walks a project's gold tasks. A gold task counts in
	 * neither task_count nor done_count. gold_every and
	 * gold_onboarding are the config's gold_rate (as every Nth task
	 * served, N = ceil(1/rate); 0 none) and gold_onboarding, kept for
	 * the walk beside the config. gold_score holds each person's score
	 * on each gold task (strict and lenient matching), written by the
	 * submission; annotator.gold_paused stops new work for a person
	 * below gold_min_score under gold_pause, and gold_from is the
	 * highest score id when a manager resumed them: their mean counts
	 * the scores after it.
	 */
	{ 9,
	"ALTER TABLE task ADD COLUMN is_gold INTEGER NOT NULL DEFAULT 0;"
	"UPDATE task SET is_gold = 1 WHERE gold IS NOT NULL;"
	"DROP INDEX task_next;"
	"CREATE INDEX task_next ON task(project_id, submitted, is_gold,"
	"  priority DESC, id);"
	"CREATE INDEX task_gold ON task(project_id, id) WHERE is_gold = 1;"
	"ALTER TABLE project ADD COLUMN gold_every INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE project ADD COLUMN gold_onboarding INTEGER NOT NULL"
	"  DEFAULT 0;"
	"ALTER TABLE annotator ADD COLUMN gold_paused INTEGER NOT NULL"
	"  DEFAULT 0;"
	"ALTER TABLE annotator ADD COLUMN gold_from INTEGER NOT NULL"
	"  DEFAULT 0;"
	"CREATE TABLE gold_score ("
	"  id INTEGER PRIMARY KEY,"
	"  project_id INTEGER NOT NULL REFERENCES project(id)"
	"    ON DELETE CASCADE,"
	"  task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,"
	"  user_id INTEGER NOT NULL REFERENCES user(id),"
	"  annotation_id INTEGER REFERENCES annotation(id)"
	"    ON DELETE SET NULL,"
	"  strict REAL NOT NULL,"		/* 0 .. 1 */
	"  lenient REAL NOT NULL,"
	"  detail TEXT NOT NULL,"		/* per control, JSON */
	"  scored_at TEXT NOT NULL,"
	"  UNIQUE (task_id, user_id)"
	");"
	"CREATE INDEX gold_score_user ON gold_score(project_id, user_id);"
	"UPDATE project SET task_count = (SELECT count(*) FROM task t"
	"  WHERE t.project_id = project.id AND t.is_gold = 0"
	"  AND t.id < coalesce(project.loading_from, 9223372036854775807)),"
	"  done_count = (SELECT count(*) FROM task t"
	"  WHERE t.project_id = project.id AND t.is_gold = 0"
	"  AND t.id < coalesce(project.loading_from, 9223372036854775807)"
	"  AND t.submitted >= project.overlap"
	"  AND (project.review = 'none' OR NOT EXISTS (SELECT 1"
	"    FROM annotation a WHERE a.task_id = t.id AND a.sampled"
	"    AND a.removed = 0 AND a.state IN ('submitted','rejected')))"
	"  AND (project.final_required = 0 OR project.overlap <= 1"
	"    OR EXISTS (SELECT 1 FROM final_answer f"
	"    WHERE f.task_id = t.id)));" },
	/* 10: the tokens a file gave a task (CoNLL, spaCy, Prodigy), as
	 * model/tokens.h's array of code point offsets; NULL: the
	 * tokenizer's. */
	{ 10,
	"ALTER TABLE task ADD COLUMN tokens TEXT;" },
	/*
	 * 11: the new content of tasks an --update changes (HACKING "Imports
	 * that never block"), written in chunks while its batch loads,
	 * what readers see once the batch is published, folded into task
	 * in short transactions after. task_id is the task's own id: one
	 * update at a time per task (imports into a project wait for the
	 * fold of the one before).
	 */
	{ 11,
	"CREATE TABLE task_update ("
	"  task_id INTEGER PRIMARY KEY REFERENCES task(id) ON DELETE CASCADE,"
	"  batch_id INTEGER NOT NULL REFERENCES import_batch(id)"
	"    ON DELETE CASCADE,"
	"  kind TEXT NOT NULL CHECK (kind IN ('text','image')),"
	"  text TEXT,"
	"  image TEXT,"
	"  width INTEGER,"
	"  height INTEGER,"
	"  meta TEXT NOT NULL,"
	"  tokens TEXT"
	");"
	"CREATE INDEX task_update_batch ON task_update(batch_id);" },
	/*
	 * 12: extra annotators (issue 12 section 2). task.wanted is a
	 * task's own overlap when its agreement asked for more annotators
	 * (0: the project's), set by the submission that brought it to its
	 * overlap. task_wanting holds the tasks that want more than they
	 * have, in the walk's order and covering it (the walk's extra part
	 * reads the index alone: is_gold is a column too, or SQLite would
	 * read each row for the term its WHERE already says).
	 * project.extra_below and extra_max are the config's extra_annotators_below and
	 * extra_annotators_max, kept for the submission beside the config
	 * (0: none). annotator.want_priority and want_task are a person's
	 * cursor in task_wanting (NULL: from the top), as cur_* are in the
	 * streams: every wanting task before it is one they annotated. The
	 * triggers move it back where that stops being true: a task enters
	 * task_wanting or moves in it (priority), their annotation of one
	 * goes back to a draft or away.
	 */
	{ 12,
	"ALTER TABLE task ADD COLUMN wanted INTEGER NOT NULL DEFAULT 0;"
	"CREATE INDEX task_wanting ON task(project_id, priority DESC, id,"
	"  submitted, wanted, is_gold) WHERE wanted > submitted"
	"  AND is_gold = 0;"
	"ALTER TABLE project ADD COLUMN extra_below REAL NOT NULL DEFAULT 0;"
	"ALTER TABLE project ADD COLUMN extra_max INTEGER NOT NULL"
	"  DEFAULT 0;"
	"ALTER TABLE annotator ADD COLUMN want_priority INTEGER;"
	"ALTER TABLE annotator ADD COLUMN want_task INTEGER;"
	"CREATE TRIGGER annotator_want_task AFTER UPDATE OF wanted, submitted,"
	"  priority, is_gold ON task WHEN NEW.wanted > NEW.submitted"
	"  AND NEW.is_gold = 0 AND (OLD.wanted <= OLD.submitted"
	"  OR OLD.is_gold <> 0 OR NEW.priority <> OLD.priority) BEGIN"
	"  UPDATE annotator SET want_priority = NEW.priority,"
	"    want_task = NEW.id WHERE project_id = NEW.project_id"
	"    AND want_task IS NOT NULL AND (want_priority < NEW.priority"
	"    OR (want_priority = NEW.priority AND want_task > NEW.id));"
	"END;"
	"CREATE TRIGGER annotator_want_draft AFTER UPDATE OF state"
	"  ON annotation WHEN OLD.state <> 'draft' AND NEW.state = 'draft' BEGIN"
	"  UPDATE annotator SET want_priority = t.priority, want_task = t.id"
	"    FROM task AS t WHERE t.id = NEW.task_id"
	"    AND annotator.project_id = t.project_id"
	"    AND annotator.user_id = NEW.user_id"
	"    AND annotator.want_task IS NOT NULL"
	"    AND (annotator.want_priority < t.priority"
	"    OR (annotator.want_priority = t.priority"
	"    AND annotator.want_task > t.id));"
	"END;"
	"CREATE TRIGGER annotator_want_delete AFTER DELETE ON annotation"
	"  WHEN OLD.state <> 'draft' BEGIN"
	"  UPDATE annotator SET want_priority = t.priority, want_task = t.id"
	"    FROM task AS t WHERE t.id = OLD.task_id"
	"    AND annotator.project_id = t.project_id"
	"    AND annotator.user_id = OLD.user_id"
	"    AND annotator.want_task IS NOT NULL"
	"    AND (annotator.want_priority < t.priority"
	"    OR (annotator.want_priority = t.priority"
	"    AND annotator.want_task > t.id));"
	"END;" },
	/*
	 * 13: the insert and delete triggers that keep the review and the
	 * per-person counts test the counted states as OR terms, not as
	 * "state IN (...)": SQLite builds the IN list's ephemeral table on
	 * each firing: that was half of what the two insert triggers cost
	 * an import of annotations (a CoNLL import of 100k sentences: 3.5 s
	 * -> 2.7 s CPU). Same states, same bodies.
	 */
	{ 13,
	"DROP TRIGGER review_count_insert;"
	"DROP TRIGGER review_count_delete;"
	"DROP TRIGGER annotator_count_insert;"
	"DROP TRIGGER annotator_count_delete;"
	"CREATE TRIGGER review_count_insert AFTER INSERT ON annotation"
	"  WHEN NEW.state = 'submitted' OR NEW.state = 'accepted'"
	"  OR NEW.state = 'rejected' OR NEW.state = 'fixed' BEGIN"
	"  UPDATE project SET"
	"    to_review = to_review + (NEW.state = 'submitted' AND NEW.sampled),"
	"    accepted = accepted + (NEW.state = 'accepted'),"
	"    rejected = rejected + (NEW.state = 'rejected'),"
	"    fixed = fixed + (NEW.state = 'fixed')"
	"    WHERE id = (SELECT project_id FROM task WHERE id = NEW.task_id);"
	"END;"
	"CREATE TRIGGER review_count_delete AFTER DELETE ON annotation"
	"  WHEN OLD.state = 'submitted' OR OLD.state = 'accepted'"
	"  OR OLD.state = 'rejected' OR OLD.state = 'fixed' BEGIN"
	"  UPDATE project SET"
	"    to_review = to_review - (OLD.state = 'submitted' AND OLD.sampled),"
	"    accepted = accepted - (OLD.state = 'accepted'),"
	"    rejected = rejected - (OLD.state = 'rejected'),"
	"    fixed = fixed - (OLD.state = 'fixed')"
	"    WHERE id = (SELECT project_id FROM task WHERE id = OLD.task_id);"
	"END;"
	"CREATE TRIGGER annotator_count_insert AFTER INSERT ON annotation"
	"  WHEN (NEW.state = 'submitted' OR NEW.state = 'accepted'"
	"  OR NEW.state = 'rejected' OR NEW.state = 'fixed')"
	"  AND NEW.removed = 0 BEGIN"
	"  INSERT INTO annotator (project_id, user_id, submitted)"
	"    SELECT project_id, NEW.user_id, 1 FROM task WHERE id = NEW.task_id"
	"    ON CONFLICT (project_id, user_id) DO UPDATE"
	"    SET submitted = submitted + 1;"
	"END;"
	"CREATE TRIGGER annotator_count_delete AFTER DELETE ON annotation"
	"  WHEN (OLD.state = 'submitted' OR OLD.state = 'accepted'"
	"  OR OLD.state = 'rejected' OR OLD.state = 'fixed')"
	"  AND OLD.removed = 0 BEGIN"
	"  UPDATE annotator SET submitted = submitted - 1"
	"    WHERE user_id = OLD.user_id AND project_id ="
	"    (SELECT project_id FROM task WHERE id = OLD.task_id);"
	"END;" },
	/*
	 * 14: the answers in force (submitted, accepted, fixed, not removed)
	 * in key order with their results, for the quality figures'
	 * reader (store/quality.c): its statement names the index's WHERE
	 * terms, so SQLite reads the index alone, never a row of the table
	 * (a seek per annotation: at 2,000,000 annotations agreement's read
	 * went from 1.1-1.4 s to 0.65-0.8 s user in the sqlite3 shell).
	 * The index holds the result's text a second time: about 100 bytes
	 * an answer.
	 */
	{ 14,
	"CREATE INDEX annotation_force ON annotation(task_id, user_id, result)"
	"  WHERE state IN ('submitted','accepted','fixed') AND removed = 0;" },
	/*
	 * 15: annotation_force's states as OR terms, as migration 13 wrote
	 * the count triggers'. SQLite (3.40) codes a list of three or more
	 * constants in a partial index's WHERE as a transient table built
	 * again for every row that an INSERT or UPDATE of annotation
	 * writes: at 20,000 CoNLL sentences (callgrind, IMPORT_CHUNK_MS=2500)
	 * 19,689 clears of that table and its six-key build were ~10% of
	 * the import's instructions. The same rows, the same key: the
	 * quality reader's statement (store/quality.c) names these terms
	 * as written here, so SQLite still reads the index alone.
	 */
	{ 15,
	"DROP INDEX annotation_force;"
	"CREATE INDEX annotation_force ON annotation(task_id, user_id, result)"
	"  WHERE (state = 'submitted' OR state = 'accepted' OR state = 'fixed')"
	"  AND removed = 0;" },
	/*
	 * 16: annotator_count_update (migration 8) with its states as OR
	 * terms, as migration 13 wrote the insert and delete triggers':
	 * SQLite (3.40) built a transient table for each of its four
	 * "state IN (...)" lists (two in the WHEN, two in the body) on
	 * every firing, that is on every UPDATE of an annotation's state
	 * or removed, counted or not (EXPLAIN: four OpenEphemeral in the
	 * trigger's program, none now). Same states, same body.
	 */
	{ 16,
	"DROP TRIGGER annotator_count_update;"
	"CREATE TRIGGER annotator_count_update AFTER UPDATE OF state, removed"
	"  ON annotation WHEN"
	"  ((OLD.state = 'submitted' OR OLD.state = 'accepted'"
	"  OR OLD.state = 'rejected' OR OLD.state = 'fixed')"
	"  AND OLD.removed = 0)"
	"  <> ((NEW.state = 'submitted' OR NEW.state = 'accepted'"
	"  OR NEW.state = 'rejected' OR NEW.state = 'fixed')"
	"  AND NEW.removed = 0) BEGIN"
	"  INSERT INTO annotator (project_id, user_id, submitted)"
	"    SELECT project_id, NEW.user_id,"
	"    ((NEW.state = 'submitted' OR NEW.state = 'accepted'"
	"    OR NEW.state = 'rejected' OR NEW.state = 'fixed')"
	"    AND NEW.removed = 0) -"
	"    ((OLD.state = 'submitted' OR OLD.state = 'accepted'"
	"    OR OLD.state = 'rejected' OR OLD.state = 'fixed')"
	"    AND OLD.removed = 0)"
	"    FROM task WHERE id = NEW.task_id"
	"    ON CONFLICT (project_id, user_id) DO UPDATE"
	"    SET submitted = submitted + excluded.submitted;"
	"END;" },
};

size_t
schema_migration_count(void)
{
	return sizeof migrations / sizeof migrations[0];
}

const char *
schema_migration(size_t from)
{
	if (from >= schema_migration_count())
		return NULL;
	return migrations[from].sql;
}

int
schema_migration_version(size_t i)
{
	if (i >= schema_migration_count())
		return -1;
	return migrations[i].version;
}
