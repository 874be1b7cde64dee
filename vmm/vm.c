// SPDX-License-Identifier: GPL-2.0
#include "vm.h"

#include <event2/event.h>
#include <string.h>

#include "../devices/console.h"
#include "vcpu.h"

void vm_init(struct vm *vm, const struct vm_config *cfg)
{
	int i;

	memset(vm, 0, sizeof(*vm));
	vm->cfg = cfg;
	vm->kvm_fd = vm->vm_fd = vm->xics_fd = -1;
	vm->next_mem_slot = 1;
	for (i = 0; i < MOLVM_MAX_VCPUS; i++)
		vcpu_init(&vm->vcpus[i]);
	input_sink_init(&vm->input);
	ratelimit_init(&vm->reports.osi_user, "OSI calls from guest user mode", 1);
	ratelimit_init(&vm->reports.mmio, "accesses to unassigned addresses", 8);
	ratelimit_init(&vm->reports.dcr, "DCR accesses", 8);
	ratelimit_init(&vm->reports.debugger, "OSI DEBUGGER calls", 8);
	ratelimit_init(&vm->reports.kvm_irq_line, "KVM_IRQ_LINE failures", 4);
	ratelimit_init(&vm->reports.kvm_interrupt, "KVM_INTERRUPT failures", 1);
	ratelimit_init(&vm->reports.os_term, "ibm,os-term calls", 4);
}

void vm_report_summary(struct vm *vm)
{
	struct vm_reports *r = &vm->reports;

	ratelimit_summary(&r->osi_user);
	ratelimit_summary(&r->mmio);
	ratelimit_summary(&r->dcr);
	ratelimit_summary(&r->debugger);
	ratelimit_summary(&r->kvm_irq_line);
	ratelimit_summary(&r->kvm_interrupt);
	ratelimit_summary(&r->os_term);
}

void vm_request_exit(struct vm *vm, int code)
{
	bool expected = false;
	int i;

	if (!atomic_compare_exchange_strong(&vm->stopping, &expected, true))
		return;
	vm->exit_code = code;
	console_stop(vm->con);
	for (i = 0; i < vm->nr_vcpus; i++) {
		vcpu_kick(&vm->vcpus[i]);
		vcpu_wake_parked(&vm->vcpus[i]);
	}
	if (vm->stop_ev)
		event_active(vm->stop_ev, 0, 0);
}
