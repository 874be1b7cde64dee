/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The pseries interrupt controller as devices see it: KVM's in-kernel
 * XICS when the host has one (xics_kvm.c), molvm's own otherwise or with
 * -M pseries,kernel-irqchip=off (xics_user.c).  Sources are numbered from
 * XICS_IRQ_BASE.
 */
#ifndef MOLVM_XICS_H
#define MOLVM_XICS_H

#include <stdbool.h>
#include <stdint.h>

#include "xics_kvm.h"
#include "xics_user.h"

struct vm;
struct irq_line;

/* After every vCPU exists.  Returns 0, or -1 after one line on stderr. */
int xics_init(struct vm *vm);
/* A device's line to source irq (vmm/irq.h): level-sensitive (lsi: PCI
 * INTx, EPOW) or message-style (an edge, fired with irq_pulse).  Returns
 * 0, or -1 after one line on stderr. */
int xics_connect(struct vm *vm, uint32_t irq, bool lsi, struct irq_line *line);
/* Make a source level-sensitive (PCI INTx); it stays masked until the
 * guest turns it on. */
int xics_set_lsi(struct vm *vm, uint32_t irq);
/* Raise (1) or lower (0) a source's input.  Any thread. */
void xics_set_level(struct vm *vm, uint32_t irq, int level);
/* Fire a message-style (edge) source once.  Any thread. */
void xics_pulse(struct vm *vm, uint32_t irq);

/* The vty's input interrupt (edge): the first source, as QEMU's spapr
 * gives its VIO devices theirs from the same pool. */
#define XICS_IRQ_VTY	XICS_IRQ_BASE

#endif
