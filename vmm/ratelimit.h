/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Warnings a guest can provoke at will (a broken ring, an unassigned
 * address, a failing ioctl) are limited: the first `burst` are printed,
 * the rest only counted, and ratelimit_summary() prints one line with
 * the count ("what: N more messages not shown") when the device or the
 * VM goes away.  One per VM or per device: never reset by the guest (a
 * device restart does not earn it new lines), and the count saturates
 * instead of wrapping.
 */
#ifndef MOLVM_RATELIMIT_H
#define MOLVM_RATELIMIT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

struct ratelimit {
	const char *what;		/* names the messages in the summary */
	unsigned int burst;		/* messages printed */
	_Atomic uint64_t events;	/* saturates at UINT64_MAX */
};

void ratelimit_init(struct ratelimit *rl, const char *what, unsigned int burst);
/* Count one event; true when its message should be printed.  Any thread. */
bool ratelimit_allow(struct ratelimit *rl);
/* Events that were not printed. */
uint64_t ratelimit_suppressed(struct ratelimit *rl);
/* "molvm: what: N more messages not shown" if any were not; then
 * nothing until more are suppressed. */
void ratelimit_summary(struct ratelimit *rl);

#endif
