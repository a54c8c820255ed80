/* Parsing times: each form is taken apart field by field, so that a refusal
 * names what is wrong, and converted with timegm(3). The years 0000 to 9999
 * need a 64-bit time_t, which the build insists on. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "util/when.h"

_Static_assert(sizeof (time_t) >= 8, "scalec needs a 64-bit time_t");

#define DIGITS	"0123456789"

struct fields {
	int	year, mon, day;
	int	hour, min, sec;
	int	off;			/* the offset, seconds east of UTC */
};

static const char *const months[] = { "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October",
    "November", "December" };

static int	fail(char *, size_t, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

/* Writes the message into err (if there is room for one); returns -1. */
static int
fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list	ap;

	if (errlen > 0) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* The value of exactly n digits at s, not followed by another digit; or
 * -1. */
static int
number(const char *s, size_t n)
{
	size_t	i;
	int	v = 0;

	if (strspn(s, DIGITS) != n)
		return -1;
	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static int
month_days(int year, int mon)
{
	static const int	days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	int			leap;

	leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return mon == 2 && leap ? 29 : days[mon - 1];
}

/* Checks the range of every field and converts them; 0, or -1 with err
 * saying which field is wrong. */
static int
convert(const char *s, const struct fields *f, time_t *out, char *err,
    size_t errlen)
{
	struct tm	tm;
	time_t		t;

	if (f->mon < 1 || f->mon > 12)
		return fail(err, errlen, "'%s': there is no month %d", s,
		    f->mon);
	if (f->day < 1)
		return fail(err, errlen, "'%s': there is no day 0", s);
	if (f->day > month_days(f->year, f->mon))
		return fail(err, errlen, "'%s': %s %04d has %d days", s,
		    months[f->mon - 1], f->year, month_days(f->year, f->mon));
	if (f->hour > 23)
		return fail(err, errlen, "'%s': hour %d is not 0 to 23", s,
		    f->hour);
	if (f->min > 59)
		return fail(err, errlen, "'%s': minute %d is not 0 to 59", s,
		    f->min);
	if (f->sec > 59)
		return fail(err, errlen, "'%s': second %d is not 0 to 59", s,
		    f->sec);
	memset(&tm, 0, sizeof tm);
	tm.tm_year = f->year - 1900;
	tm.tm_mon = f->mon - 1;
	tm.tm_mday = f->day;
	tm.tm_hour = f->hour;
	tm.tm_min = f->min;
	tm.tm_sec = f->sec;
	t = timegm(&tm) - f->off;
	if (t < WHEN_MIN || t > WHEN_MAX)
		return fail(err, errlen, "'%s': in UTC, not within the years"
		    " 0000 to 9999", s);
	*out = t;
	return 0;
}

/* Parses the offset at *pp (Z, +HH, +HHMM or +HH:MM) into *off and moves
 * *pp past it; 0, or -1 with err. */
static int
offset(const char *s, const char **pp, int *off, char *err, size_t errlen)
{
	const char	*p = *pp;
	int		 sign = *p == '-' ? -1 : 1, h, m = 0;

	if (*p == 'Z') {
		*pp = p + 1;
		return 0;
	}
	p++;
	if ((h = number(p, 4)) != -1) {
		m = h % 100;
		h /= 100;
		p += 4;
	} else if ((h = number(p, 2)) != -1 && p[2] != ':')
		p += 2;
	else if (h != -1 && (m = number(p + 3, 2)) != -1)
		p += 5;
	else
		return fail(err, errlen, "'%s': an offset is Z, +HH, +HHMM or"
		    " +HH:MM, like +02:00", s);
	if (m > 59)
		return fail(err, errlen, "'%s': offset minute %d is not 0 to 59",
		    s, m);
	if (h * 60 + m > 14 * 60)
		return fail(err, errlen, "'%s': offset %c%02d:%02d is more than"
		    " 14:00 from UTC", s, sign < 0 ? '-' : '+', h, m);
	*off = sign * (h * 3600 + m * 60);
	*pp = p;
	return 0;
}

/* A date, or a date and a time with an optional fraction and offset. */
static int
date_time(const char *s, time_t *out, char *err, size_t errlen)
{
	struct fields	 f = { 0 };
	const char	*p = s + 10;
	int		 has_sec;

	if ((f.year = number(s, 4)) == -1 || s[4] != '-' ||
	    (f.mon = number(s + 5, 2)) == -1 || s[7] != '-' ||
	    (f.day = number(s + 8, 2)) == -1)
		return fail(err, errlen, "'%s': a date is YYYY-MM-DD, like"
		    " 2026-01-31", s);
	if (*p == 'T' || *p == ' ') {
		p++;
		if ((f.hour = number(p, 2)) == -1 || p[2] != ':' ||
		    (f.min = number(p + 3, 2)) == -1 || (p[5] == ':' &&
		    (f.sec = number(p + 6, 2)) == -1))
			return fail(err, errlen, "'%s': a time is HH:MM or"
			    " HH:MM:SS, like 12:00", s);
		has_sec = p[5] == ':';
		p += has_sec ? 8 : 5;
		if (has_sec && (*p == '.' || *p == ',')) {
			if (strspn(p + 1, DIGITS) == 0)
				return fail(err, errlen, "'%s': no digits after"
				    " the '%c' of the seconds", s, *p);
			p += 1 + strspn(p + 1, DIGITS);
		}
		if (*p == 'Z' || *p == '+' || *p == '-') {
			if (offset(s, &p, &f.off, err, errlen) == -1)
				return -1;
			if (*p != '\0')
				return fail(err, errlen, "'%s': nothing may"
				    " follow the offset", s);
		} else if (*p != '\0')
			return fail(err, errlen, "'%s': after the time comes an"
			    " offset (Z, +02:00, +0200, -05) or nothing", s);
	} else if (*p != '\0')
		return fail(err, errlen, "'%s': after the date comes T or a"
		    " space and a time, like 2026-01-31T12:00", s);
	return convert(s, &f, out, err, errlen);
}

/* A span back from now: n digits and a unit. */
static int
span(const char *s, size_t n, time_t now, time_t *out, char *err,
    size_t errlen)
{
	static const char	units[] = "smhdw";
	static const int64_t	seconds[] = { 1, 60, 3600, 86400, 604800 };
	const char		*u = s[n] != '\0' ? strchr(units, s[n]) : NULL;
	int64_t			 count = 0;
	size_t			 i;

	if (u == NULL || s[n + 1] != '\0')
		return fail(err, errlen, "'%s': a span is a number and one of"
		    " s, m, h, d, w, like 7d", s);
	for (i = 0; i < n && count <= INT64_MAX / 10 - 9; i++)
		count = count * 10 + (s[i] - '0');
	if (i < n || count > ((int64_t)now - WHEN_MIN) / seconds[u - units])
		return fail(err, errlen, "'%s': reaches back before the year"
		    " 0000", s);
	*out = now - (time_t)(count * seconds[u - units]);
	return 0;
}

int
when_parse(const char *s, time_t now, time_t *out, char *err, size_t errlen)
{
	size_t	n = strspn(s, DIGITS);

	if (n > 0 && s[n] == '-')
		return date_time(s, out, err, errlen);
	if (n > 0)
		return span(s, n, now, out, err, errlen);
	return fail(err, errlen, "'%s': not a date (2026-01-31), a time"
	    " (2026-01-31T12:00:00Z) or a span (7d)", s);
}

int
when_parse_time(const char *s, time_t *out, char *err, size_t errlen)
{
	size_t	n = strspn(s, DIGITS);

	if (n > 0 && s[n] == '-')
		return date_time(s, out, err, errlen);
	return fail(err, errlen, "'%s': not a date (2026-01-31) or a time"
	    " (2026-01-31T12:00:00Z)", s);
}

int
when_parse_stored(const char *s, time_t *out)
{
	static const char	pat[] = "dddd-dd-ddTdd:dd:ddZ";
	struct fields		f = { 0 };
	size_t			i;

	for (i = 0; pat[i] != '\0'; i++) {
		if (pat[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != pat[i])
			return -1;
	}
	if (s[i] != '\0')
		return -1;
	f.year = number(s, 4);
	f.mon = number(s + 5, 2);
	f.day = number(s + 8, 2);
	f.hour = number(s + 11, 2);
	f.min = number(s + 14, 2);
	f.sec = number(s + 17, 2);
	return convert(s, &f, out, NULL, 0);
}
