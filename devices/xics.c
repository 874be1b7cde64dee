// SPDX-License-Identifier: GPL-2.0
#include "xics.h"

#include "../vmm/irq.h"
#include "../vmm/log.h"
#include "../vmm/vm.h"

int xics_init(struct vm *vm)
{
	if (!vm->cfg->kernel_irqchip_off) {
		if (xics_kvm_available(vm))
			return xics_kvm_init(vm);
		pr_info("KVM has no in-kernel XICS (CONFIG_KVM_XICS): molvm emulates it");
	}
	return xics_user_init(vm);
}

int xics_set_lsi(struct vm *vm, uint32_t irq)
{
	return vm->xics_user ? xics_user_set_lsi(vm, irq) : xics_kvm_set_lsi(vm, irq);
}

void xics_pulse(struct vm *vm, uint32_t irq)
{
	/* An edge source: "1" delivers it without asserting a level
	 * (book3s_xics.c ics_deliver_irq; xics_user.c the same). */
	xics_set_level(vm, irq, 1);
}

void xics_set_level(struct vm *vm, uint32_t irq, int level)
{
	if (vm->xics_user)
		xics_user_set_level(vm, irq, level);
	else
		xics_kvm_set_level(vm, irq, level);
}

static void chip_set_level(void *opaque, uint32_t irq, int level)
{
	xics_set_level(opaque, irq, level);
}

static void chip_pulse(void *opaque, uint32_t irq)
{
	xics_pulse(opaque, irq);
}

static const struct irq_chip xics_chip = {
	.name = "xics",
	.set_level = chip_set_level,
	.pulse = chip_pulse,
};

int xics_connect(struct vm *vm, uint32_t irq, bool lsi, struct irq_line *line)
{
	if (lsi && xics_set_lsi(vm, irq))
		return -1;
	irq_connect(line, &xics_chip, vm, irq);
	return 0;
}
