/* The stored results' fast reader: a result's JSON text read straight
 * into the typed answer (model/answer.h), without a jansson tree, for
 * the walks that read every annotation of a project (scalec agreement,
 * scalec stats, consensus: a tree per annotation was half their time).
 * It takes the shapes answer_emit writes and nothing more: an object of
 * known controls, each once; a choice as one label or a list of at most
 * one, a multichoice as a list of labels (or one name); spans as
 * {start, end, label} objects with whole numbers, sorted and disjoint; a
 * rating from 1 to max; a text; with answer_scan_boxes, boxes too, and
 * the other keys of spans and boxes. Strings may hold escapes and UTF-8,
 * checked as jansson checks them. Anything else (with answer_scan,
 * another key in a span; a fraction, a key for no control, polygons) it
 * declines, and the caller loads the result the
 * general way (answer_load_lenient): the answer is the same either way,
 * so this can only be faster, never differently right
 * (tests/fuzz/fuzz_answer_scan.c compares them). */
#ifndef SCALEC_ANSWER_SCAN_H
#define SCALEC_ANSWER_SCAN_H

#include <stddef.h>

struct answer;
struct answer_task;
struct control;

/*
 * Loads the result's text (len bytes) into a, which has no task: 1 when
 * loaded, the answer answer_load_lenient makes of the same text; 0 when
 * it declines (a is then empty). With only (a control of a's config),
 * just that control's value is read: the members before it are stepped
 * over, unread and left empty (what they hold need not be a shape this
 * takes), and what follows it is not read at all. The value is the one
 * the general way loads, wherever the text is JSON with no key twice
 * (as every stored result is).
 */
int	answer_scan(struct answer *a, const char *text, size_t len,
	    const struct control *only);
/*
 * The whole result as answer_scan reads it, boxes too: {x, y, width,
 * height, label} objects (x, y from 0, width, height above 0) with an
 * optional rotation, their other keys (VOC's pose, COCO's id) kept as
 * the general way keeps them (ans_more: in their order; a key twice
 * declines); and spans with other keys (Prodigy's and a CoNLL import's
 * token_start and token_end, a model's score) kept the same way, which
 * answer_scan declines (the quality walks need no more, and keep their
 * reading). With no task, as answer_scan: the caller holds the spans
 * against the text and the boxes against the image (the export's
 * writer_answer).
 */
int	answer_scan_boxes(struct answer *a, const char *text, size_t len);
/*
 * answer_check_in's verdict (ANSWER_ALLOW_RETIRED) on the result's text
 * for task t, by answer_scan_boxes' reading, for an import whose reader
 * hands the store its results as text (model/record.h's record_ann): 1
 * when the check would pass and leave the result as it is (so the text
 * is stored as given); 0 when it declines, which says nothing: a shape it
 * does not take, a bare label (the check rewrites a choice's as a list),
 * a label twice, a rotated box, or anything the check refuses. The caller
 * then checks the general way, for its message. a is left empty.
 */
int	answer_scan_check(struct answer *a, const char *text, size_t len,
	    struct answer_task *t);

#endif
