/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * session_host.h - what the files of the session's host half share: its
 * event queue and its presentation clock (session_queue.c), used by its
 * state machine (session_host.c) (not installed)
 */

#ifndef PMP_LIB_MF_SESSION_HOST_H
#define PMP_LIB_MF_SESSION_HOST_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#include "mfidl.h"

/* One event as IPmpMediaSessionHost::GetEvent hands it out. */
struct pmp_session_event {
	DWORD type;
	HRESULT status;
	DWORD vt;
	ULONGLONG value;
	DWORD topology_status;
};

/**
 * struct pmp_event_fifo - a session's events, oldest first
 * @lock: guards the rest; taken after the session's own locks
 * @cond: an event came, or shutdown (CLOCK_MONOTONIC)
 * @events: a ring of @capacity entries, @count of them from @head
 * @shutdown: no more events come; waiters drain what is left
 */
struct pmp_event_fifo {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct pmp_session_event *events;
	size_t head, count, capacity;
	bool shutdown;
};

int pmp_event_fifo_init(struct pmp_event_fifo *q);
void pmp_event_fifo_cleanup(struct pmp_event_fifo *q);
HRESULT pmp_event_fifo_push(struct pmp_event_fifo *q,
			    const struct pmp_session_event *ev);
HRESULT pmp_event_fifo_pop(struct pmp_event_fifo *q, DWORD wait_ms,
			   struct pmp_session_event *ev);
void pmp_event_fifo_shutdown(struct pmp_event_fifo *q);

/* A condition variable whose timed waits run on CLOCK_MONOTONIC. */
int pmp_cond_init_monotonic(pthread_cond_t *cond);
/* Waits on @cond until MFGetSystemTime() reaches @deadline (0: forever). */
void pmp_cond_wait_until(pthread_cond_t *cond, pthread_mutex_t *lock,
			 MFTIME deadline);

/**
 * struct pmp_pclock - a presentation clock driven by the system time
 * @state: MFCLOCK_STATE_*; INVALID until its first start
 * @position: the presentation time at @anchor (all the time unless it
 *	runs)
 * @anchor: the system time when it last started running
 */
struct pmp_pclock {
	MFCLOCK_STATE state;
	LONGLONG position;
	MFTIME anchor;
};

LONGLONG pmp_pclock_time(const struct pmp_pclock *c, MFTIME now);
MFTIME pmp_pclock_system_time_at(const struct pmp_pclock *c, LONGLONG time);
void pmp_pclock_run(struct pmp_pclock *c, LONGLONG position, MFTIME now);
void pmp_pclock_pause(struct pmp_pclock *c, MFTIME now);
void pmp_pclock_stop(struct pmp_pclock *c);

#endif /* PMP_LIB_MF_SESSION_HOST_H */
