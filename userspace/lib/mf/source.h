/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * source.h - libpmp's media source over a local file, made by the source
 * resolver (resolver.c) (not installed)
 */

#ifndef PMP_LIB_MF_SOURCE_H
#define PMP_LIB_MF_SOURCE_H

#include "mfidl.h"

/* Requests a paused stream keeps for its restart, at most. */
#define PMP_SOURCE_PENDING_MAX 1024

/*
 * pmp_media_source_create - a media source of @location (a path or a
 * file:// URL, UTF-8), its presentation descriptor made.
 *
 * Return: S_OK and *@out; HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
 * E_ACCESSDENIED (not readable, or a directory); MF_E_UNSUPPORTED_SCHEME
 * (a URL other than file://); E_INVALIDARG (a malformed file:// URL, a
 * path too long); MF_E_UNSUPPORTED_BYTESTREAM_TYPE (no media file
 * libavformat knows); MF_E_INVALID_FILE_FORMAT (truncated, corrupt or
 * beyond the demuxer's limits); MF_E_INVALIDMEDIATYPE (no video stream it
 * offers); E_OUTOFMEMORY.
 */
HRESULT pmp_media_source_create(const char *location, IMFMediaSource **out);

#endif /* PMP_LIB_MF_SOURCE_H */
