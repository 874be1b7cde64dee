/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MOLVM_MACHINE_H
#define MOLVM_MACHINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct vm;
struct kvm_ppc_sregs;
struct kvm_ppc_regs;

struct machine {
	const char *name;
	const char *desc;
	const char *default_cpu;
	bool is64;		/* needs a 64-bit CPU model */
	bool osi;		/* KVM_CAP_PPC_OSI on every vCPU */
	bool papr;		/* KVM_CAP_PPC_PAPR on every vCPU */
	bool osi_firmware;	/* molvm's Open Firmware (-M ...,firmware=) */
	uint64_t msr;		/* MSR at entry */
	uint64_t default_ram;
	uint64_t max_ram;
	unsigned int max_cpus;	/* -smp limit */
	bool little_endian_ok;	/* accepts ppc64le kernels (they switch MSR_LE themselves) */
	int (*prepare)(struct vm *vm);	/* before KVM: layout, initrd */
	int (*setup)(struct vm *vm);	/* with the VM: firmware data, boot_r3 */
	int (*fdt)(struct vm *vm, void *buf, size_t size);	/* the device tree */
	int (*start_io)(struct vm *vm);	/* with the event loop: device fds */
	void (*shutdown)(struct vm *vm);	/* vCPUs stopped: flush devices */
	int (*teardown)(struct vm *vm);	/* after the vCPUs stopped; -1: error */
	/* The vCPU's entry state beyond PC, MSR and r3 (NULL: the rest 0);
	 * called by kvm_vcpu_reset between KVM_GET_* and KVM_SET_*. */
	void (*cpu_state)(struct vm *vm, struct kvm_ppc_sregs *s, struct kvm_ppc_regs *r);
	/* Ask the guest to power off (window closed, system_powerdown);
	 * NULL: molvm just quits with exit code 0. */
	void (*powerdown)(struct vm *vm);
};

const struct machine *machine_find(const char *name);
void machines_list(FILE *out);

#endif
