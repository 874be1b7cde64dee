/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MOLVM_PSERIES_H
#define MOLVM_PSERIES_H

#include <stddef.h>

#include "vm.h"

/* Before KVM: initrd, hashed page table, memory layout. */
int pseries_prepare(struct vm *vm);
/* With the VM created (or without KVM for --dump-dtb: vm_fd < 0):
 * device tree and RTAS blob into guest RAM; sets vm->boot_r3. */
int pseries_setup(struct vm *vm);

/* The tree pseries_setup() writes, into buf; returns its size or -1. */
int pseries_fdt(struct vm *vm, void *buf, size_t size);

int pseries_teardown(struct vm *vm);
void pseries_powerdown(struct vm *vm);

#endif
