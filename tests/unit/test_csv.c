/*
 * test_csv.c - the CSV reader and writer: records with the line they
 * start on (LF, CRLF, lone CR, quoted line breaks, blank lines), the BOM,
 * UTF-8 checks, strict quoting errors with line numbers, and writing
 * fields that read back unchanged.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "testutil.h"

/* A reader over a string (the bytes are copied; NUL bytes allowed). */
struct memcsv {
	char			*buf;
	FILE			*fp;
	struct csv_reader	*r;
};

static void
mem_open(struct memcsv *m, const char *s, size_t len)
{
	m->buf = malloc(len + 1);
	assert_non_null(m->buf);
	memcpy(m->buf, s, len);
	m->fp = fmemopen(m->buf, len, "r");
	assert_non_null(m->fp);
	m->r = csv_reader_new(m->fp, "t.csv");
}

static void
mem_close(struct memcsv *m)
{
	csv_reader_free(m->r);
	fclose(m->fp);
	free(m->buf);
}

#define MEM_OPEN(m, lit) mem_open((m), (lit), sizeof(lit) - 1)

/* Read a row and check its line and fields (a NULL-ended list). */
static void
expect_row(struct csv_reader *r, long line, ...)
{
	struct csv_row	*row;
	struct err	 e;
	va_list		 ap;
	const char	*want;
	size_t		 i = 0;

	if (csv_read_row(r, &row, &e) != 1)
		fail_msg("wanted a row at line %ld: %s", line, e.msg);
	assert_int_equal(row->line, line);
	va_start(ap, line);
	while ((want = va_arg(ap, const char *)) != NULL) {
		assert_true(i < row->n);
		assert_string_equal(row->field[i], want);
		assert_int_equal(row->len[i], strlen(want));
		i++;
	}
	va_end(ap);
	assert_int_equal(row->n, i);
}

static void
expect_end(struct csv_reader *r)
{
	struct csv_row	*row;
	struct err	 e;

	assert_int_equal(csv_read_row(r, &row, &e), 0);
	assert_int_equal(csv_read_row(r, &row, &e), 0);
}

static void
test_lines_lf_crlf_cr(void **state)
{
	struct memcsv	m;

	(void)state;
	MEM_OPEN(&m, "a,b\nc,d\r\ne,f\rg,h");
	expect_row(m.r, 1, "a", "b", NULL);
	expect_row(m.r, 2, "c", "d", NULL);
	expect_row(m.r, 3, "e", "f", NULL);
	expect_row(m.r, 4, "g", "h", NULL);
	expect_end(m.r);
	mem_close(&m);
}

static void
test_quoted_fields(void **state)
{
	struct memcsv	m;

	(void)state;
	MEM_OPEN(&m, "sku,note\r\n"
	    "\"A,1\",\"two\r\nlines\"\r\n"
	    "B,\"say \"\"hi\"\"\"\r\n"
	    "\r\n"
	    "   \r\n"
	    "C,\"x\ny\nz\"\n"
	    "D,\"\"\n");
	expect_row(m.r, 1, "sku", "note", NULL);
	expect_row(m.r, 2, "A,1", "two\r\nlines", NULL);
	expect_row(m.r, 4, "B", "say \"hi\"", NULL);
	/* Lines 5 and 6 are blank and skipped. */
	expect_row(m.r, 7, "C", "x\ny\nz", NULL);
	expect_row(m.r, 10, "D", "", NULL);
	expect_end(m.r);
	mem_close(&m);
}

static void
test_bom_and_trimming(void **state)
{
	struct memcsv	m;

	(void)state;
	MEM_OPEN(&m, "\xef\xbb\xbfsku , qty\n  A , \" 5 \"\n,\n");
	expect_row(m.r, 1, "sku", "qty", NULL);
	expect_row(m.r, 2, "A", " 5 ", NULL);
	expect_row(m.r, 3, "", "", NULL);
	expect_end(m.r);
	mem_close(&m);
}

static void
test_utf8(void **state)
{
	struct memcsv	 m;
	struct csv_row	*row;
	struct err	 e;

	(void)state;
	assert_true(csv_utf8_valid("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
	    14));
	assert_false(csv_utf8_valid("\xc3", 1));		/* cut short */
	assert_false(csv_utf8_valid("\xc0\xaf", 2));		/* overlong */
	assert_false(csv_utf8_valid("\xe0\x80\xaf", 3));	/* overlong */
	assert_false(csv_utf8_valid("\xed\xa0\x80", 3));	/* surrogate */
	assert_false(csv_utf8_valid("\xf4\x90\x80\x80", 4));	/* > 10FFFF */
	assert_false(csv_utf8_valid("\xff", 1));
	assert_false(csv_utf8_valid("a\0b", 3));

	MEM_OPEN(&m, "a,b\nok,caf\xc3\xa9\nbad,\xe9t\xe9\nx\0y,z\nfine,1\n");
	expect_row(m.r, 1, "a", "b", NULL);
	assert_int_equal(csv_read_row(m.r, &row, &e), 1);
	assert_int_equal(row->bad_utf8, 0);
	assert_int_equal(csv_read_row(m.r, &row, &e), 1);
	assert_int_equal(row->line, 3);
	assert_int_equal(row->bad_utf8, 2);
	assert_int_equal(csv_read_row(m.r, &row, &e), 1);
	assert_int_equal(row->line, 4);
	assert_int_equal(row->bad_utf8, 1);	/* the NUL byte */
	assert_int_equal(row->len[0], 3);
	expect_row(m.r, 5, "fine", "1", NULL);
	expect_end(m.r);
	mem_close(&m);
}

static void
expect_error(const char *s, size_t len, int good_rows, const char *msg)
{
	struct memcsv	 m;
	struct csv_row	*row;
	struct err	 e;
	int		 i;

	mem_open(&m, s, len);
	for (i = 0; i < good_rows; i++)
		assert_int_equal(csv_read_row(m.r, &row, &e), 1);
	assert_int_equal(csv_read_row(m.r, &row, &e), -1);
	assert_int_equal(e.code, ERR_REFUSED);
	if (strstr(e.msg, msg) == NULL)
		fail_msg("'%s' lacks '%s'", e.msg, msg);
	/* The error is sticky. */
	assert_int_equal(csv_read_row(m.r, &row, &e), -1);
	mem_close(&m);
}

#define EXPECT_ERROR(lit, n, msg) expect_error((lit), sizeof(lit) - 1, \
	(n), (msg))

static void
test_strict_errors(void **state)
{
	(void)state;
	EXPECT_ERROR("a,b\nc,d\"e\n", 1, "t.csv:2: malformed CSV: a '\"' "
	    "inside an unquoted field");
	EXPECT_ERROR("a,b\r\n\"c\"x,d\r\n", 1, "t.csv:2: malformed CSV: text "
	    "after a closing quote");
	EXPECT_ERROR("a,b\n\"multi\nline\" junk\n", 1, "t.csv:3:");
	EXPECT_ERROR("a,b\nc,\"never\nclosed\n", 1, "t.csv:2: malformed CSV: "
	    "a quoted field is never closed");
}

static void
test_big_file_lines(void **state)
{
	struct memcsv	 m;
	struct csv_row	*row;
	struct err	 e;
	char		*buf, *p;
	long		 i, n = 50000;

	(void)state;
	/* Cross many 64 KiB buffer boundaries, with CRLF split across them. */
	buf = malloc((size_t)n * 40);
	assert_non_null(buf);
	p = buf;
	for (i = 1; i <= n; i++)
		p += sprintf(p, i % 7 == 0 ? "\"S-%ld\nx\",%ld\r\n" :
		    "S-%ld,%ld\r\n", i, i);
	mem_open(&m, buf, (size_t)(p - buf));
	free(buf);
	for (i = 1; i <= n; i++) {
		assert_int_equal(csv_read_row(m.r, &row, &e), 1);
		assert_int_equal(row->n, 2);
		assert_int_equal(strtol(row->field[1], NULL, 10), i);
		/* Each multi-line record adds a line. */
		assert_int_equal(row->line, i + (i - 1) / 7);
	}
	expect_end(m.r);
	mem_close(&m);
}

static void
test_write_round_trip(void **state)
{
	static const char *const fields[] = { "plain", "with,comma",
	    "say \"hi\"", "two\r\nlines", "lf\nonly", " padded ", "", "\"",
	    "caf\xc3\xa9" };
	struct memcsv	 m;
	struct csv_row	*row;
	struct err	 e;
	char		*out = NULL;
	size_t		 len = 0, i;
	FILE		*fp;

	(void)state;
	fp = open_memstream(&out, &len);
	assert_non_null(fp);
	assert_int_equal(csv_write_row(fp, fields, 9), 0);
	assert_int_equal(csv_write_row(fp, fields, 1), 0);
	fclose(fp);
	assert_non_null(strstr(out, "plain,\"with,comma\",\"say \"\"hi\"\"\","
	    "\"two\r\nlines\",\"lf\nonly\",\" padded \",,\"\"\"\","
	    "caf\xc3\xa9\r\nplain\r\n"));

	mem_open(&m, out, len);
	free(out);
	assert_int_equal(csv_read_row(m.r, &row, &e), 1);
	assert_int_equal(row->n, 9);
	for (i = 0; i < 9; i++)
		assert_string_equal(row->field[i], fields[i]);
	expect_row(m.r, 4, "plain", NULL);
	expect_end(m.r);
	mem_close(&m);
}

static void
test_open_missing_file(void **state)
{
	struct csv_reader	*r;
	struct err		 e;

	(void)state;
	assert_int_equal(csv_reader_open("/nonexistent/x.csv", &r, &e), -1);
	assert_null(r);
	assert_int_equal(e.code, ERR_SYSTEM);
	assert_non_null(strstr(e.msg, "/nonexistent/x.csv"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines_lf_crlf_cr),
		cmocka_unit_test(test_quoted_fields),
		cmocka_unit_test(test_bom_and_trimming),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_strict_errors),
		cmocka_unit_test(test_big_file_lines),
		cmocka_unit_test(test_write_round_trip),
		cmocka_unit_test(test_open_missing_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
