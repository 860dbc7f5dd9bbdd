# SPDX-License-Identifier: LGPL-2.1-or-later
# sources.mk - libpmp's COM layer, included by userspace/lib/Makefile
COM_SRCS := errors.c com/uuid.c com/server.c com/proxy.c com/marshal.c \
	com/stubs.c com/ps_unknown.c com/ps_counter.c com/ps_clearkey.c
