/* A Label Studio label config (its XML), read with libexpat, for mapping
 * a Label Studio file's control names onto a project's controls: the
 * control tags (a tag with toName: Labels, Choices, TextArea, Rating,
 * RectangleLabels, PolygonLabels, Relations, and any other, kept so that a
 * result of it is refused by its name) with their labels (Label and
 * Choice children), and the object tags (a tag with a name and a value of
 * "$field": Text, Image, ...) whose field of a task's data they show. */
#ifndef SCALEC_LSCONFIG_H
#define SCALEC_LSCONFIG_H

#include <stddef.h>

struct ls_tag {
	char		*tag;		/* as written: "Labels" */
	char		*name;
	char		*to_name;	/* a control's toName; NULL for an
					 * object */
	char		*field;		/* an object's value without its
					 * '$'; NULL for a control */
	int		 multiple;	/* Choices choice="multiple" */
	int		 max;		/* Rating maxRating; 0 when not said */
	char		**labels;	/* Label and Choice values */
	size_t		 nlabels, alabels;
	unsigned long	 line;		/* where it is, for messages */
};

struct ls_config {
	struct ls_tag	*controls;
	size_t		 ncontrols, acontrols;
	struct ls_tag	*objects;
	size_t		 nobjects, aobjects;
};

/* Parses len bytes of XML; name is for messages. NULL after reporting
 * FILE:LINE: what is wrong (not XML, a control without a name or toName,
 * a name used twice, a toName that names no object, no control). */
struct ls_config *ls_config_parse(const char *xml, size_t len,
		    const char *name);
/* Reads and parses the file at path. */
struct ls_config *ls_config_load(const char *path);
/* The control or object called name, or NULL. */
const struct ls_tag *ls_config_control(const struct ls_config *,
		    const char *name);
const struct ls_tag *ls_config_object(const struct ls_config *,
		    const char *name);
void		 ls_config_free(struct ls_config *);

#endif
