/*
 * csvio.h - RFC 4180 CSV files, read row by row and written field by field.
 *
 * Reading is a thin layer over libcsv in strict mode: rows come one at a
 * time with the physical line number where each record starts, a UTF-8
 * byte order mark is skipped, and a field that is not valid UTF-8 marks
 * its row (the row is still returned so the caller can report it and go
 * on). Malformed quoting cannot be recovered from and ends the file with
 * an error naming the line.
 *
 * Writing quotes a field only when it must (it holds '"', ',', CR or LF,
 * or begins or ends with a space or tab, which a reader would trim) and
 * ends rows with CRLF.
 */
#ifndef CSVIO_H
#define CSVIO_H

#include <stddef.h>
#include <stdio.h>

#include "err.h"

struct csv_reader;

/* One record. Owned by the reader; valid until the next csv_read_row(). */
struct csv_row {
	char	**field;	/* NUL-terminated; a field may not hold NUL */
	size_t	 *len;		/* byte length of each field */
	size_t	  n;		/* number of fields */
	long	  line;		/* physical line the record starts on */
	size_t	  bad_utf8;	/* 1 + index of the first field that is not
				   valid UTF-8 (or holds NUL), 0 if none */
};

/* Open path for reading; *out is freed with csv_reader_free(). */
int		 csv_reader_open(const char *path, struct csv_reader **out,
		     struct err *);
/* Read from fp, which the reader does not close; name is for messages. */
struct csv_reader *csv_reader_new(FILE *fp, const char *name);
void		 csv_reader_free(struct csv_reader *);

/*
 * The next record into *row: 1 if there is one, 0 at the end of the file,
 * -1 on a read error or malformed CSV (e->msg starts "FILE:LINE: ").
 * Blank lines are skipped, as libcsv does.
 */
int		 csv_read_row(struct csv_reader *, struct csv_row **row,
		     struct err *);

/* 1 if s[0..len) is valid UTF-8 with no NUL byte, else 0. */
int		 csv_utf8_valid(const char *s, size_t len);

/* Write one field (no separator), quoted if it must be. 0 or -1. */
int		 csv_write_field(FILE *, const char *s, size_t len);
/*
 * Write n fields separated by commas and ended by CRLF; a NULL field is
 * written empty. Returns -1 if the stream has an error (check errno).
 */
int		 csv_write_row(FILE *, const char *const *fields, size_t n);

#endif
