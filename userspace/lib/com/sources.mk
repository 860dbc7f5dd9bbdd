# SPDX-License-Identifier: LGPL-2.1-or-later
# sources.mk - libpmp's COM layer, included by userspace/lib/Makefile
COM_SRCS := errors.c com/uuid.c com/server.c com/proxy.c com/marshal.c \
	com/interp.c com/stubs.c
# Proxy/stub tables generated from libpmp's own .idl files (../idl/build/).
COM_IDLS := unknwn mfidl pmpmedia
