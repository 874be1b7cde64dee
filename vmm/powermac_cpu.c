// SPDX-License-Identifier: GPL-2.0
/*
 * The powermac vCPU at entry.  Mac-on-Linux started every session from a
 * zeroed register file (src/cpu/ppc/init.c map_mregs: memset of mac_regs_t)
 * and its boot loaders changed only a few registers:
 *
 *   - mol-src/src/booter/elf.c elf_startup(), MOL's "any static ELF" boot,
 *     which is what molvm -kernel is: MSR = 0, SDR1 = RAM size - 64 KiB,
 *     r1 = RAM size - 64 KiB - 32; nip = the ELF entry (load_elf).
 *   - of_startup() in the same file (newworld Mac OS, Linux through
 *     yaboot) boots MOL's Open Firmware image the same way and keeps the
 *     reset MSR of src/cpu/molcpu.c (ME | IP).
 *
 * So every segment register, BAT and SPRG is 0 and the guest runs in real
 * mode with a hashed page table of 64 KiB (HTABMASK 0) at the top of RAM,
 * the stack just below it.  molvm keeps MSR[ME] (machine/powermac: the
 * reset value MOL's CPU set up; MSR[IP] is left clear because KVM PR
 * delivers interrupts at HIOR + vector and ignores IP: book3s_pr.c
 * kvmppc_inject_interrupt_pr).
 *
 * The BATs and segment registers are written explicitly rather than left
 * as a fresh vCPU has them: KVM_GET_SREGS returns a BAT pair as lower <<
 * 32 | upper (kvmppc_bat.raw, arch/powerpc/kvm/book3s_emulate.c
 * kvmppc_set_bat) while KVM_SET_SREGS takes upper << 32 | lower
 * (book3s_pr.c kvm_arch_vcpu_ioctl_set_sregs_pr), so passing back what
 * GET returned would swap every BAT's halves.
 */
#include "powermac_cpu.h"

#include <string.h>

#include "powermac_boot.h"

uint64_t ppc32_sregs_bat(uint32_t upper, uint32_t lower)
{
	return (uint64_t)upper << 32 | lower;
}

uint64_t ppc32_sregs_bat_get(uint32_t upper, uint32_t lower)
{
	return (uint64_t)lower << 32 | upper;
}

/* MOL's zeroed register file: SDR1, the segment registers, BATs off, the
 * GPRs, SPRGs and the other user-visible registers 0. */
static void zeroed(struct kvm_ppc_sregs *s, struct kvm_ppc_regs *r, uint32_t sdr1,
		   const uint32_t *sr)
{
	int i;

	s->u.s.sdr1 = sdr1;
	for (i = 0; i < 16; i++)
		s->u.s.ppc32.sr[i] = sr ? sr[i] : 0;
	for (i = 0; i < 8; i++) {
		s->u.s.ppc32.ibat[i] = ppc32_sregs_bat(0, 0);
		s->u.s.ppc32.dbat[i] = ppc32_sregs_bat(0, 0);
	}
	memset(r->gpr, 0, sizeof(r->gpr));
	memset(r->sprg, 0, sizeof(r->sprg));
	r->lr = 0;
	r->ctr = 0;
	r->cr = 0;
	r->xer = 0;
	r->srr0 = 0;
	r->srr1 = 0;
}

void powermac_cpu_state(uint64_t ram_size, struct kvm_ppc_sregs *s, struct kvm_ppc_regs *r)
{
	uint32_t htab = 0;

	/* RAM is at most 2 GiB (machine.c); the HTAB must be 64 KiB aligned
	 * and leave room for the stack below it. */
	if (ram_size >= 2 * POWERMAC_HTAB_SIZE && ram_size <= 0x80000000ULL)
		htab = (uint32_t)((ram_size - POWERMAC_HTAB_SIZE) & ~(uint64_t)(POWERMAC_HTAB_SIZE - 1));

	/* HTABORG = htab, HTABMASK = 0: 64 KiB */
	zeroed(s, r, htab, NULL);
	r->gpr[1] = htab ? htab - POWERMAC_STACK_GAP : 0;
}

/*
 * An Open Firmware client (powermac_boot.h): MOL's OpenBIOS call_elf
 * (arch/ppc/start.S) entered it with MSR = FP | ME | DR | IR, r5 = the
 * client interface, r6 = r7 = 0 (no client arguments) and r1 = its client
 * stack; setup_mmu (ofmem.c) had set SDR1 and the segment registers; the
 * BATs stay as MOL's zeroed register file had them.  r3/r4 carry an
 * initrd's address and size, as yaboot passes them to Linux (prom_init.c
 * prom_check_initrd); 0 without one.
 */
void powermac_cpu_state_of(const struct pmac_boot *b, struct kvm_ppc_sregs *s,
			   struct kvm_ppc_regs *r)
{
	struct ppc32_mmu m;

	pmac_boot_mmu(b, &m);
	zeroed(s, r, m.sdr1, m.sr);
	r->gpr[1] = b->stack;
	r->gpr[3] = b->initrd;
	r->gpr[4] = b->initrd_size;
	r->gpr[5] = b->ci_entry;
	r->msr = m.msr;
}
