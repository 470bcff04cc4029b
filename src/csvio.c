/*
 * csvio.c - reading CSV through libcsv, and writing it (see csvio.h).
 *
 * libcsv is a push parser: it calls back once per field and once per
 * record. The reader turns that into csv_read_row() by feeding libcsv one
 * piece of the file at a time, each piece ending at a CR or LF, and
 * stopping after the piece that completed a record. Feeding by line is
 * also how line numbers are known: libcsv has none. The first piece fed
 * while no byte of the next record has been seen, that holds anything but
 * blanks, is where the record starts (libcsv skips blank lines). Lines are
 * counted at LF, CRLF or a lone CR.
 *
 * A reader owns its buffers and is used by one thread. Start at
 * csv_read_row().
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>		/* libcsv */

#include "csvio.h"
#include "xmalloc.h"

#define CSV_BUFSZ	(64 * 1024)
/* Beyond these a record is surely a runaway quote, not data. */
#define CSV_MAX_RECORD	(16 * 1024 * 1024)
#define CSV_MAX_FIELDS	4096

struct csv_reader {
	FILE			*fp;
	int			 own;		/* fclose(fp) when freed */
	char			*name;
	struct csv_parser	 p;
	unsigned char		*buf;
	size_t			 pos, end;
	int			 eof;		/* fp has no more bytes */
	int			 filled;	/* first read done */
	int			 finished;	/* csv_fini() called */
	int			 failed;	/* sticky, after an error */

	long			 line;		/* line of the byte at pos */
	int			 prev_cr;	/* the last byte fed was CR */
	int			 at_start;	/* no byte of a record yet */
	long			 start_line;

	/* The record being assembled by the callbacks. */
	char			*arena;
	size_t			 alen, asize;
	size_t			*off, *lens;
	char			**ptr;
	size_t			 nf, fsize;
	size_t			 bad_utf8;
	int			 toobig;
	int			 ready;		/* the record is complete */
	struct csv_row		 row;
};

int
csv_utf8_valid(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s, *e = p + len;
	unsigned char		 c, lo, hi;
	int			 n;

	while (p < e) {
		c = *p;
		if (c < 0x80) {
			if (c == 0)
				return 0;
			p++;
			continue;
		}
		lo = 0x80;
		hi = 0xbf;
		if (c >= 0xc2 && c <= 0xdf)
			n = 1;
		else if (c == 0xe0) {
			n = 2;
			lo = 0xa0;
		} else if (c == 0xed) {
			n = 2;
			hi = 0x9f;	/* no UTF-16 surrogates */
		} else if (c >= 0xe1 && c <= 0xef)
			n = 2;
		else if (c == 0xf0) {
			n = 3;
			lo = 0x90;
		} else if (c >= 0xf1 && c <= 0xf3)
			n = 3;
		else if (c == 0xf4) {
			n = 3;
			hi = 0x8f;	/* nothing above U+10FFFF */
		} else
			return 0;
		if (e - p <= n)
			return 0;
		if (p[1] < lo || p[1] > hi)
			return 0;
		if (n >= 2 && (p[2] & 0xc0) != 0x80)
			return 0;
		if (n == 3 && (p[3] & 0xc0) != 0x80)
			return 0;
		p += n + 1;
	}
	return 1;
}

static void *
csv_realloc(void *p, size_t n)
{
	return xreallocarray(p, n, 1);
}

/* libcsv: one field is complete. */
static void
on_field(void *s, size_t len, void *arg)
{
	struct csv_reader	*r = arg;

	if (r->toobig)
		return;
	if (r->nf == CSV_MAX_FIELDS || len > CSV_MAX_RECORD - r->alen) {
		r->toobig = 1;
		return;
	}
	if (r->nf == r->fsize) {
		r->fsize = r->fsize == 0 ? 32 : r->fsize * 2;
		r->off = xreallocarray(r->off, r->fsize, sizeof *r->off);
		r->lens = xreallocarray(r->lens, r->fsize, sizeof *r->lens);
		r->ptr = xreallocarray(r->ptr, r->fsize + 1, sizeof *r->ptr);
	}
	if (r->alen + len + 1 > r->asize) {
		while (r->alen + len + 1 > r->asize)
			r->asize = r->asize == 0 ? 4096 : r->asize * 2;
		r->arena = xreallocarray(r->arena, r->asize, 1);
	}
	if (len != 0)
		memcpy(r->arena + r->alen, s, len);
	r->arena[r->alen + len] = '\0';
	if (r->bad_utf8 == 0 && !csv_utf8_valid(r->arena + r->alen, len))
		r->bad_utf8 = r->nf + 1;
	r->off[r->nf] = r->alen;
	r->lens[r->nf] = len;
	r->nf++;
	r->alen += len + 1;
}

/* libcsv: the record is complete. */
static void
on_record(int c, void *arg)
{
	struct csv_reader	*r = arg;

	r->ready = 1;
}

struct csv_reader *
csv_reader_new(FILE *fp, const char *name)
{
	struct csv_reader	*r;

	r = xcalloc(1, sizeof *r);
	r->fp = fp;
	r->name = xstrdup(name);
	r->buf = xmalloc(CSV_BUFSZ);
	r->line = 1;
	r->at_start = 1;
	csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI);
	csv_set_realloc_func(&r->p, csv_realloc);
	csv_set_blk_size(&r->p, 4096);
	return r;
}

int
csv_reader_open(const char *path, struct csv_reader **out, struct err *e)
{
	FILE	*fp;

	*out = NULL;
	if ((fp = fopen(path, "rb")) == NULL) {
		err_set(e, ERR_SYSTEM, "%s: %s", path, strerror(errno));
		return -1;
	}
	*out = csv_reader_new(fp, path);
	(*out)->own = 1;
	return 0;
}

void
csv_reader_free(struct csv_reader *r)
{
	if (r == NULL)
		return;
	csv_free(&r->p);
	if (r->own)
		fclose(r->fp);
	free(r->name);
	free(r->buf);
	free(r->arena);
	free(r->off);
	free(r->lens);
	free(r->ptr);
	free(r);
}

static int
fill(struct csv_reader *r, struct err *e)
{
	size_t	n;

	n = fread(r->buf, 1, CSV_BUFSZ, r->fp);
	if (n < CSV_BUFSZ) {
		if (ferror(r->fp)) {
			err_set(e, ERR_SYSTEM, "%s: read: %s", r->name,
			    strerror(errno));
			return -1;
		}
		r->eof = 1;
	}
	r->pos = 0;
	r->end = n;
	if (!r->filled) {
		r->filled = 1;
		if (n >= 3 && memcmp(r->buf, "\xef\xbb\xbf", 3) == 0)
			r->pos = 3;
	}
	return 0;
}

/* Does a piece hold anything libcsv would not skip as a blank line? */
static int
has_content(const unsigned char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++) {
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 1;
	}
	return 0;
}

static int
parse_error(struct csv_reader *r, struct err *e)
{
	const char	*why;

	if (csv_error(&r->p) != CSV_EPARSE)
		why = csv_strerror(csv_error(&r->p));
	else if (r->p.quoted)
		why = "text after a closing quote (a '\"' inside a quoted "
		    "field must be doubled)";
	else
		why = "a '\"' inside an unquoted field (quote the whole "
		    "field and double the '\"')";
	err_set(e, ERR_REFUSED, "%s:%ld: malformed CSV: %s", r->name, r->line,
	    why);
	r->failed = 1;
	return -1;
}

static void
take_row(struct csv_reader *r)
{
	size_t	i;

	for (i = 0; i < r->nf; i++)
		r->ptr[i] = r->arena + r->off[i];
	r->row.field = r->ptr;
	r->row.len = r->lens;
	r->row.n = r->nf;
	r->row.line = r->start_line;
	r->row.bad_utf8 = r->bad_utf8;
	r->at_start = 1;
}

int
csv_read_row(struct csv_reader *r, struct csv_row **row, struct err *e)
{
	const unsigned char	*s;
	size_t			 len, n;
	int			 term;

	*row = NULL;
	if (r->failed) {
		err_set(e, ERR_REFUSED, "%s: already failed", r->name);
		return -1;
	}
	r->alen = r->nf = r->bad_utf8 = 0;
	r->ready = r->toobig = 0;
	for (;;) {
		if (r->pos == r->end) {
			if (!r->eof) {
				if (fill(r, e) != 0) {
					r->failed = 1;
					return -1;
				}
				continue;
			}
			if (r->finished)
				return 0;
			r->finished = 1;
			if (csv_fini(&r->p, on_field, on_record, r) != 0) {
				err_set(e, ERR_REFUSED, "%s:%ld: malformed "
				    "CSV: a quoted field is never closed",
				    r->name, r->start_line);
				r->failed = 1;
				return -1;
			}
			if (!r->ready)
				return 0;
		} else {
			/* One piece: up to and including the next CR or LF. */
			s = r->buf + r->pos;
			len = r->end - r->pos;
			for (n = 0; n < len; n++) {
				if (s[n] == '\r' || s[n] == '\n')
					break;
			}
			term = n < len ? s[n] : 0;
			if (n < len)
				len = n + 1;
			if (r->at_start && has_content(s, len)) {
				r->at_start = 0;
				r->start_line = r->line;
			}
			if (csv_parse(&r->p, s, len, on_field, on_record,
			    r) != len)
				return parse_error(r, e);
			r->pos += len;
			if (term == '\n') {
				if (!(r->prev_cr && len == 1))
					r->line++;
				r->prev_cr = 0;
			} else if (term == '\r') {
				r->line++;
				r->prev_cr = 1;
			} else
				r->prev_cr = 0;
			if (csv_get_buffer_size(&r->p) > CSV_MAX_RECORD)
				r->toobig = 1;
		}
		if (r->toobig) {
			err_set(e, ERR_REFUSED, "%s:%ld: record too large "
			    "(over %d fields or %d MiB; a quote never closed?)",
			    r->name, r->start_line, CSV_MAX_FIELDS,
			    CSV_MAX_RECORD / (1024 * 1024));
			r->failed = 1;
			return -1;
		}
		if (r->ready) {
			take_row(r);
			*row = &r->row;
			return 1;
		}
	}
}

/* A reader trims blanks around unquoted fields, so those need quotes. */
static int
needs_quotes(const char *s, size_t len)
{
	size_t	i;

	if (len == 0)
		return 0;
	if (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' ||
	    s[len - 1] == '\t')
		return 1;
	for (i = 0; i < len; i++) {
		switch (s[i]) {
		case '"':
		case ',':
		case '\r':
		case '\n':
			return 1;
		}
	}
	return 0;
}

int
csv_write_field(FILE *fp, const char *s, size_t len)
{
	const char	*q;
	size_t		 n;

	if (!needs_quotes(s, len)) {
		if (len != 0)
			fwrite(s, 1, len, fp);
		return ferror(fp) ? -1 : 0;
	}
	putc('"', fp);
	while (len > 0) {
		if ((q = memchr(s, '"', len)) == NULL) {
			fwrite(s, 1, len, fp);
			break;
		}
		n = q - s + 1;
		fwrite(s, 1, n, fp);
		putc('"', fp);
		s += n;
		len -= n;
	}
	putc('"', fp);
	return ferror(fp) ? -1 : 0;
}

int
csv_write_row(FILE *fp, const char *const *fields, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (i != 0)
			putc(',', fp);
		if (fields[i] != NULL)
			csv_write_field(fp, fields[i], strlen(fields[i]));
	}
	fputs("\r\n", fp);
	return ferror(fp) ? -1 : 0;
}
