/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MOLVM_POWERMAC_H
#define MOLVM_POWERMAC_H

#include <stddef.h>

#include "nwrom.h"
#include "vm.h"

/* vm->powermac: what the machine keeps per VM. */
struct powermac {
	struct nwrom_info rom;		/* -rom: what was loaded */
};

/* Before KVM: the OSI devices (device tree, NVRAM image). */
int powermac_prepare(struct vm *vm);
/* With the VM: the framebuffer's memory slot. */
int powermac_setup(struct vm *vm);
/* The tree the guest reads over OSI, into buf; returns its size or -1. */
int powermac_fdt(struct vm *vm, void *buf, size_t size);
/* With the event loop, before the vCPUs: ABLK's I/O thread. */
int powermac_start_io(struct vm *vm);
/* After the vCPUs stopped: NVRAM back to its file. */
int powermac_teardown(struct vm *vm);
struct kvm_ppc_sregs;
struct kvm_ppc_regs;
/* machine.cpu_state: MOL's entry state (powermac_cpu.c) */
void powermac_cpu_entry(struct vm *vm, struct kvm_ppc_sregs *s, struct kvm_ppc_regs *r);

#endif
