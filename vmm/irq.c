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

/* Input nr of the "vcpu" chip: vCPU nr & 0xff, OR bit nr >> 8. */
static void vcpu_set_level(void *opaque, uint32_t nr, int level)
{
	struct vm *vm = opaque;
	uint32_t cpu = nr & 0xff, bit = 1U << (nr >> 8);
	struct vcpu *v;
	bool was, now;

	if (cpu >= MOLVM_MAX_VCPUS)
		return;
	v = &vm->vcpus[cpu];
	pthread_mutex_lock(&v->irq_lock);
	was = v->irq_asserted != 0;
	v->irq_asserted = level ? v->irq_asserted | bit : v->irq_asserted & ~bit;
	now = v->irq_asserted != 0;
	/* Under the lock, so that the ioctls happen in the order the
	 * level changed. */
	if (was != now && v->fd >= 0) {
		struct kvm_ppc_interrupt irq = {
			.irq = now ? KVM_INTERRUPT_SET_LEVEL : KVM_INTERRUPT_UNSET,
		};

		if (ioctl(v->fd, KVM_INTERRUPT, &irq) < 0 &&
		    ratelimit_allow(&vm->reports.kvm_interrupt))
			pr_err("vCPU %u: KVM_INTERRUPT: %s (external interrupts will not reach "
			       "the guest)", cpu, strerror(errno));
	}
	pthread_mutex_unlock(&v->irq_lock);
}

static const struct irq_chip vcpu_chip = {
	.name = "vcpu",
	.set_level = vcpu_set_level,
};

int vcpu_irq_connect(struct vm *vm, int cpu, struct irq_line *l)
{
	struct vcpu *v = &vm->vcpus[cpu];
	uint32_t n;

	pthread_mutex_lock(&v->irq_lock);
	for (n = 0; n < 32 && (v->irq_inputs >> n) & 1; n++)
		;
	if (n < 32)
		v->irq_inputs |= 1U << n;
	pthread_mutex_unlock(&v->irq_lock);
	if (n == 32) {
		pr_err("vCPU %d: no external interrupt input left", cpu);
		return -1;
	}
	irq_connect(l, &vcpu_chip, vm, (uint32_t)cpu | n << 8);
	return 0;
}

bool vcpu_irq_asserted(struct vm *vm, int cpu)
{
	struct vcpu *v = &vm->vcpus[cpu];
	bool r;

	pthread_mutex_lock(&v->irq_lock);
	r = v->irq_asserted != 0;
	pthread_mutex_unlock(&v->irq_lock);
	return r;
}
