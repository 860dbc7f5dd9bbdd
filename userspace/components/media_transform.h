/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * media_transform.h - IPmpMediaTransform for libpmp-media's transforms:
 * the object, its state and its lock around a class's operations
 *
 * The shell keeps what every transform's contract says (pmpmedia.idl):
 * Open once and first, SetInputType before the rest, no input from Drain
 * until Flush, the output type handed out as a copy.  A class gives its
 * operations and embeds struct media_transform first in its own.
 *
 * A session calls a transform from one thread at a time, but Open and
 * SetInputType come from the thread resolving the topology and the rest
 * from its worker: every operation runs under the shell's lock.
 */

#ifndef PMP_COMPONENTS_MEDIA_TRANSFORM_H
#define PMP_COMPONENTS_MEDIA_TRANSFORM_H

#include <pthread.h>
#include <stdbool.h>

#include "pmpmedia.h"

struct media_transform;

/**
 * struct media_transform_ops - what a transform class does
 * @open: reads Open's attributes, once (NULL: nothing to read)
 * @set_input_type: takes @type (MF_E_INVALIDMEDIATYPE if it cannot) and
 *	gives the type of its output in *@out; anything held from an
 *	earlier type is dropped
 * @process_input: takes one sample; MF_E_NOTACCEPTING while output waits
 * @process_output: the next output sample in *@out, or
 *	MF_E_TRANSFORM_NEED_MORE_INPUT
 * @drain: no more input: what is held is to come out (NULL: nothing to do)
 * @flush: drops everything held
 * @destroy: frees the object, after the shell dropped its own parts
 */
struct media_transform_ops {
	HRESULT (*open)(struct media_transform *t, IMFAttributes *node);
	HRESULT (*set_input_type)(struct media_transform *t, IMFMediaType *type,
				  IMFMediaType **out);
	HRESULT (*process_input)(struct media_transform *t, IMFSample *sample);
	HRESULT (*process_output)(struct media_transform *t, IMFSample **out);
	HRESULT (*drain)(struct media_transform *t);
	HRESULT (*flush)(struct media_transform *t);
	void (*destroy)(struct media_transform *t);
};

/**
 * struct media_transform - the shell
 * @lock: taken around every operation
 * @opened: Open succeeded
 * @draining: Drain came, Flush or a new input type has not
 * @output: the output type of the current input type, or NULL
 */
struct media_transform {
	IPmpMediaTransform IPmpMediaTransform_iface;
	unsigned int refs;
	const struct media_transform_ops *ops;
	pthread_mutex_t lock;
	bool opened;
	bool draining;
	IMFMediaType *output;
};

/**
 * media_transform_hand_out() - make @t a transform and hand it out
 * @t: the class's object, zeroed but for its own fields
 * @ops: the class's operations
 * @riid: the interface wanted
 * @ppv: the object as @riid; on failure it is freed (@ops->destroy)
 *
 * Return: S_OK or E_NOINTERFACE.
 */
HRESULT media_transform_hand_out(struct media_transform *t,
				 const struct media_transform_ops *ops,
				 REFIID riid, void **ppv);

#endif /* PMP_COMPONENTS_MEDIA_TRANSFORM_H */
