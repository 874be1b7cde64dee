// SPDX-License-Identifier: GPL-2.0
/*
 * OSI TTY (MOL's mol-tty, src/drivers/pseudo_tty.c): a byte-wide serial
 * line, here the host console that LOG_PUTC also writes to.  GETC returns
 * -1 when nothing is waiting, as MOL's read() failure did.  Typed input
 * raises the TTY's osi-pic interrupt; TTY_IRQ_ACK lowers it once the input
 * is drained (MOL's pseudo_tty.c raised it from its async handler).
 */
#include "../devices/console.h"
#include "../vmm/vm.h"
#include "osi.h"
#include "osi_devices.h"

/* Input arrived on the console: the TTY's interrupt line goes high. */
static void tty_input(void *arg)
{
	struct vm *vm = arg;

	irq_set_level(&vm->osi->tty_irq, 1);
}

/* The first TTY call connects the console's input to the interrupt (the
 * console exists only once the VM runs). */
static void tty_attach(struct vm *vm)
{
	if (vm->osi && !vm->osi->tty_attached && vm->con) {
		vm->osi->tty_attached = true;
		console_set_notify(vm->con, tty_input, vm);
	}
}

/* TTY_PUTC(ch) -- bytes written (1) */
uint32_t osi_tty_putc(struct vcpu *vcpu, uint64_t *gpr)
{
	char c = (char)osi_arg(gpr, 0);

	tty_attach(vcpu->vm);
	console_write(vcpu->vm->con, &c, 1);
	return 1;
}

/* TTY_GETC -- ch, or -1 */
uint32_t osi_tty_getc(struct vcpu *vcpu, uint64_t *gpr)
{
	unsigned char c;

	(void)gpr;
	tty_attach(vcpu->vm);
	if (console_read(vcpu->vm->con, &c, 1) != 1)
		return OSI_ERR;
	return c;
}

/* TTY_IRQ_ACK: lowers the TTY's interrupt line, which stays high while
 * input is waiting (level-triggered). */
uint32_t osi_tty_irq_ack(struct vcpu *vcpu, uint64_t *gpr)
{
	struct vm *vm = vcpu->vm;

	(void)gpr;
	tty_attach(vm);
	irq_set_level(&vm->osi->tty_irq, vm->con && console_input_waiting(vm->con));
	return 0;
}
