/*
 * xmalloc.h - allocators that never return NULL.
 *
 * On failure they call the fatal hook (the TUI sets one that leaves curses
 * first), print the size asked for and exit. Callers never check for NULL.
 * Asking for zero bytes is a bug and asserts.
 */
#ifndef XMALLOC_H
#define XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Caller frees *out; -1 only for a format vsnprintf() rejects. */
int	 xvasprintf(char **out, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));

/* Called before exit on allocation failure; NULL for none. */
void	 xmalloc_set_fatal_hook(void (*)(void));

#endif
