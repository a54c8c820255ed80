/* The schema, as a list of forward migrations: migrations[i] takes a
 * database from user_version i to i + 1. Never edit a migration that has
 * shipped; add the next one. */
#include <stddef.h>

#include "store/schema.h"

static const char *const migrations[] = {
	/* 0 -> 1: users, projects, tasks, annotations, predictions, leases. */
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
	"  UNIQUE (task_id, user_id)"
	");"
	"CREATE INDEX annotation_user ON annotation(user_id, task_id);"
	"CREATE TABLE lease ("
	"  task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,"
	"  user_id INTEGER NOT NULL REFERENCES user(id),"
	"  expires_at INTEGER NOT NULL,"	/* unix seconds */
	"  PRIMARY KEY (task_id, user_id)"
	");"
	"CREATE INDEX lease_expiry ON lease(expires_at);"
	"CREATE TABLE audit ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  user_id INTEGER REFERENCES user(id),"
	"  real_user_id INTEGER REFERENCES user(id),"
	"  action TEXT NOT NULL,"
	"  object TEXT NOT NULL DEFAULT '',"
	"  detail TEXT NOT NULL DEFAULT ''"
	");",
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
	return migrations[from];
}
