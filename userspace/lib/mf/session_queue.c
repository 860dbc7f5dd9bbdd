// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * session_queue.c - the Media Session host half's event queue and
 * presentation clock
 *
 * Both run on CLOCK_MONOTONIC, Media Foundation's system time
 * (MFGetSystemTime, in clock.c): the clock
 * is the system time since the presentation started (or resumed), plus
 * the position it started at; a paused or stopped clock keeps its
 * position.  Timed waits (an event, the next sample) use condition
 * variables on the same clock, so that a change of the wall clock moves
 * nothing and nothing polls.
 *
 * The queue holds events as IPmpMediaSessionHost::GetEvent hands them
 * out.  It grows as events come: they come from the session's own calls
 * and from the end or failure of a presentation, so its length is bounded
 * by what its client asked for.  Once shut down it takes no more events
 * but still gives out those it holds; then MF_E_SHUTDOWN.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mfapi.h"
#include "mfidl.h"

#include "mf.h"
#include "session_host.h"

#define HNS_PER_SEC 10000000LL
#define NS_PER_HNS 100

int pmp_cond_init_monotonic(pthread_cond_t *cond)
{
	pthread_condattr_t attr;
	int err;

	err = pthread_condattr_init(&attr);
	if (err)
		return -err;
	err = pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	if (!err)
		err = pthread_cond_init(cond, &attr);
	pthread_condattr_destroy(&attr);
	return -err;
}

void pmp_cond_wait_until(pthread_cond_t *cond, pthread_mutex_t *lock,
			 MFTIME deadline)
{
	struct timespec ts;

	if (!deadline) {
		pthread_cond_wait(cond, lock);
		return;
	}
	ts.tv_sec = deadline / HNS_PER_SEC;
	ts.tv_nsec = deadline % HNS_PER_SEC * NS_PER_HNS;
	pthread_cond_timedwait(cond, lock, &ts);
}

/* ---- the event queue ---- */

int pmp_event_fifo_init(struct pmp_event_fifo *q)
{
	int err;

	memset(q, 0, sizeof(*q));
	err = pmp_cond_init_monotonic(&q->cond);
	if (err)
		return err;
	pthread_mutex_init(&q->lock, NULL);
	return 0;
}

void pmp_event_fifo_cleanup(struct pmp_event_fifo *q)
{
	pthread_cond_destroy(&q->cond);
	pthread_mutex_destroy(&q->lock);
	free(q->events);
}

/* Doubles the ring, unrolling it; the lock is held. */
static int fifo_grow_locked(struct pmp_event_fifo *q)
{
	size_t cap = q->capacity ? q->capacity * 2 : 16, i;
	struct pmp_session_event *ev;

	ev = calloc(cap, sizeof(*ev));
	if (!ev)
		return -ENOMEM;
	for (i = 0; i < q->count; i++)
		ev[i] = q->events[(q->head + i) % q->capacity];
	free(q->events);
	q->events = ev;
	q->capacity = cap;
	q->head = 0;
	return 0;
}

/**
 * pmp_event_fifo_push - queue an event, and wake a waiter
 *
 * Return: S_OK, E_OUTOFMEMORY, MF_E_SHUTDOWN.
 */
HRESULT pmp_event_fifo_push(struct pmp_event_fifo *q,
			    const struct pmp_session_event *ev)
{
	HRESULT hr = S_OK;

	pthread_mutex_lock(&q->lock);
	if (q->shutdown)
		hr = MF_E_SHUTDOWN;
	else if (q->count == q->capacity && fifo_grow_locked(q))
		hr = E_OUTOFMEMORY;
	if (SUCCEEDED(hr)) {
		q->events[(q->head + q->count) % q->capacity] = *ev;
		q->count++;
		pthread_cond_signal(&q->cond);
	}
	pthread_mutex_unlock(&q->lock);
	return hr;
}

/**
 * pmp_event_fifo_pop - take the oldest event, waiting up to @wait_ms
 *
 * Return: S_OK, MF_E_NO_EVENTS_AVAILABLE (none came in time),
 * MF_E_SHUTDOWN (shut down and empty).
 */
HRESULT pmp_event_fifo_pop(struct pmp_event_fifo *q, DWORD wait_ms,
			   struct pmp_session_event *ev)
{
	MFTIME deadline = MFGetSystemTime() + (MFTIME)wait_ms * 10000;
	HRESULT hr = S_OK;

	pthread_mutex_lock(&q->lock);
	while (!q->count && !q->shutdown && MFGetSystemTime() < deadline)
		pmp_cond_wait_until(&q->cond, &q->lock, deadline);
	if (q->count) {
		*ev = q->events[q->head];
		q->head = (q->head + 1) % q->capacity;
		q->count--;
	} else {
		hr = q->shutdown ? MF_E_SHUTDOWN : MF_E_NO_EVENTS_AVAILABLE;
	}
	pthread_mutex_unlock(&q->lock);
	return hr;
}

void pmp_event_fifo_shutdown(struct pmp_event_fifo *q)
{
	pthread_mutex_lock(&q->lock);
	q->shutdown = true;
	pthread_cond_broadcast(&q->cond);
	pthread_mutex_unlock(&q->lock);
}

/* ---- the presentation clock ---- */

/*
 * A client chooses the position: arithmetic on it wraps (unsigned) rather
 * than overflow, whatever it chose.
 */
static LONGLONG add_wrapping(LONGLONG a, LONGLONG b, LONGLONG c)
{
	return (LONGLONG)((ULONGLONG)a + (ULONGLONG)b - (ULONGLONG)c);
}

LONGLONG pmp_pclock_time(const struct pmp_pclock *c, MFTIME now)
{
	if (c->state != MFCLOCK_STATE_RUNNING)
		return c->position;
	return add_wrapping(c->position, now, c->anchor);
}

/* The system time at which a running clock shows @time. */
MFTIME pmp_pclock_system_time_at(const struct pmp_pclock *c, LONGLONG time)
{
	return add_wrapping(c->anchor, time, c->position);
}

/* Runs the clock from @position. */
void pmp_pclock_run(struct pmp_pclock *c, LONGLONG position, MFTIME now)
{
	c->state = MFCLOCK_STATE_RUNNING;
	c->position = position;
	c->anchor = now;
}

void pmp_pclock_pause(struct pmp_pclock *c, MFTIME now)
{
	c->position = pmp_pclock_time(c, now);
	c->state = MFCLOCK_STATE_PAUSED;
}

/* A stopped clock shows 0: the next start is from the beginning. */
void pmp_pclock_stop(struct pmp_pclock *c)
{
	c->position = 0;
	c->state = MFCLOCK_STATE_STOPPED;
}
