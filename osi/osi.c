// SPDX-License-Identifier: GPL-2.0
/*
 * OSI dispatch: one table indexed by selector.  As in MOL, a selector with
 * no handler (or out of range) returns 0 and CALL_AVAILABLE answers 0 for
 * it; molvm also reports each such selector once.
 */
#include "osi.h"

#include <stdatomic.h>
#include <stddef.h>

#include "../vmm/log.h"

static uint32_t osi_call_available(struct vcpu *vcpu, uint64_t *gpr);

static const struct osi_call {
	const char *name;
	osi_fn fn;
} osi_calls[OSI_NR_SELECTORS] = {
	[OSI_CALL_AVAILABLE] = { "CALL_AVAILABLE", osi_call_available },
	[OSI_LOG_PUTC]       = { "LOG_PUTC",       osi_log_putc },
	[OSI_EXIT]           = { "EXIT",           osi_exit },
};

int osi_available(uint32_t selector)
{
	return selector < OSI_NR_SELECTORS && osi_calls[selector].fn != NULL;
}

static uint32_t osi_call_available(struct vcpu *vcpu, uint64_t *gpr)
{
	(void)vcpu;
	return (uint32_t)osi_available(osi_arg(gpr, 0));
}

/* One bit per selector, one more for every out-of-range number. */
static atomic_uint_least64_t reported[(OSI_NR_SELECTORS + 1 + 63) / 64];

static void report_unknown(uint64_t selector)
{
	unsigned int bit = selector < OSI_NR_SELECTORS ? (unsigned int)selector : OSI_NR_SELECTORS;
	uint64_t mask = 1ULL << (bit % 64);

	if (atomic_fetch_or(&reported[bit / 64], mask) & mask)
		return;
	if (bit == OSI_NR_SELECTORS)
		pr_info("OSI selector %llu is out of range: returning 0 (reported once)",
			(unsigned long long)selector);
	else
		pr_info("OSI selector %u is not implemented: returning 0 (reported once)", bit);
}

void osi_dispatch(struct vcpu *vcpu, uint64_t *gpr)
{
	uint64_t sel = gpr[5];

	if (sel < OSI_NR_SELECTORS && osi_calls[sel].fn) {
		/* Sign-extended so a 64-bit guest sees -1 as -1. */
		gpr[3] = (uint64_t)(int64_t)(int32_t)osi_calls[sel].fn(vcpu, gpr);
		return;
	}
	report_unknown(sel);
	gpr[3] = 0;
}
