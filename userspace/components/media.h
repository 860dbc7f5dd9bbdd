/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * media.h - the classes of libpmp-media.so, the host's media components:
 * the decryptor and the decoder a session inserts between a stream and
 * its sink, and the two sinks that hand frames, or records of them, to
 * the client (Documentation/userspace-api/mf.rst, "The media components")
 */

#ifndef PMP_COMPONENTS_MEDIA_H
#define PMP_COMPONENTS_MEDIA_H

#include "objbase.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* Each: a new object as @riid in *@ppv (struct component_class). */
HRESULT media_cenc_decryptor_create(REFIID riid, void **ppv);
HRESULT media_h264_decoder_create(REFIID riid, void **ppv);
HRESULT media_hash_sink_create(REFIID riid, void **ppv);
HRESULT media_frame_sink_create(REFIID riid, void **ppv);

#endif /* PMP_COMPONENTS_MEDIA_H */
