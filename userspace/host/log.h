/* SPDX-License-Identifier: GPL-2.0 */
/*
 * log.h - pmphost's log: lines written to a descriptor it was given
 */

#ifndef PMPHOST_LOG_H
#define PMPHOST_LOG_H

void host_log_init(int fd);
void host_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *host_errname(int err);

#endif /* PMPHOST_LOG_H */
