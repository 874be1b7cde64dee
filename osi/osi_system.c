// SPDX-License-Identifier: GPL-2.0
/* The OSI calls every machine has: debug output, debugger break, power-off. */

#include "../devices/console.h"
#include "../vmm/log.h"
#include "../vmm/vm.h"
#include "osi.h"

/* LOG_PUTC(char): MOL's debug output, shown on the host console. */
uint32_t osi_log_putc(struct vcpu *vcpu, uint64_t *gpr)
{
	char c = (char)osi_arg(gpr, 0);

	console_write(vcpu->vm->con, &c, 1);
	return 0;
}

/* EXIT: the guest powers off; molvm exits 0. */
uint32_t osi_exit(struct vcpu *vcpu, uint64_t *gpr)
{
	(void)gpr;
	vm_request_exit(vcpu->vm, MOLVM_EXIT_POWEROFF);
	return 0;
}

/*
 * DEBUGGER(num): MOL stopped in its debugger.  molvm has none; it reports
 * the break (the first few, so a looping guest cannot flood stderr) and
 * lets the guest go on.
 */
uint32_t osi_debugger(struct vcpu *vcpu, uint64_t *gpr)
{
	if (ratelimit_allow(&vcpu->vm->reports.debugger))
		pr_info("vCPU %d: guest debugger break %u (OSI DEBUGGER; molvm has no debugger)",
			vcpu->id, osi_arg(gpr, 0));
	return 0;
}
