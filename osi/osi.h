/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Mac-on-Linux's OSI hypercalls: `sc` with r3/r4 = the magic pair, r5 =
 * selector, arguments in r6..r11, result in r3 and r4..r9 (MOL 0.9.72,
 * src/include/osi.h; ../shared/OSI.md).  KVM PR exits with all 32 GPRs in
 * run->osi.gprs and copies them back on the next KVM_RUN.
 */
#ifndef MOLVM_OSI_H
#define MOLVM_OSI_H

#include <stdint.h>

struct vcpu;

#define OSI_SC_MAGIC_R3		0x113724FA
#define OSI_SC_MAGIC_R4		0x77810F9B
#define OSI_NR_SELECTORS	100	/* MOL's NUM_OSI_SELECTORS */

/* Selectors (MOL 0.9.72 osi.h) */
#define OSI_CALL_AVAILABLE	0
#define OSI_DEBUGGER		1
#define OSI_LOG_PUTC		47
#define OSI_EXIT		54

/*
 * A handler gets the guest's GPRs and returns the value for r3; it may
 * also write r4..r9.  Arguments are 32-bit: MOL's ABI is a 32-bit one.
 */
typedef uint32_t (*osi_fn)(struct vcpu *vcpu, uint64_t *gpr);

static inline uint32_t osi_arg(const uint64_t *gpr, int n)
{
	return (uint32_t)gpr[6 + n];
}

void osi_dispatch(struct vcpu *vcpu, uint64_t *gpr);
int osi_available(uint32_t selector);

uint32_t osi_log_putc(struct vcpu *vcpu, uint64_t *gpr);
uint32_t osi_exit(struct vcpu *vcpu, uint64_t *gpr);

#endif
