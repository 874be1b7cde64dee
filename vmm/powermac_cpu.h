/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The powermac vCPU's state at entry, as Mac-on-Linux set it up for the
 * image it boots (see powermac_cpu.c).  Pure functions on the KVM
 * register structures, so the unit tests check them without /dev/kvm.
 */
#ifndef MOLVM_POWERMAC_CPU_H
#define MOLVM_POWERMAC_CPU_H

#include <stdint.h>

#include "kvm_abi.h"

/* The HTAB MOL's ELF boot points SDR1 at: the top 64 KiB of RAM. */
#define POWERMAC_HTAB_SIZE	0x10000u
/* r1 at entry: 32 bytes below that HTAB. */
#define POWERMAC_STACK_GAP	32u

/* KVM_SET_SREGS' word for one 32-bit BAT pair (upper in the high word). */
uint64_t ppc32_sregs_bat(uint32_t upper, uint32_t lower);

/* The same pair as KVM_GET_SREGS reports it on KVM PR: the kernel's
 * kvmppc_bat.raw, lower in the high word (the two ioctls disagree). */
uint64_t ppc32_sregs_bat_get(uint32_t upper, uint32_t lower);

/* Fill the 32-bit MMU part of sregs and the GPRs/SPRGs of regs for a
 * guest with ram_size bytes of RAM; pc and msr stay the caller's. */
void powermac_cpu_state(uint64_t ram_size, struct kvm_ppc_sregs *s, struct kvm_ppc_regs *r);

struct pmac_boot;
/* The same for an Open Firmware client (powermac_boot.h): also pc's
 * neighbours r1, r3, r4, r5 and the MSR. */
void powermac_cpu_state_of(const struct pmac_boot *b, struct kvm_ppc_sregs *s,
			   struct kvm_ppc_regs *r);

#endif
