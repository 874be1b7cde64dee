// SPDX-License-Identifier: GPL-2.0
#include "ratelimit.h"

#include "log.h"

void ratelimit_init(struct ratelimit *rl, const char *what, unsigned int burst)
{
	rl->what = what;
	rl->burst = burst;
	atomic_store(&rl->events, 0);
}

bool ratelimit_allow(struct ratelimit *rl)
{
	uint64_t n = atomic_load(&rl->events);

	do {
		if (n == UINT64_MAX)
			return false;
	} while (!atomic_compare_exchange_weak(&rl->events, &n, n + 1));
	return n < rl->burst;
}

uint64_t ratelimit_suppressed(struct ratelimit *rl)
{
	uint64_t n = atomic_load(&rl->events);

	return n > rl->burst ? n - rl->burst : 0;
}

void ratelimit_summary(struct ratelimit *rl)
{
	uint64_t n = ratelimit_suppressed(rl);

	if (!n)
		return;
	pr_info("%s: %llu more messages not shown", rl->what, (unsigned long long)n);
	/* Counted from here on: the next summary says what came since. */
	atomic_fetch_sub(&rl->events, n);
}
