// SPDX-License-Identifier: GPL-2.0
/*
 * OSI TTY (MOL's mol-tty, src/drivers/pseudo_tty.c): a byte-wide serial
 * line, here the host console that LOG_PUTC also writes to.  GETC returns
 * -1 when nothing is waiting, as MOL's read() failure did.
 */
#include "../devices/console.h"
#include "../vmm/vm.h"
#include "osi.h"
#include "osi_devices.h"

/* TTY_PUTC(ch) -- bytes written (1) */
uint32_t osi_tty_putc(struct vcpu *vcpu, uint64_t *gpr)
{
	char c = (char)osi_arg(gpr, 0);

	console_write(vcpu->vm->con, &c, 1);
	return 1;
}

/* TTY_GETC -- ch, or -1 */
uint32_t osi_tty_getc(struct vcpu *vcpu, uint64_t *gpr)
{
	unsigned char c;

	(void)gpr;
	if (console_read(vcpu->vm->con, &c, 1) != 1)
		return OSI_ERR;
	return c;
}

/* TTY_IRQ_ACK: lowers the TTY's interrupt line (the guest polls GETC;
 * molvm raises no TTY interrupt yet). */
uint32_t osi_tty_irq_ack(struct vcpu *vcpu, uint64_t *gpr)
{
	(void)gpr;
	osi_pic_set(vcpu->vm, OSI_IRQ_TTY, false);
	return 0;
}
