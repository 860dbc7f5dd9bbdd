#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# exports_test.sh - libpmp.so exports the native API and Media
# Foundation's and COM's functions and GUIDs, and nothing of pmp's sample
# components, whose GUIDs libpmp-samples.so exports; the media data
# objects' functions and GUIDs are among libpmp's (TAP).
here=$(cd "$(dirname "$0")" && pwd)
defined() {
	nm -D --defined-only "$1" | awk '{ print $3 }'
}

echo "1..3"
# The native API is pmp_*; Windows' names (MFCreatePMPServer, IID_IUnknown,
# MF_PMP_SERVICE...) start with a capital; the samples' have Pmp in them.
extra=$(defined "$here/../lib/libpmp.so" | grep -v -E \
	'^(pmp_[a-z0-9_]+|[A-Z][A-Za-z0-9_]*)$|Pmp')
# ...but for pmp's own media interfaces (<pmpmedia.h>), which are libpmp's.
own='^(CLSID_PmpMediaSession|IID_IPmpMediaSource|IID_IPmpMediaSink|IID_IPmpMediaSessionHost|IID_IPmpMediaTransform|IID_IPmpKeyStore|IID_IPmpClearKeyLicense|IID_IPmpSinkOutput|CLSID_PmpCencDecryptor|CLSID_PmpH264Decoder|CLSID_PmpHashSink|CLSID_PmpFrameSink)$'
extra="$extra$(defined "$here/../lib/libpmp.so" | grep Pmp | grep -v -E "$own")"
if [ -z "$extra" ]; then
	echo "ok 1 libpmp.so exports only the native and Media Foundation APIs"
else
	echo "# unexpected:" $extra
	echo "not ok 1 libpmp.so exports only the native and Media Foundation APIs"
fi
want="CLSID_PmpClearKeyDecryptor CLSID_PmpTestCounter CLSID_PmpTestProbe CLSID_PmpTestSink CLSID_PmpTestSource IID_IPmpClearKeyDecryptor IID_IPmpTestCounter IID_IPmpTestProbe PMP_TEST_MEDIA_TYPE PMP_TEST_SINK_FAIL_AT PMP_TEST_SINK_FAIL_STATUS PMP_TEST_SOURCE_DURATION PMP_TEST_SOURCE_SAMPLES"
got=$(defined "$here/../components/libpmp-samples.so" | sort | tr '\n' ' ')
if [ "$got" = "$want " ]; then
	echo "ok 2 libpmp-samples.so exports the samples' GUIDs and nothing else"
else
	echo "# exported: $got"
	echo "not ok 2 libpmp-samples.so exports the samples' GUIDs and nothing else"
fi
# The media data objects (mf.rst, "Media data objects"): a program that
# does not define INITGUID finds their GUIDs in libpmp, as in mfuuid.lib.
want="MFCreateAlignedMemoryBuffer MFCreateMediaType MFCreateMemoryBuffer \
MFCreatePresentationDescriptor MFCreateSample MFCreateStreamDescriptor \
IID_IMFMediaBuffer IID_IMFSample IID_IMFMediaType IID_IMFMediaTypeHandler \
IID_IMFStreamDescriptor IID_IMFPresentationDescriptor IID_IMFMediaSource \
IID_IMFMediaStream IID_IMFSourceResolver MFMediaType_Video \
MFVideoFormat_H264 MF_MT_MAJOR_TYPE MF_MT_SUBTYPE MF_MT_FRAME_SIZE \
MFSampleExtension_CleanPoint MFSampleExtension_Content_KeyID \
MFSampleExtension_Encryption_SampleID \
MFSampleExtension_Encryption_SubSample_Mapping MF_PD_DURATION \
MF_SD_PROTECTED"
have=$(defined "$here/../lib/libpmp.so")
missing=
for sym in $want; do
	echo "$have" | grep -qx "$sym" || missing="$missing $sym"
done
if [ -z "$missing" ]; then
	echo "ok 3 libpmp.so exports the media data objects' functions and GUIDs"
else
	echo "# missing:$missing"
	echo "not ok 3 libpmp.so exports the media data objects' functions and GUIDs"
fi
