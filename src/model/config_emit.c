/* Writing the label config back as YAML, through libyaml's emitter, which
 * does the quoting. What it writes, config_parse reads back the same
 * (check_config and fuzz_config check it). Empty fields are left out, and
 * a label is written as a flow mapping on one line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "model/config.h"
#include "util/buf.h"
#include "util/error.h"

/* The emitter, writing into a buffer. */
static int
emit_write(void *arg, unsigned char *data, size_t len)
{
	buf_add(arg, data, len);
	return 1;
}

static int
emit_scalar(yaml_emitter_t *e, const char *s, yaml_scalar_style_t style)
{
	yaml_event_t	ev;

	if (!yaml_scalar_event_initialize(&ev, NULL, NULL,
	    (yaml_char_t *)s, (int)strlen(s), 1, 1, style))
		return 0;
	return yaml_emitter_emit(e, &ev);
}

static int
emit_pair(yaml_emitter_t *e, const char *k, const char *v)
{
	return emit_scalar(e, k, YAML_PLAIN_SCALAR_STYLE) &&
	    emit_scalar(e, v, YAML_ANY_SCALAR_STYLE);
}

static int
emit_start(yaml_emitter_t *e, int mapping, int flow)
{
	yaml_event_t	ev;
	int		ok;

	if (mapping)
		ok = yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
		    flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE);
	else
		ok = yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
		    flow ? YAML_FLOW_SEQUENCE_STYLE :
		    YAML_BLOCK_SEQUENCE_STYLE);
	return ok && yaml_emitter_emit(e, &ev);
}

static int
emit_end(yaml_emitter_t *e, int mapping)
{
	yaml_event_t	ev;

	if (mapping)
		yaml_mapping_end_event_initialize(&ev);
	else
		yaml_sequence_end_event_initialize(&ev);
	return yaml_emitter_emit(e, &ev);
}

static int
emit_label(yaml_emitter_t *e, const struct label *l)
{
	char	id[16];

	snprintf(id, sizeof id, "%d", l->id);
	return emit_start(e, 1, 1) &&
	    emit_pair(e, "name", l->name) &&
	    (!l->has_id || emit_pair(e, "id", id)) &&
	    (l->key[0] == '\0' || emit_pair(e, "key", l->key)) &&
	    (l->description[0] == '\0' ||
	    emit_pair(e, "description", l->description)) &&
	    (l->colour[0] == '\0' || emit_pair(e, "colour", l->colour)) &&
	    (!l->retired || emit_pair(e, "retired", "true")) &&
	    emit_end(e, 1);
}

static int
emit_control(yaml_emitter_t *e, const struct control *c)
{
	char	max[16];
	size_t	i;

	snprintf(max, sizeof max, "%d", c->max);
	if (!emit_start(e, 1, 0) || !emit_pair(e, "name", c->name) ||
	    !emit_pair(e, "kind", control_kind_name(c->kind)))
		return 0;
	if (c->kind == CONTROL_RATING && !emit_pair(e, "max", max))
		return 0;
	if (c->allow_empty && !emit_pair(e, "allow_empty", "true"))
		return 0;
	if (c->multiline && !emit_pair(e, "multiline", "true"))
		return 0;
	if (c->retired && !emit_pair(e, "retired", "true"))
		return 0;
	if (control_has_labels(c->kind)) {
		if (!emit_scalar(e, "labels", YAML_PLAIN_SCALAR_STYLE) ||
		    !emit_start(e, 0, 0))
			return 0;
		for (i = 0; i < c->nlabels; i++)
			if (!emit_label(e, &c->labels[i]))
				return 0;
		if (!emit_end(e, 0))
			return 0;
	}
	return emit_end(e, 1);
}

/* A share as the config writes it: the shortest digits that read back
 * the same (%.17g would write 0.10000000000000001). */
static const char *
fraction_text(double v, char *buf, size_t len)
{
	int	prec;

	for (prec = 1; prec < 17; prec++) {
		snprintf(buf, len, "%.*f", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	return buf;
}

/* The gold settings that are not the defaults. */
static int
emit_gold(yaml_emitter_t *e, const struct gold_policy *g)
{
	char	text[32];

	if (g->rate > 0 && !emit_pair(e, "gold_rate",
	    fraction_text(g->rate, text, sizeof text)))
		return 0;
	snprintf(text, sizeof text, "%d", g->onboarding);
	if (g->onboarding > 0 && !emit_pair(e, "gold_onboarding", text))
		return 0;
	if (g->min_score >= 0 && !emit_pair(e, "gold_min_score",
	    fraction_text(g->min_score, text, sizeof text)))
		return 0;
	if (g->lenient && !emit_pair(e, "gold_match", GOLD_MATCH_LENIENT))
		return 0;
	snprintf(text, sizeof text, "%d", g->min_tasks);
	if (g->min_tasks != GOLD_MIN_TASKS_DEFAULT &&
	    !emit_pair(e, "gold_min_tasks", text))
		return 0;
	return !g->pause || emit_pair(e, "gold_pause", "true");
}

/* settings:, each only where it is not the default, so that a config
 * that never said one reads back the same. */
static int
emit_settings(yaml_emitter_t *e, const struct config *cfg)
{
	const struct review_policy *r = &cfg->review;
	char		text[32];

	if (!cfg->require_enter && r->sample < 0 && !r->on_reject_remove &&
	    !r->final_required && r->comment_required &&
	    gold_policy_default(&cfg->gold) && cfg->consensus_min == 0 &&
	    cfg->extra_below <= 0 && cfg->extra_max <= 0)
		return 1;
	if (!emit_scalar(e, "settings", YAML_PLAIN_SCALAR_STYLE) ||
	    !emit_start(e, 1, 0))
		return 0;
	if (cfg->require_enter && !emit_pair(e, "require_enter", "true"))
		return 0;
	if (r->sample >= 0 && !emit_pair(e, "review",
	    review_policy_text(r, text, sizeof text)))
		return 0;
	if (r->on_reject_remove && !emit_pair(e, "on_reject",
	    review_on_reject_text(r)))
		return 0;
	if (r->final_required && !emit_pair(e, "final", review_final_text(r)))
		return 0;
	if (!r->comment_required && !emit_pair(e, "comment_required",
	    "false"))
		return 0;
	if (!emit_gold(e, &cfg->gold))
		return 0;
	snprintf(text, sizeof text, "%d", cfg->consensus_min);
	if (cfg->consensus_min > 0 && !emit_pair(e, "consensus_min", text))
		return 0;
	if (cfg->extra_below > 0 && !emit_pair(e, "extra_annotators_below",
	    fraction_text(cfg->extra_below, text, sizeof text)))
		return 0;
	snprintf(text, sizeof text, "%d", cfg->extra_max);
	if (cfg->extra_max > 0 && !emit_pair(e, "extra_annotators_max", text))
		return 0;
	return emit_end(e, 1);
}

static int
emit_config(yaml_emitter_t *e, const struct config *cfg)
{
	yaml_event_t	ev;
	char		overlap[16];
	size_t		i;

	snprintf(overlap, sizeof overlap, "%d", cfg->overlap);
	if (!yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING) ||
	    !yaml_emitter_emit(e, &ev) ||
	    !yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1) ||
	    !yaml_emitter_emit(e, &ev) || !emit_start(e, 1, 0))
		return 0;
	if (cfg->type[0] != '\0' && !emit_pair(e, "type", cfg->type))
		return 0;
	if (cfg->instructions[0] != '\0' &&
	    (!emit_scalar(e, "instructions", YAML_PLAIN_SCALAR_STYLE) ||
	    !emit_scalar(e, cfg->instructions,
	    strchr(cfg->instructions, '\n') != NULL ?
	    YAML_LITERAL_SCALAR_STYLE : YAML_ANY_SCALAR_STYLE)))
		return 0;
	if (cfg->overlap > 0 && !emit_pair(e, "overlap", overlap))
		return 0;
	if (!emit_settings(e, cfg))
		return 0;
	if (cfg->keys.n > 0) {
		if (!emit_scalar(e, "keys", YAML_PLAIN_SCALAR_STYLE) ||
		    !emit_start(e, 1, 0))
			return 0;
		for (i = 0; i < cfg->keys.n; i++)
			if (!emit_scalar(e, cfg->keys.v[i].request,
			    YAML_ANY_SCALAR_STYLE) ||
			    !emit_scalar(e, cfg->keys.v[i].key,
			    YAML_ANY_SCALAR_STYLE))
				return 0;
		if (!emit_end(e, 1))
			return 0;
	}
	if (!emit_scalar(e, "controls", YAML_PLAIN_SCALAR_STYLE) ||
	    !emit_start(e, 0, 0))
		return 0;
	for (i = 0; i < cfg->ncontrols; i++)
		if (!emit_control(e, &cfg->controls[i]))
			return 0;
	if (!emit_end(e, 0) || !emit_end(e, 1) ||
	    !yaml_document_end_event_initialize(&ev, 1) ||
	    !yaml_emitter_emit(e, &ev) ||
	    !yaml_stream_end_event_initialize(&ev) ||
	    !yaml_emitter_emit(e, &ev))
		return 0;
	return 1;
}

char *
config_to_yaml(const struct config *cfg)
{
	yaml_emitter_t	 e;
	struct buf	 out = BUF_INIT;

	yaml_emitter_initialize(&e);
	yaml_emitter_set_output(&e, emit_write, &out);
	yaml_emitter_set_unicode(&e, 1);
	yaml_emitter_set_width(&e, -1);
	yaml_emitter_set_indent(&e, 2);
	if (!emit_config(&e, cfg)) {
		/* Only text that the checks let through reaches here. */
		error("writing the label config: %s",
		    e.problem ? e.problem : "YAML emitter failed");
		yaml_emitter_delete(&e);
		buf_release(&out);
		return NULL;
	}
	yaml_emitter_delete(&e);
	return buf_detach(&out);
}
