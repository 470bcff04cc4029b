/*
 * diag.c - collecting messages for the user while starting up.
 *
 * A struct diags starts zeroed ({ 0 }) and owns every line added to it;
 * diags_free() releases them and leaves the list empty and reusable.
 * Not locked: one thread fills a list, normally main() before the screen
 * is up. Start at diags_add().
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "diag.h"
#include "xmalloc.h"

/* Append one formatted line; a NULL list quietly drops it. */
void
diags_add(struct diags *d, const char *fmt, ...)
{
	va_list	 ap;
	char	*line;

	if (d == NULL)
		return;

	va_start(ap, fmt);
	/* Only an invalid format fails; keep something. */
	if (xvasprintf(&line, fmt, ap) == -1)
		line = xstrdup(fmt);
	va_end(ap);

	d->lines = xreallocarray(d->lines, (size_t)d->n + 1, sizeof *d->lines);
	d->lines[d->n++] = line;
}

void
diags_free(struct diags *d)
{
	int	i;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++)
		free(d->lines[i]);
	free(d->lines);
	d->lines = NULL;
	d->n = 0;
}
