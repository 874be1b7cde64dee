/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MOLVM_PSERIES_H
#define MOLVM_PSERIES_H

#include <stddef.h>

#include "../devices/papr_epow.h"
#include "../devices/simplefb.h"
#include "../devices/spapr_nvram.h"
#include "../devices/spapr_phb.h"
#include "irq.h"
#include "vm.h"

/* vm->pseries: what the machine and its PAPR devices keep per VM. */
struct pseries {
	uint64_t initrd_start, initrd_end;	/* 0, 0: no -initrd */
	struct simplefb fb;
	struct spapr_phb phb;			/* vm->pci */
	struct papr_epow epow;
	struct irq_line vty_irq;		/* console input (an edge) */
	struct spapr_nvram nvram;
};

/* Before KVM: initrd, hashed page table, memory layout, the PHB and its
 * devices (not yet opened). */
int pseries_prepare(struct vm *vm);
/* With the VM created: device tree and RTAS blob into guest RAM, the
 * XICS, the devices' images and taps; sets vm->boot_r3. */
int pseries_setup(struct vm *vm);
/* With the event loop: console input interrupts, device fds. */
int pseries_start_io(struct vm *vm);
/* After the vCPUs stopped: flush and close the devices. */
void pseries_shutdown(struct vm *vm);

/* The tree pseries_setup() writes, into buf; returns its size or -1. */
int pseries_fdt(struct vm *vm, void *buf, size_t size);

int pseries_teardown(struct vm *vm);
void pseries_powerdown(struct vm *vm);
/* After the vCPUs stopped: the NVRAM is saved, the machine state goes
 * (-1: the NVRAM file could not be written). */
int pseries_teardown(struct vm *vm);

#endif
