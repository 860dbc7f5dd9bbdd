// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * framesink.c - CLSID_PmpFrameSink: decoded frames in, the same frames
 * out for the client, each in one buffer with MF_MT_SUBTYPE and
 * MF_MT_FRAME_SIZE on the sample so that it can be read without the type
 *
 * The frame keeps its secure buffer (secure_buffer.c) while it waits
 * here; the session copies it into a sealed ordinary memfd when the client
 * reads it (sample_blob.c), which is the only way a frame leaves the host.
 * A frame the decoder described itself keeps its own subtype and size;
 * others take the input type's.  Up to FRAME_SINK_DEPTH frames wait.
 */

#define COBJMACROS
#include <stdlib.h>

#include "mfapi.h"

#include "media.h"
#include "media_sample.h"
#include "media_sink.h"

#define FRAME_SINK_DEPTH 4

/* What tells a frame's layout, from the sample or else the type. */
static const GUID *const layout_attributes[] = {
	&MF_MT_SUBTYPE,
	&MF_MT_FRAME_SIZE,
};

static HRESULT describe_frame(IMFSample *frame, IMFMediaType *type)
{
	PROPVARIANT value;
	HRESULT hr = S_OK;
	size_t i;

	for (i = 0; SUCCEEDED(hr) && i < ARRAY_SIZE(layout_attributes); i++) {
		if (SUCCEEDED(IMFSample_GetItem(frame, layout_attributes[i],
						NULL)) ||
		    FAILED(IMFMediaType_GetItem(type, layout_attributes[i],
						&value)))
			continue;
		hr = IMFSample_SetItem(frame, layout_attributes[i], &value);
		PropVariantClear(&value);
	}
	return hr;
}

static HRESULT frame_sink_record(struct media_sink *s, IMFMediaType *type,
				 IMFSample *sample, IMFSample **out)
{
	IMFMediaBuffer *buffer;
	HRESULT hr;

	(void)s;
	hr = media_sample_join(sample, &buffer);
	if (FAILED(hr))
		return hr;
	hr = media_sample_new(sample, buffer, out);
	IMFMediaBuffer_Release(buffer);
	if (FAILED(hr))
		return hr;
	hr = IMFSample_CopyAllItems(sample, (IMFAttributes *)*out);
	if (SUCCEEDED(hr))
		hr = describe_frame(*out, type);
	if (FAILED(hr)) {
		IMFSample_Release(*out);
		*out = NULL;
	}
	return hr;
}

static void frame_sink_destroy(struct media_sink *s)
{
	free(s);
}

static const struct media_sink_ops frame_sink_ops = {
	.record = frame_sink_record,
	.destroy = frame_sink_destroy,
};

HRESULT media_frame_sink_create(REFIID riid, void **ppv)
{
	struct media_sink *s = calloc(1, sizeof(*s));

	if (!s)
		return E_OUTOFMEMORY;
	return media_sink_hand_out(s, &frame_sink_ops, FRAME_SINK_DEPTH, riid,
				   ppv);
}
