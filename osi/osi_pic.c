// SPDX-License-Identifier: GPL-2.0
/*
 * MOL's OSI interrupt controller (src/drivers/osi_pic.c, the "osi-pic"
 * node): 32 level-triggered sources, a mask, and one output, the vCPU's
 * external interrupt, driven with KVM_INTERRUPT (SET_LEVEL while any
 * unmasked source is high, UNSET when none is).  A device raises its line
 * when it has something and lowers it when the guest acknowledges through
 * the device's own call (VIDEO_ACK_IRQ, TTY_IRQ_ACK, ...), as in MOL.
 *
 *   PIC_MASK_IRQ(irq) / PIC_UNMASK_IRQ(irq)   -- 0; -1 for irq >= 32
 *   PIC_ACK_IRQ(irq, mask_it)                 -- 0; masks the source if asked
 *   PIC_GET_ACTIVE_IRQ                        -- level & mask
 *   REGISTER_IRQ(irq, appl_int)               -- the irq (its cookie), -1
 *                                                if it is no source
 * Devices reach it through irq lines (vmm/irq.h); its output is vCPU 0's
 * external interrupt, itself an irq line.
 */
#include "../vmm/vm.h"
#include "osi.h"
#include "osi_devices.h"

/* Caller holds pic->lock. */
static void update_line(struct osi_pic *pic)
{
	bool want = (pic->level & pic->mask) != 0;

	if (want == pic->cpu_line)
		return;
	pic->cpu_line = want;
	irq_set_level(&pic->out, want);
}

static void pic_set_level(void *opaque, uint32_t irq, int level)
{
	struct osi_pic *pic = opaque;

	if (irq >= OSI_PIC_SOURCES)
		return;
	pthread_mutex_lock(&pic->lock);
	if (level)
		pic->level |= 1U << irq;
	else
		pic->level &= ~(1U << irq);
	update_line(pic);
	pthread_mutex_unlock(&pic->lock);
}

static const struct irq_chip osi_pic_chip = {
	.name = "osi-pic",
	.set_level = pic_set_level,
};

void osi_pic_init(struct vm *vm, struct osi_pic *pic)
{
	pthread_mutex_init(&pic->lock, NULL);
	pic->level = pic->mask = 0;
	pic->cpu_line = false;
	vcpu_irq_connect(vm, 0, &pic->out);
}

void osi_pic_connect(struct osi_pic *pic, unsigned int irq, struct irq_line *line)
{
	irq_connect(line, &osi_pic_chip, pic, irq);
}

bool osi_pic_level(struct vm *vm, unsigned int irq)
{
	struct osi_pic *pic = &vm->osi->pic;
	bool high;

	pthread_mutex_lock(&pic->lock);
	high = irq < OSI_PIC_SOURCES && (pic->level >> irq) & 1;
	pthread_mutex_unlock(&pic->lock);
	return high;
}

static uint32_t set_mask(struct vcpu *vcpu, uint32_t irq, bool on)
{
	struct osi_pic *pic = &vcpu->vm->osi->pic;

	if (irq >= OSI_PIC_SOURCES)
		return OSI_ERR;
	pthread_mutex_lock(&pic->lock);
	if (on)
		pic->mask |= 1U << irq;
	else
		pic->mask &= ~(1U << irq);
	update_line(pic);
	pthread_mutex_unlock(&pic->lock);
	return 0;
}

uint32_t osi_pic_mask_irq(struct vcpu *vcpu, uint64_t *gpr)
{
	return set_mask(vcpu, osi_arg(gpr, 0), false);
}

uint32_t osi_pic_unmask_irq(struct vcpu *vcpu, uint64_t *gpr)
{
	return set_mask(vcpu, osi_arg(gpr, 0), true);
}

uint32_t osi_pic_ack_irq(struct vcpu *vcpu, uint64_t *gpr)
{
	if (osi_arg(gpr, 0) >= OSI_PIC_SOURCES)
		return OSI_ERR;
	return osi_arg(gpr, 1) ? set_mask(vcpu, osi_arg(gpr, 0), false) : 0;
}

uint32_t osi_pic_get_active_irq(struct vcpu *vcpu, uint64_t *gpr)
{
	struct osi_pic *pic = &vcpu->vm->osi->pic;
	uint32_t active;

	(void)gpr;
	pthread_mutex_lock(&pic->lock);
	active = pic->level & pic->mask;
	pthread_mutex_unlock(&pic->lock);
	return active;
}

uint32_t osi_register_irq(struct vcpu *vcpu, uint64_t *gpr)
{
	(void)vcpu;
	return osi_arg(gpr, 0) < OSI_PIC_SOURCES ? osi_arg(gpr, 0) : OSI_ERR;
}
