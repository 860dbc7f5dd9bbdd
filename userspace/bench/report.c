// SPDX-License-Identifier: MIT
/*
 * report.c - timing, medians and the table of pmp's benchmarks
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "report.h"

static FILE *out;

void die(const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", program_invocation_short_name, what,
		strerror(errno));
	exit(1);
}

double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

double cpu_time(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru))
		die("getrusage");
	return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
	       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return v[n / 2];
}

void report_open(const char *path, const char *mode)
{
	out = fopen(path ? path : "/dev/null", mode);
	if (!out)
		die(path);
	setvbuf(stdout, NULL, _IOLBF, 0);
}

void report_close(void)
{
	fclose(out);
}

/*
 * Appends @text to @buf, right-aligned to end at column @end, or one space
 * after what came before when it cannot: a long label or value shifts the
 * middle of its row, not the columns after it.
 */
static void cell(char *buf, size_t size, const char *text, size_t end)
{
	size_t used = strlen(buf), len = strlen(text);
	size_t pad = used + len < end ? end - used - len : 1;

	snprintf(buf + used, size - used, "%*s%s", (int)pad, "", text);
}

/*
 * Every row: the label padded to 46 columns, the value ending at column
 * 57, the unit padded to 3, the ratio ending at 70, then the target and
 * its verdict.
 */
static void put_row(const char *what, double value, const char *unit,
		    double ratio, const char *tgt, const char *verdict)
{
	char buf[256], num[32];
	size_t used;

	snprintf(buf, sizeof(buf), "%-46s", what);
	snprintf(num, sizeof(num), "%.2f", value);
	cell(buf, sizeof(buf), num, 57);
	used = strlen(buf);
	snprintf(buf + used, sizeof(buf) - used, " %-3s", unit);
	snprintf(num, sizeof(num), "%.3f", ratio);
	cell(buf, sizeof(buf), num, 70);
	used = strlen(buf);
	snprintf(buf + used, sizeof(buf) - used, "x  %-9s %s\n", tgt, verdict);
	fputs(buf, out);
	fputs(buf, stdout);
}

/* A row whose ratio is judged against @target: at most, or @at_least. */
static void judged_row(const char *what, double value, const char *unit,
		       double ratio, double target, bool at_least)
{
	char tgt[32] = "", verdict[8] = "";

	if (target > 0) {
		snprintf(tgt, sizeof(tgt), "%s %.2fx",
			 at_least ? ">=" : "<=", target);
		snprintf(verdict, sizeof(verdict), "%s",
			 (at_least ? ratio >= target : ratio <= target)
				 ? "ok"
				 : "MISS");
	}
	put_row(what, value, unit, ratio, tgt, verdict);
}

/* A row: its label, value and unit, ratio, and target with its verdict. */
void emit(const char *what, double value, const char *unit, double ratio,
	  double target)
{
	judged_row(what, value, unit, ratio, target, false);
}

void emit_at_least(const char *what, double value, const char *unit,
		   double ratio, double target)
{
	judged_row(what, value, unit, ratio, target, true);
}

/* A baseline's line, then its figure's: @scale converts seconds to @unit. */
void rows(const char *base_what, const char *what, struct figure f,
	  double scale, const char *unit, double target)
{
	if (base_what)
		emit(base_what, f.base * scale, unit, 1.0, 0);
	emit(what, f.value * scale, unit, f.ratio, target);
}

void rows_at_least(const char *base_what, const char *what, struct figure f,
		   double scale, const char *unit, double target)
{
	emit(base_what, f.base * scale, unit, 1.0, 0);
	emit_at_least(what, f.value * scale, unit, f.ratio, target);
}

void line(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(out, fmt, ap);
	va_end(ap);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}
