/* For the fuzz targets and unit tests of a reader that hands its
 * annotations over as text (model/record.h's record_ann): the record's
 * annotations as the tree a reader without that gives (the objects the
 * store reads: "user", "state", "result", "lead_time", the flags,
 * "created_at", "updated_at", in that order), so that a transcript of
 * either reading is the same bytes. Each result's text must be its own
 * JSON_COMPACT dump, as the store keeps it as given: anything else
 * aborts. */
#ifndef SCALEC_FUZZ_ANNTEXT_H
#define SCALEC_FUZZ_ANNTEXT_H

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "model/record.h"

/* The result text of a (NULL: none), parsed; aborts unless the text is
 * exactly json_dumps(tree, JSON_COMPACT). */
static json_t *
anntext_result(const struct record_ann *a)
{
	json_t	*j;
	char	*back;

	if (a->result == NULL)
		return NULL;
	if (strlen(a->result) != a->result_len ||
	    (j = json_loadb(a->result, a->result_len, JSON_DECODE_ANY,
	    NULL)) == NULL)
		abort();
	back = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
	if (back == NULL || strcmp(back, a->result) != 0)
		abort();
	free(back);
	return j;
}

/* rec's annotations as a tree (a new reference), or NULL for none. */
static json_t * __attribute__((unused))
anntext_tree(const struct record *rec)
{
	const struct record_ann	*a;
	json_t			*list, *o, *res;
	size_t			 i;

	if (rec->anns == NULL)
		return json_incref(rec->annotations);
	if (rec->annotations != NULL)
		abort();		/* one or the other */
	list = json_array();
	for (i = 0; i < rec->nanns; i++) {
		a = &rec->anns[i];
		o = json_object();
		if (a->user != NULL)
			json_object_set_new(o, "user", json_string(a->user));
		if (a->state != NULL)
			json_object_set_new(o, "state", json_string(a->state));
		if ((res = anntext_result(a)) != NULL)
			json_object_set_new(o, "result", res);
		if (a->has_lead_time)
			json_object_set_new(o, "lead_time",
			    json_real(a->lead_time));
		if (a->late)
			json_object_set_new(o, "late", json_true());
		if (a->from_prediction)
			json_object_set_new(o, "from_prediction", json_true());
		if (a->removed)
			json_object_set_new(o, "removed", json_true());
		if (a->created_at != NULL)
			json_object_set_new(o, "created_at",
			    json_string(a->created_at));
		if (a->updated_at != NULL)
			json_object_set_new(o, "updated_at",
			    json_string(a->updated_at));
		json_array_append_new(list, o);
	}
	return list;
}

#endif
