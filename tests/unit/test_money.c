/*
 * test_money.c - exact money and quantity parsing: no floats, no rounding,
 * clear refusals.
 */
#include <string.h>

#include "clock.h"
#include "money.h"
#include "testutil.h"

static void
test_money_parse(void **state)
{
	struct err	e;
	int64_t		v;
	char		buf[MONEY_BUFSZ];

	(void)state;
	assert_int_equal(money_parse("12.5", &v, &e), 0);
	assert_int_equal(v, 1250);
	assert_int_equal(money_parse("0.07", &v, &e), 0);
	assert_int_equal(v, 7);
	assert_int_equal(money_parse("-3.99", &v, &e), 0);
	assert_int_equal(v, -399);
	assert_int_equal(money_parse("42", &v, &e), 0);
	assert_int_equal(v, 4200);
	assert_int_equal(money_parse("1.005", &v, &e), -1);
	assert_int_equal(money_parse("abc", &v, &e), -1);
	assert_int_equal(money_parse("", &v, &e), -1);
	assert_int_equal(money_parse(".", &v, &e), -1);
	assert_int_equal(money_parse("99999999999999999999", &v, &e), -1);
	assert_string_equal(money_format(1250, buf), "12.50");
	assert_string_equal(money_format(-7, buf), "-0.07");
	assert_string_equal(money_format(INT64_MIN, buf),
	    "-92233720368547758.08");
}

static void
test_qty_parse(void **state)
{
	struct err	e;
	int64_t		v;

	(void)state;
	assert_int_equal(qty_parse("-2", &v, &e), 0);
	assert_int_equal(v, -2);
	assert_int_equal(qty_parse("+7", &v, &e), 0);
	assert_int_equal(v, 7);
	assert_int_equal(qty_parse("9223372036854775807", &v, &e), 0);
	assert_int_equal(qty_parse("9223372036854775808", &v, &e), -1);
	assert_non_null(strstr(e.msg, "range"));
	assert_int_equal(qty_parse("3x", &v, &e), -1);
	assert_int_equal(qty_parse("1.5", &v, &e), -1);
	assert_int_equal(qty_parse(" 3", &v, &e), -1);
	assert_int_equal(qty_parse("", &v, &e), -1);
}

static void
test_days(void **state)
{
	int64_t	day;
	char	buf[11];

	(void)state;
	assert_int_equal(clock_parse_day("2026-12-02", &day), 0);
	clock_day_str(day, buf);
	assert_string_equal(buf, "2026-12-02");
	assert_int_equal(clock_parse_day("2024-02-29", &day), 0);
	assert_int_equal(clock_parse_day("2026-13-01", &day), -1);
	assert_int_equal(clock_parse_day("26-1-1", &day), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_money_parse),
		cmocka_unit_test(test_qty_parse),
		cmocka_unit_test(test_days),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
