// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * media.c - libpmp-media.so: the host's media components, by class
 */

#include "pmpmedia.h"

#include "factory.h"
#include "media.h"

const struct component_class component_classes[] = {
	{ &CLSID_PmpCencDecryptor, media_cenc_decryptor_create },
	{ &CLSID_PmpH264Decoder, media_h264_decoder_create },
	{ &CLSID_PmpHashSink, media_hash_sink_create },
	{ &CLSID_PmpFrameSink, media_frame_sink_create },
	{ NULL, NULL },
};
