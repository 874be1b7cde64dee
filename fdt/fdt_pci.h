/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A PCI function's node under its host bridge's, as the Open Firmware PCI
 * bus binding (IEEE 1275 PCI supplement, 2.1) has it, for every bridge's
 * tree builder.
 */
#ifndef MOLVM_FDT_PCI_H
#define MOLVM_FDT_PCI_H

#include <stdint.h>

struct pci_function;

/* phys.hi of a PCI address: npt000ss bbbbbbbb dddddfff rrrrrrrr;
 * ss = 10 for 32-bit memory space, n = not relocatable. */
#define OF_PCI_SS_MEM32		0x02000000u
#define OF_PCI_NONRELOC		0x80000000u

/* "pciVVVV,DDDD@dev" with vendor-id, device-id, revision-id, class-code,
 * subsystem ids (read from its config space), "interrupts" = the pin,
 * "reg" (config space, then each BAR with its size) and
 * "assigned-addresses" (each BAR where the bridge put it). */
int fdt_pci_function(void *fdt, struct pci_function *fn, int devno);

#endif
