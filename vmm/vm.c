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
