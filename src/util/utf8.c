/* UTF-8 decoding and display width. Width comes from wcwidth(3), which is
 * why main() makes sure LC_CTYPE is a UTF-8 locale. */
#include <wchar.h>

#include "util/utf8.h"

int
utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char	*u = (const unsigned char *)s;
	uint32_t		 c, min;
	int			 n, i;

	if (len == 0)
		return -1;
	c = u[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2; c &= 0x1f; min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3; c &= 0x0f; min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4; c &= 0x07; min = 0x10000;
	} else
		return -1;
	if (len < (size_t)n)
		return -1;
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return -1;
		c = (c << 6) | (u[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return -1;
	*cp = c;
	return n;
}

int
utf8_encode(uint32_t cp, char *out)
{
	unsigned char	*u = (unsigned char *)out;

	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (unsigned char)(0xc0 | (cp >> 6));
		u[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (unsigned char)(0xe0 | (cp >> 12));
		u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	u[0] = (unsigned char)(0xf0 | (cp >> 18));
	u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
	u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
	u[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

long
utf8_invalid_at(const char *s, size_t len)
{
	size_t		i = 0;
	uint32_t	cp;
	int		n;

	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		if ((n = utf8_decode(s + i, len - i, &cp)) < 0)
			return (long)i;
		i += (size_t)n;
	}
	return -1;
}

size_t
utf8_count(const char *s, size_t len)
{
	size_t	i, count = 0;

	/* Every byte that is not a continuation byte starts a code point. */
	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			count++;
	return count;
}

size_t
utf8_offset(const char *s, size_t len, size_t cp)
{
	size_t	i;

	for (i = 0; i < len; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80) {
			if (cp == 0)
				return i;
			cp--;
		}
	}
	return len;
}

int
utf8_cp_width(uint32_t cp)
{
	int	w;

	if (cp < 0x80)
		return cp >= 0x20 && cp != 0x7f ? 1 : 0;
	w = wcwidth((wchar_t)cp);
	if (w < 0)
		return 1;
	return w;
}

size_t
utf8_width(const char *s, size_t len)
{
	size_t		i = 0, w = 0;
	uint32_t	cp;
	int		n;

	while (i < len) {
		if ((n = utf8_decode(s + i, len - i, &cp)) < 0) {
			w++;
			i++;
			continue;
		}
		w += (size_t)utf8_cp_width(cp);
		i += (size_t)n;
	}
	return w;
}

/* Unicode's White_Space property (PropList.txt). */
static int
is_space(uint32_t cp)
{
	return (cp >= 0x09 && cp <= 0x0d) || cp == 0x20 || cp == 0x85 ||
	    cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) ||
	    cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f ||
	    cp == 0x3000;
}

int
utf8_blank(const char *s, size_t len)
{
	size_t		i = 0;
	uint32_t	cp;
	int		n;

	while (i < len) {
		if ((n = utf8_decode(s + i, len - i, &cp)) < 0 || !is_space(cp))
			return 0;
		i += (size_t)n;
	}
	return 1;
}
