/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MOL's paravirtual PCI functions, as config space.  For a classic Mac OS
 * boot MOL gave each OSI driver's node a PCI function on bus 1 at the
 * node's "reg" (src/drivers/osi_driver.c register_osi_driver ->
 * add_pci_device, with the driver's pci_dev_info_t).  The drivers talk
 * OSI, so config space is all there is: the identity MOL gave, and for
 * the video card BAR0 at the framebuffer.
 */
#ifndef MOLVM_MOL_PCI_H
#define MOLVM_MOL_PCI_H

#include <stdbool.h>

#include "../vmm/pci_cfgspace.h"

enum { MOL_PCI_ENET, MOL_PCI_BLK, MOL_PCI_VIDEO, MOL_PCI_MOUSE, MOL_PCI_NR };

struct mol_pci {
	struct pci_cfgspace fn[MOL_PCI_NR];
};

/* Attach the functions whose nodes the tree has (mol-blk and mol-mouse
 * always; mol-enet-0 with a NIC; MacOnLinuxVideo with a framebuffer at
 * fb_base) to h at their bus-1 device numbers: 0, or -1 after one line on
 * stderr. */
int mol_pci_attach(struct mol_pci *m, struct pci_host *h, bool enet, uint32_t fb_base);

#endif
