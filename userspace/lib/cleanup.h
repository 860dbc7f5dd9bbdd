/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cleanup.h - scope-bound descriptors and memory (__attribute__((cleanup)))
 *
 * A variable declared _cleanup_close_ or _cleanup_free_ is released when it
 * goes out of scope, so that every early return releases what was taken;
 * take_fd() and take_ptr() hand the value on and disarm the cleanup.
 */

#ifndef PMP_LIB_CLEANUP_H
#define PMP_LIB_CLEANUP_H

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

static inline void pmp_closep(int *fd)
{
	int saved = errno;

	if (*fd >= 0)
		close(*fd);
	errno = saved;
}

static inline void pmp_freep(void *p)
{
	free(*(void **)p);
}

#define _cleanup_close_ __attribute__((cleanup(pmp_closep)))
#define _cleanup_free_ __attribute__((cleanup(pmp_freep)))

static inline int take_fd(int *fd)
{
	int ret = *fd;

	*fd = -1;
	return ret;
}

#define take_ptr(p)                                                            \
	({                                                                     \
		__typeof__(p) __p = (p);                                       \
		(p) = NULL;                                                    \
		__p;                                                           \
	})

#endif /* PMP_LIB_CLEANUP_H */
