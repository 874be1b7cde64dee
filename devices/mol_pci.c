// SPDX-License-Identifier: GPL-2.0
/* MOL's paravirtual PCI functions (mol_pci.h). */
#include "mol_pci.h"

#include "../vmm/le.h"
#include "../vmm/powermac_platform.h"

/* Each driver's pci_dev_info_t in MOL 0.9.72 (vendor, device, revision,
 * prog-if, class): net/mac_enet.c add_netdev, ablk.c ablk_init,
 * video/video.c video_init, osi_mouse.c mouse_init.  (The nodes'
 * vendor-id/device-id properties, fdt/fdt_powermac_pci.c, differ for
 * some; MOL's config space answered these.) */
static const struct {
	const char *name;
	int dev;
	uint16_t vendor, device;
	uint8_t rev;
	uint32_t class_code;	/* class << 8 | prog-if */
} ids[MOL_PCI_NR] = {
	[MOL_PCI_ENET] = { "mol-enet-0", PMAC_DEV_MOL_ENET0, 0x6666, 0x7777, 0x00, 0x020000 },
	[MOL_PCI_BLK] = { "mol-blk", PMAC_DEV_MOL_BLK, 0x1000, 0x0003, 0x02, 0x010000 },
	[MOL_PCI_VIDEO] = { "MacOnLinuxVideo", PMAC_DEV_MOL_VIDEO, 0x6666, 0x6666, 0x00, 0x030000 },
	[MOL_PCI_MOUSE] = { "mol-mouse", PMAC_DEV_MOL_MOUSE, 0x1000, 0x0003, 0x02, 0x010000 },
};

/* video.c: set_pci_base(addr, 0, 0xff000000, ...): a 16 MiB memory BAR */
#define VIDEO_BAR_MASK	0xff000000u

int mol_pci_attach(struct mol_pci *m, struct pci_host *h, bool enet, uint32_t fb_base)
{
	int i;

	for (i = 0; i < MOL_PCI_NR; i++) {
		struct pci_cfgspace *c = &m->fn[i];

		if ((i == MOL_PCI_ENET && !enet) || (i == MOL_PCI_VIDEO && !fb_base))
			continue;
		pci_cfgspace_init(c, ids[i].name, ids[i].vendor, ids[i].device, ids[i].rev,
				  ids[i].class_code);
		if (i == MOL_PCI_VIDEO) {
			/* The framebuffer stays where it is (its own memory
			 * slot): the guest may size and rewrite the BAR, as
			 * MOL let it, but a new base moves nothing. */
			le32_store(c->cfg + PCI_BAR0, fb_base & VIDEO_BAR_MASK);
			le32_store(c->wmask + PCI_BAR0, VIDEO_BAR_MASK);
		}
		if (pci_host_attach(h, ids[i].dev, &c->fn))
			return -1;
	}
	return 0;
}
