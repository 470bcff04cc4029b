/*
 * xmalloc.c - allocators that never return NULL (see xmalloc.h).
 *
 * Thread-safe: the hook is set once in main() before any thread starts.
 */
#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

static void (*fatal_hook)(void);

void
xmalloc_set_fatal_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

static void
oom(size_t size)
{
	if (fatal_hook != NULL)
		fatal_hook();
	fprintf(stderr, "invsync: out of memory allocating %zu bytes\n", size);
	exit(3);
}

void *
xmalloc(size_t size)
{
	void	*p;

	assert(size != 0);
	if ((p = malloc(size)) == NULL)
		oom(size);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	assert(n != 0 && size != 0);
	if ((p = calloc(n, size)) == NULL)
		oom(n * size);
	return p;
}

void *
xreallocarray(void *old, size_t n, size_t size)
{
	void	*p;

	assert(n != 0 && size != 0);
	if (n > SIZE_MAX / size)
		oom(SIZE_MAX);
	if ((p = realloc(old, n * size)) == NULL)
		oom(n * size);
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;
	size_t	 len;

	len = strnlen(s, n);
	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/*
 * Format into a new string at *out. -1 (and *out NULL) only for a format
 * vsnprintf() rejects; running out of memory exits as everywhere else.
 */
int
xvasprintf(char **out, const char *fmt, va_list ap)
{
	va_list	ap2;
	int	n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		*out = NULL;
		return -1;
	}
	*out = xmalloc((size_t)n + 1);
	vsnprintf(*out, (size_t)n + 1, fmt, ap);
	return n;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*p;
	int	 n;

	va_start(ap, fmt);
	n = xvasprintf(&p, fmt, ap);
	va_end(ap);
	if (n == -1)
		oom(0);
	return p;
}
