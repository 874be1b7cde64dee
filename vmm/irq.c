// SPDX-License-Identifier: GPL-2.0
#include "irq.h"

#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>

#include "log.h"
#include "vm.h"

void irq_connect(struct irq_line *l, const struct irq_chip *chip, void *opaque, uint32_t nr)
{
	l->chip = chip;
	l->opaque = opaque;
	l->nr = nr;
	atomic_store(&l->level, 0);
}

void irq_set_level(struct irq_line *l, int level)
{
	atomic_store(&l->level, level != 0);
	if (l->chip)
		l->chip->set_level(l->opaque, l->nr, level != 0);
}

void irq_pulse(struct irq_line *l)
{
	if (!l->chip)
		return;
	if (l->chip->pulse) {
		l->chip->pulse(l->opaque, l->nr);
	} else {
		l->chip->set_level(l->opaque, l->nr, 1);
		l->chip->set_level(l->opaque, l->nr, 0);
	}
}

bool irq_level(struct irq_line *l)
{
	return atomic_load(&l->level) != 0;
}

static void vcpu_set_level(void *opaque, uint32_t cpu, int level)
{
	struct vm *vm = opaque;
	struct kvm_ppc_interrupt irq = {
		.irq = level ? KVM_INTERRUPT_SET_LEVEL : KVM_INTERRUPT_UNSET,
	};
	int fd = cpu < MOLVM_MAX_VCPUS ? vm->vcpus[cpu].fd : -1;

	if (fd < 0)
		return;		/* no KVM (unit tests) */
	if (ioctl(fd, KVM_INTERRUPT, &irq) < 0 && ratelimit_allow(&vm->reports.kvm_interrupt))
		pr_err("vCPU %u: KVM_INTERRUPT: %s (external interrupts will not reach the guest)",
		       cpu, strerror(errno));
}

static const struct irq_chip vcpu_chip = {
	.name = "vcpu",
	.set_level = vcpu_set_level,
};

void vcpu_irq_connect(struct vm *vm, int cpu, struct irq_line *l)
{
	irq_connect(l, &vcpu_chip, vm, (uint32_t)cpu);
}
