# SPDX-License-Identifier: LGPL-2.1-or-later
# sources.mk - libpmp's Media Foundation platform and data objects
# (Documentation/userspace-api/mf.rst), included by userspace/lib/Makefile
MF_SRCS := mf/runtime.c mf/propvariant.c mf/attributes.c mf/event.c \
	mf/eventqueue.c mf/async.c mf/collection.c mf/blob.c mf/topology.c \
	mf/topology_blob.c
# Samples by value (mf.rst, "Samples by value").
MF_SRCS += mf/sample_blob.c
# Media data objects: buffers, samples, media types, stream and
# presentation descriptors (mf.rst, "Media data objects").
MF_SRCS += mf/buffer.c mf/sample.c mf/mediatype.c mf/descriptor.c
# The client half of a PMP media session (mf.rst, "The Media Session").
MF_SRCS += mf/session.c mf/clock.c
# The host half of a PMP media session (mf.rst, "The Media Session in a
# PMP process").
MF_SRCS += mf/session_host.c mf/session_queue.c mf/session_graph.c \
	mf/session_feed.c mf/session_keys.c mf/session_sources.c
# The media source: local files through libavformat (mf.rst, "The media
# source").
MF_SRCS += mf/demux.c mf/source.c mf/resolver.c
# ClearKey licenses and a session's key store (mf.rst, "ClearKey
# licenses").
MF_SRCS += mf/keys.c
