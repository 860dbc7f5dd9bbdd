/* SPDX-License-Identifier: MIT */
/*
 * report.h - what pmp's benchmarks share: timing, medians and the table
 * `make bench` prints (labels are read by other tools: keep them)
 */

#ifndef PMP_BENCH_REPORT_H
#define PMP_BENCH_REPORT_H

/* Rounds of every figure; each times its baseline and itself. */
#define ROUNDS 7

struct figure {
	double value;	/* median time per call of the figure's operation */
	double base;	/* median time per call of its baseline */
	double ratio;	/* median of the rounds' ratios */
};

void __attribute__((noreturn)) die(const char *what);
double now(void);
/* This process's CPU time so far, user + system, from getrusage. */
double cpu_time(void);
double median(double *v, int n);

/* Table lines go to stdout and to @path (NULL: stdout only), @mode "w"/"a". */
void report_open(const char *path, const char *mode);
void report_close(void);
void emit(const char *what, double value, const char *unit, double ratio,
	  double target);
void rows(const char *base_what, const char *what, struct figure f,
	  double scale, const char *unit, double target);
/*
 * The same for figures that are better when larger (throughputs): the
 * target is a least ratio, shown as ">= target".
 */
void emit_at_least(const char *what, double value, const char *unit,
		   double ratio, double target);
void rows_at_least(const char *base_what, const char *what, struct figure f,
		   double scale, const char *unit, double target);
void line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* PMP_BENCH_REPORT_H */
