/* A growable byte buffer, always NUL-terminated: BUF_INIT on the stack,
 * buf_release at the one exit label. */
#ifndef SCALEC_BUF_H
#define SCALEC_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*data;		/* NUL-terminated; NULL until first use */
	size_t	 len;		/* bytes used, not counting the NUL */
	size_t	 alloc;		/* bytes allocated */
};

#define BUF_INIT { NULL, 0, 0 }

void	 buf_grow(struct buf *, size_t);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_addstr(struct buf *, const char *);
void	 buf_addch(struct buf *, int);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list);
void	 buf_reset(struct buf *);
/* The contents as a string: "" when empty, never NULL; borrowed. */
const char *buf_str(const struct buf *);
/* Hands the contents to the caller, who frees them; the buffer is reset. */
char	*buf_detach(struct buf *);
void	 buf_release(struct buf *);

#endif
