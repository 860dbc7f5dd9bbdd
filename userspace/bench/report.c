// SPDX-License-Identifier: MIT
/*
 * report.c - timing, medians and the table of pmp's benchmarks
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* A row: its label, value and unit, ratio, and target with its verdict. */
void emit(const char *what, double value, const char *unit, double ratio,
	  double target)
{
	char tgt[32] = "", verdict[8] = "", buf[160];

	if (target > 0) {
		snprintf(tgt, sizeof(tgt), "<= %.2fx", target);
		snprintf(verdict, sizeof(verdict), "%s",
			 ratio <= target ? "ok" : "MISS");
	}
	snprintf(buf, sizeof(buf), "%-46s %10.2f %-3s %8.3fx  %-9s %s\n",
		 what, value, unit, ratio, tgt, verdict);
	fputs(buf, out);
	fputs(buf, stdout);
}

/* A baseline's line, then its figure's: @scale converts seconds to @unit. */
void rows(const char *base_what, const char *what, struct figure f,
	  double scale, const char *unit, double target)
{
	if (base_what)
		emit(base_what, f.base * scale, unit, 1.0, 0);
	emit(what, f.value * scale, unit, f.ratio, target);
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
