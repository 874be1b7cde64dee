/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The powermac machine's platform devices, wired as vmm/powermac_platform.h
 * places them (the tree, fdt/fdt_powermac_pci.c, describes the same):
 *
 *   Grackle (devices/grackle.c)  CONFIG_ADDRESS/DATA; bus 0: itself and the
 *                                PCI-to-PCI bridge; its secondary bus:
 *     mac-io (devices/macio.c)   device 5, BAR0 at 0x80800000, with
 *       Heathrow PIC             +0x10: output on vCPU 0's external interrupt
 *       ESCC                     +0x13000 (+0x12000 legacy): channel A is the
 *                                console; Heathrow sources 15 and 16
 *       VIA-CUDA                 +0x16000: ADB, RTC, power; source 18
 *       NVRAM                    +0x60000: the VM's NVRAM store (-nvram)
 *     virtio-blk, one per -drive at devices 2, 6, 7, 9: the free slots whose
 *                                interrupt-map entry is a level-triggered
 *                                Heathrow source (0x16, 0x1c, 0x1a, 0x1b)
 *
 * Keyboard and mouse events go to both MOL's OSI devices and the ADB.
 */
#ifndef MOLVM_POWERMAC_IO_H
#define MOLVM_POWERMAC_IO_H

#include "../devices/escc.h"
#include "../devices/grackle.h"
#include "../devices/heathrow_pic.h"
#include "../devices/macio.h"
#include "../devices/mol_pci.h"
#include "../devices/pmac_nvram.h"
#include "../devices/via_cuda.h"

struct vm;

struct powermac_io {
	struct grackle grackle;
	struct macio macio;
	struct heathrow_pic pic;
	struct escc escc;
	struct via_cuda cuda;
	struct pmac_nvram nvram;
	struct mol_pci mol;		/* MOL's functions on bus 1 (Mac OS boots) */
};

/* Before KVM: the bus and what is on it (no host resources). */
int powermac_io_create(struct vm *vm, struct powermac_io *io);
/* With KVM and the OSI devices (the NVRAM store): registers mapped,
 * lines connected, images opened.  0 or -1 after one line on stderr. */
int powermac_io_setup(struct vm *vm, struct powermac_io *io, uint8_t *nvram, uint32_t nvram_size);
/* With the event loop: the console, the input sink, device threads. */
int powermac_io_start(struct vm *vm, struct powermac_io *io);
/* The vCPUs stopped: flush and close the devices. */
void powermac_io_shutdown(struct vm *vm, struct powermac_io *io);

#endif
