// SPDX-License-Identifier: GPL-2.0
/* vmm/ratelimit.h: a burst of messages, then a count that never wraps. */
#include <stdint.h>

#include "../../vmm/ratelimit.h"
#include "unit.h"

START_TEST(burst_then_count)
{
	struct ratelimit rl;
	int i, shown = 0;

	ratelimit_init(&rl, "test", 3);
	for (i = 0; i < 10; i++)
		shown += ratelimit_allow(&rl);
	ck_assert_int_eq(shown, 3);
	ck_assert_uint_eq(ratelimit_suppressed(&rl), 7);
	ratelimit_summary(&rl);			/* "test: 7 more messages not shown" */
	ck_assert_uint_eq(ratelimit_suppressed(&rl), 0);
	/* The summary does not earn new lines. */
	ck_assert(!ratelimit_allow(&rl));
	ck_assert_uint_eq(ratelimit_suppressed(&rl), 1);
}
END_TEST

START_TEST(saturates)
{
	struct ratelimit rl;

	ratelimit_init(&rl, "test", 1);
	atomic_store(&rl.events, UINT64_MAX - 1);
	ck_assert(!ratelimit_allow(&rl));
	ck_assert(!ratelimit_allow(&rl));	/* at UINT64_MAX: stays there */
	ck_assert(atomic_load(&rl.events) == UINT64_MAX);
	ck_assert(ratelimit_suppressed(&rl) == UINT64_MAX - 1);
}
END_TEST

Suite *ratelimit_suite(void)
{
	Suite *s = suite_create("ratelimit");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, burst_then_count);
	tcase_add_test(tc, saturates);
	suite_add_tcase(s, tc);
	return s;
}
