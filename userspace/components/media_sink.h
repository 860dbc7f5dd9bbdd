/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * media_sink.h - IPmpMediaSink for libpmp-media's sinks: uncompressed
 * video in, a bounded queue of samples out for the client
 *
 * The shell keeps the contract of pmpmedia.idl; a class says only what
 * it queues for each sample it is given (a record of the frame, or the
 * frame) and how many it holds.  ProcessSample waits while the queue is
 * full; ReadOutput waits while it is empty.  Once EndOfStream came and
 * the queue is empty, ReadOutput says S_FALSE, until a sample is queued
 * again.  Flush drops what is queued and ends a waiting ProcessSample
 * with MF_E_OPERATION_CANCELLED; the end of the stream stays marked.
 *
 * Locking: one lock per sink guards its state; the class's record
 * operation runs without it, so that ReadOutput and Flush (from other
 * threads) never wait for a frame to be hashed.
 */

#ifndef PMP_COMPONENTS_MEDIA_SINK_H
#define PMP_COMPONENTS_MEDIA_SINK_H

#include <pthread.h>
#include <stdbool.h>

#include "pmpmedia.h"

struct media_sink;

/**
 * struct media_sink_ops - what a sink class does
 * @record: what to queue for @sample, whose type is @type, in *@out (a
 *	new reference); called without the lock
 * @destroy: frees the object, after the shell dropped its own parts
 */
struct media_sink_ops {
	HRESULT (*record)(struct media_sink *s, IMFMediaType *type,
			  IMFSample *sample, IMFSample **out);
	void (*destroy)(struct media_sink *s);
};

/**
 * struct media_sink - the shell
 * @lock: guards what follows it
 * @room: the queue has room, or a flush came
 * @data: a sample was queued, or the stream ended
 * @type: the input type, a copy
 * @queue: a ring of @depth samples, @count of them from @head
 * @ended: EndOfStream came, and no sample since
 * @flushes: how many flushes came; a waiting ProcessSample sees its own
 *	flushed when this changed
 */
struct media_sink {
	IPmpMediaSink IPmpMediaSink_iface;
	unsigned int refs;
	const struct media_sink_ops *ops;
	pthread_mutex_t lock;
	pthread_cond_t room;
	pthread_cond_t data;
	bool opened;
	IMFMediaType *type;
	IMFSample **queue;
	unsigned int depth, head, count;
	bool ended;
	unsigned long flushes;
};

/**
 * media_sink_hand_out() - make @s a sink and hand it out
 * @s: the class's object, zeroed but for its own fields
 * @ops: the class's operations
 * @depth: how many samples it holds for the client, at least 1
 * @riid: the interface wanted
 * @ppv: the object as @riid; on failure it is freed (@ops->destroy)
 *
 * Return: S_OK, E_OUTOFMEMORY or E_NOINTERFACE.
 */
HRESULT media_sink_hand_out(struct media_sink *s,
			    const struct media_sink_ops *ops,
			    unsigned int depth, REFIID riid, void **ppv);

#endif /* PMP_COMPONENTS_MEDIA_SINK_H */
