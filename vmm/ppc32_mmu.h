/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The 32-bit PowerPC (OEA) MMU as a guest programs it: BATs, segment
 * registers and the hashed page table in guest RAM (PowerPC Operating
 * Environment Architecture, Book III, chapter 7; the same model KVM PR
 * emulates in arch/powerpc/kvm/book3s_32_mmu.c).  molvm's Open Firmware
 * uses it to see guest virtual addresses as the client does, and to
 * enter the translations the client asks for in the client's HTAB.
 * Pure functions on a snapshot of the registers and guest memory.
 */
#ifndef MOLVM_PPC32_MMU_H
#define MOLVM_PPC32_MMU_H

#include <stdbool.h>
#include <stdint.h>

#include "guest_mem.h"
#include "kvm_abi.h"

#define PPC_MSR_PR	0x4000u		/* problem state */
#define PPC_MSR_FP	0x2000u
#define PPC_MSR_ME	0x1000u
#define PPC_MSR_IR	0x0020u		/* instruction relocation */
#define PPC_MSR_DR	0x0010u		/* data relocation */

#define PPC32_PAGE	0x1000u

/* Segment register: T (direct-store), Ks, Kp, N, VSID */
#define PPC32_SR_T	0x80000000u
#define PPC32_SR_KS	0x40000000u
#define PPC32_SR_KP	0x20000000u
#define PPC32_SR_VSID	0x00ffffffu

/* PTE word 1 / BAT lower: the storage mode IEEE 1275's PowerPC binding
 * calls "mode" (map, translate): W I M G and the PP bits */
#define PPC32_WIMG	0x78u
#define PPC32_PP	0x03u
#define PPC32_MODE	(PPC32_WIMG | PPC32_PP)

struct ppc32_mmu {
	uint32_t msr;
	uint32_t sdr1;
	uint32_t sr[16];
	uint32_t ibat[8][2];		/* [upper, lower] */
	uint32_t dbat[8][2];
};

/* The MMU state from what KVM_GET_SREGS returned (KVM PR hands each BAT
 * back as lower << 32 | upper, powermac_cpu.c) and the MSR. */
void ppc32_mmu_from_sregs(struct ppc32_mmu *m, const struct kvm_ppc_sregs *s, uint32_t msr);

enum ppc32_xlate {
	PPC32_OK = 0,
	PPC32_NO_MAPPING = -1,		/* no BAT, no PTE: the guest would fault */
	PPC32_PROTECTED = -2,		/* mapped, but not for this access */
	PPC32_BAD_HTAB = -3,		/* SDR1's table is not in RAM */
};

/*
 * A data access at ea as the guest's loads and stores see it: physical
 * when MSR[DR] is off, else through the DBATs and the page table, with
 * the access rights of the guest's privilege (PP bits and the segment's
 * key).  *pa gets the physical address, *mode (may be NULL) WIMG|PP.
 */
enum ppc32_xlate ppc32_data_xlate(const struct guest_mem *mem, const struct ppc32_mmu *m,
				  uint32_t ea, bool write, uint32_t *pa, uint32_t *mode);

/* The translation of ea whatever MSR[DR] says (the "translate" method):
 * DBATs, then the page table. */
enum ppc32_xlate ppc32_lookup(const struct guest_mem *mem, const struct ppc32_mmu *m,
			      uint32_t ea, uint32_t *pa, uint32_t *mode);

/*
 * Enter "ea -> pa, mode" for one 4 KiB page in the page table, with the
 * VSID of ea's segment register: in place of a PTE ea already has, else
 * in a free slot of the primary, then of the secondary PTE group.
 * Returns 0 for a new entry, 1 when an existing one was changed (the
 * guest's TLB may hold the old one), or a negative ppc32_xlate code
 * (PPC32_NO_MAPPING: both groups full or a direct-store segment).
 */
int ppc32_htab_map(const struct guest_mem *mem, const struct ppc32_mmu *m, uint32_t ea,
		   uint32_t pa, uint32_t mode);

/* Remove ea's PTE: 1 if there was one, 0 if not, negative on a bad table. */
int ppc32_htab_unmap(const struct guest_mem *mem, const struct ppc32_mmu *m, uint32_t ea);

/* SDR1 for a table of size bytes (a power of two, 64 KiB .. 32 MiB) at
 * base (aligned to its size). */
uint32_t ppc32_sdr1(uint32_t base, uint32_t size);

#endif
