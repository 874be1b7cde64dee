/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interrupt lines.  An interrupt controller (the XICS, MOL's osi-pic, a
 * vCPU's external interrupt input, ...) exports numbered inputs through
 * one struct irq_chip; whoever connects a device gives it a struct
 * irq_line naming one input, and the device drives that line without
 * knowing which controller is behind it.
 *
 * A line that was never connected (chip NULL) goes nowhere: driving it
 * only records the level.  Every function here may be called from any
 * thread; the chip serialises its own state.
 */
#ifndef MOLVM_IRQ_H
#define MOLVM_IRQ_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

struct vm;

/* What an interrupt controller provides. */
struct irq_chip {
	const char *name;
	/* Drive input nr: 1 asserted, 0 deasserted. */
	void (*set_level)(void *opaque, uint32_t nr, int level);
	/* Optional: fire edge-triggered input nr once.  NULL: assert, then
	 * deassert. */
	void (*pulse)(void *opaque, uint32_t nr);
};

/* What a device holds (not copied once connected). */
struct irq_line {
	const struct irq_chip *chip;
	void *opaque;
	uint32_t nr;
	atomic_int level;		/* what the device last drove */
};

void irq_connect(struct irq_line *l, const struct irq_chip *chip, void *opaque, uint32_t nr);
void irq_set_level(struct irq_line *l, int level);
void irq_pulse(struct irq_line *l);
/* The level the device last drove (a device's own "is my interrupt
 * pending" for its acknowledge calls). */
bool irq_level(struct irq_line *l);

/*
 * The vCPUs' external interrupt inputs, the chip an interrupt controller
 * emulated in molvm drives: input n is vCPU n, driven with KVM_INTERRUPT
 * (SET_LEVEL/UNSET), one of KVM's asynchronous vCPU ioctls on PowerPC
 * (kvm_arch_vcpu_async_ioctl), so any thread may drive it.  Without a
 * vCPU fd (unit tests) only the level is recorded.
 */
void vcpu_irq_connect(struct vm *vm, int cpu, struct irq_line *l);

#endif
