// SPDX-License-Identifier: GPL-2.0
#include "xics_kvm.h"

#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>

#include "../vmm/log.h"
#include "../vmm/vm.h"
#include "rtas.h"

bool xics_kvm_available(struct vm *vm)
{
	struct kvm_ppc_create_device cd = {
		.type = KVM_DEV_TYPE_XICS,
		.flags = KVM_CREATE_DEVICE_TEST,
	};

	return ioctl(vm->vm_fd, KVM_CHECK_EXTENSION, KVM_CAP_IRQ_XICS) > 0 &&
	       ioctl(vm->vm_fd, KVM_CREATE_DEVICE, &cd) == 0;
}

int xics_kvm_init(struct vm *vm)
{
	struct kvm_ppc_create_device cd = { .type = KVM_DEV_TYPE_XICS };
	size_t i;
	int v;

	if (ioctl(vm->vm_fd, KVM_CREATE_DEVICE, &cd) < 0) {
		pr_err("KVM has no in-kernel XICS (KVM_CREATE_DEVICE: %s); the host kernel needs "
		       "CONFIG_KVM_XICS", strerror(errno));
		return -1;
	}
	vm->xics_fd = (int)cd.fd;
	for (v = 0; v < vm->nr_vcpus; v++) {
		struct kvm_ppc_enable_cap ec = { .cap = KVM_CAP_IRQ_XICS };

		ec.args[0] = cd.fd;
		ec.args[1] = (uint64_t)v;	/* interrupt server = vCPU id */
		if (ioctl(vm->vcpus[v].fd, KVM_ENABLE_CAP, &ec) < 0) {
			pr_err("vCPU %d: connecting to the XICS: %s", v, strerror(errno));
			return -1;
		}
	}
	for (i = 0; i < rtas_nr_calls(); i++) {
		struct kvm_ppc_rtas_token_args t;

		if (!rtas_call_in_kernel(i))
			continue;
		memset(&t, 0, sizeof(t));
		strncpy(t.name, rtas_call_name(i), sizeof(t.name) - 1);
		t.token = rtas_call_token(i);
		if (ioctl(vm->vm_fd, KVM_PPC_RTAS_DEFINE_TOKEN, &t) < 0) {
			pr_err("KVM_PPC_RTAS_DEFINE_TOKEN %s: %s", t.name, strerror(errno));
			return -1;
		}
	}
	/* Sources start masked; the guest unmasks them with ibm,int-on. */
	for (i = 0; i < XICS_NR_IRQS; i++) {
		uint64_t state = KVM_XICS_MASKED | (0xffULL << KVM_XICS_PRIORITY_SHIFT);
		struct kvm_ppc_device_attr attr = {
			.group = KVM_DEV_XICS_GRP_SOURCES,
			.attr = XICS_IRQ_BASE + i,
			.addr = (uint64_t)(uintptr_t)&state,
		};

		if (ioctl(vm->xics_fd, KVM_SET_DEVICE_ATTR, &attr) < 0) {
			pr_err("XICS source 0x%llx: %s", (unsigned long long)attr.attr, strerror(errno));
			return -1;
		}
	}
	return 0;
}

int xics_kvm_set_lsi(struct vm *vm, uint32_t irq)
{
	uint64_t state = KVM_XICS_MASKED | KVM_XICS_LEVEL_SENSITIVE |
			 (0xffULL << KVM_XICS_PRIORITY_SHIFT);
	struct kvm_ppc_device_attr attr = {
		.group = KVM_DEV_XICS_GRP_SOURCES,
		.attr = irq,
		.addr = (uint64_t)(uintptr_t)&state,
	};

	if (ioctl(vm->xics_fd, KVM_SET_DEVICE_ATTR, &attr) < 0) {
		pr_err("XICS source 0x%x: %s", irq, strerror(errno));
		return -1;
	}
	return 0;
}

void xics_kvm_set_level(struct vm *vm, uint32_t irq, int level)
{
	/* SET_LEVEL/UNSET as QEMU's ics_kvm_set_irq sends them for LSIs
	 * (arch/powerpc/kvm/book3s_xics.c, ics_deliver_irq). */
	struct kvm_ppc_irq_level l = {
		.irq = irq,
		.level = level ? KVM_INTERRUPT_SET_LEVEL : KVM_INTERRUPT_UNSET,
	};
	if (ioctl(vm->vm_fd, KVM_IRQ_LINE, &l) < 0 && ratelimit_allow(&vm->reports.kvm_irq_line))
		pr_err("KVM_IRQ_LINE 0x%x: %s", irq, strerror(errno));
}
