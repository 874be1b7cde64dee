/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MOLVM_POWERMAC_H
#define MOLVM_POWERMAC_H

#include <stddef.h>

#include "nwrom.h"
#include "powermac_boot.h"
#include "vm.h"

/* -mol-drivers: one of MOL's Mac OS drivers and its node */
struct pmac_driver {
	const char *file, *node;	/* "video.nw", its node's path */
	uint8_t *data;			/* NULL: not given */
	size_t len;
};
#define PMAC_NR_DRIVERS	4

/* vm->powermac: what the machine keeps per VM. */
struct powermac {
	struct nwrom_info rom;		/* -rom: what was loaded */
	int boot_unit;			/* the ABLK unit the ROM came from (-1: -rom) */
	char bootpath[160];		/* /chosen/bootpath of a Mac OS ROM boot */
	struct pmac_boot boot;		/* how the guest is entered; the firmware's RAM */
	struct pmac_driver drivers[PMAC_NR_DRIVERS];
};

/* Before KVM: the OSI devices (device tree, NVRAM image). */
int powermac_prepare(struct vm *vm);
/* With the VM: the framebuffer's memory slot. */
int powermac_setup(struct vm *vm);
int powermac_start_io(struct vm *vm);
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
