/* SPDX-License-Identifier: MIT */
/*
 * binder.h - Binder's round trip, pmp-bench's baseline from another driver
 */

#ifndef PMP_BENCH_BINDER_H
#define PMP_BENCH_BINDER_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Bytes of each transaction's data and of each reply's. */
#define BINDER_BENCH_SIZE 64

/* This process's side of Binder, and the context manager it calls. */
struct binder_bench {
	int fd;
	void *map;		/* the buffer area replies arrive in */
	pid_t peer;		/* the context manager, a process of its own */
	uint64_t reply_buffer;	/* the last reply's, freed with the next write */
};

/*
 * Loads binder_linux if there is no Binder device, forks the context
 * manager and opens this process's side.  On failure returns -1 with the
 * reason in @why.
 */
int binder_bench_start(struct binder_bench *b, char *why, size_t size);
/* One transaction of 64 bytes to handle 0, and its reply of 64 bytes. */
void binder_bench_call(struct binder_bench *b);
/* The context manager's CPU time so far (user + system, getrusage). */
double binder_bench_peer_cpu(struct binder_bench *b);
void binder_bench_stop(struct binder_bench *b);

#endif /* PMP_BENCH_BINDER_H */
