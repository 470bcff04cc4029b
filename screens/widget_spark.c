/*
 * widget_spark.c - a sparkline: one block character per column, eight
 * heights (U+2581..U+2588), or " _.-=+*#" when the locale is not UTF-8.
 * A column that stands for zero is blank, so a day without sales never
 * looks like a small sale.
 *
 * Start at spark_draw().
 */
#include <wchar.h>

#include "widgets.h"

static const wchar_t blocks[] = L"\x2581\x2582\x2583\x2584\x2585\x2586"
    L"\x2587\x2588";
static const wchar_t ascii[] = L"_.-~=+*#";

int
spark_draw(WINDOW *win, int y, int x, int w, const int64_t *v, int n)
{
	int64_t	 sum[512], max = 0;
	wchar_t	 out[512];
	int	 cols, per, i, j, k, level;

	if (w <= 0 || n <= 0)
		return 0;
	if (w > 512)
		w = 512;
	/* Days per column: the fewest that make n fit in w. */
	per = (n + w - 1) / w;
	cols = (n + per - 1) / per;
	for (i = 0; i < cols; i++) {
		sum[i] = 0;
		for (j = 0; j < per; j++) {
			/* Align the last column with the last value (today). */
			k = n - (cols - i) * per + j;
			if (k >= 0 && k < n && v[k] > 0)
				sum[i] += v[k];
		}
		if (sum[i] > max)
			max = sum[i];
	}
	for (i = 0; i < cols; i++) {
		if (sum[i] <= 0 || max <= 0) {
			out[i] = L' ';
			continue;
		}
		level = (int)((sum[i] * 8 + max - 1) / max);
		if (level < 1)
			level = 1;
		if (level > 8)
			level = 8;
		out[i] = text_utf8() ? blocks[level - 1] : ascii[level - 1];
	}
	out[cols] = L'\0';
	mvwaddnwstr(win, y, x, out, cols);
	return cols;
}
