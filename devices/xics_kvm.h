/* SPDX-License-Identifier: GPL-2.0 */
/*
 * XICS, the PAPR interrupt controller, served by KVM's in-kernel device
 * (arch/powerpc/kvm/book3s_xics.c): the presentation hcalls (H_XIRR,
 * H_CPPR, H_EOI, H_IPI, H_IPOLL) and the four source RTAS calls never
 * leave the kernel.
 */
#ifndef MOLVM_XICS_KVM_H
#define MOLVM_XICS_KVM_H

#include <stdbool.h>
#include <stdint.h>

struct vm;

/* First source number: Linux and QEMU put PAPR sources at 0x1000
 * (QEMU hw/ppc/spapr_irq.c SPAPR_IRQ_BASE... XICS_IRQ_BASE). */
#define XICS_IRQ_BASE	0x1000
#define XICS_NR_IRQS	64

/* Create the device, connect every vCPU, register the RTAS tokens and
 * the sources.  Returns 0, or -1 after one line on stderr. */
int xics_kvm_init(struct vm *vm);
/* Does this VM's KVM have an in-kernel XICS? */
bool xics_kvm_available(struct vm *vm);

/* Make source irq level-sensitive (an LSI: PCI INTx), still masked
 * until the guest turns it on.  Returns 0 or -1 after one line. */
int xics_kvm_set_lsi(struct vm *vm, uint32_t irq);

/* Assert (level 1) or deassert (0) a level-sensitive source.  Callable
 * from any thread. */
void xics_kvm_set_level(struct vm *vm, uint32_t irq, int level);

#endif
