// SPDX-License-Identifier: GPL-2.0
/* The powermac machine's platform devices and their wiring (powermac_io.h). */
#include "powermac_io.h"

#include "../devices/virtio_blk.h"
#include "../osi/osi_devices.h"
#include "log.h"
#include "pci_devices.h"
#include "powermac.h"
#include "powermac_platform.h"
#include "vm.h"

/* The command line's PCI devices, in slot order (vmm/pci_devices.h). */
static const struct pci_device_kind *const pci_kinds[] = { &virtio_blk_kind };
static const uint8_t pci_slots[] = { 2, 6, 7, 9 };
_Static_assert(MOLVM_MAX_DRIVES <= sizeof(pci_slots), "powermac PCI slots");

/* The bridge's interrupt-map (oftree.nw; fdt/fdt_powermac_pci.c). */
static void slot_irqs(uint32_t map[PCI_MAX_DEVS])
{
	int d;

	for (d = 0; d < PCI_MAX_DEVS; d++)
		map[d] = GRACKLE_NO_IRQ;
	map[0] = PMAC_IRQ_SLOT_DEV0;
	map[1] = PMAC_IRQ_SLOT_DEV1;
	map[2] = PMAC_IRQ_SLOT_DEV2;
	map[3] = PMAC_IRQ_SLOT_DEV3;
	map[4] = PMAC_IRQ_SLOT_DEV4;
	map[6] = PMAC_IRQ_SLOT_DEV6;
	map[7] = PMAC_IRQ_SLOT_DEV7;
	map[8] = PMAC_IRQ_SLOT_DEV8;
	map[9] = PMAC_IRQ_SLOT_DEV9;
}

int powermac_io_create(struct vm *vm, struct powermac_io *io)
{
	struct grackle_params p = {
		.cfg_addr = PMAC_GRACKLE_CFG_ADDR, .cfg_data = PMAC_GRACKLE_CFG_DATA,
		.host_vendor = PMAC_GRACKLE_VENDOR, .host_device = PMAC_GRACKLE_DEVICE,
		.host_rev = PMAC_GRACKLE_REV, .host_class = PMAC_GRACKLE_CLASS,
		.p2p_dev = PMAC_P2P_DEV, .p2p_vendor = PMAC_P2P_VENDOR,
		.p2p_device = PMAC_P2P_DEVICE, .p2p_rev = PMAC_P2P_REV, .p2p_bus = PMAC_P2P_BUS,
		.p2p_mem_base = PMAC_P2P_MEM_BASE, .p2p_mem_size = PMAC_P2P_MEM_SIZE,
		.p2p_io_base = PMAC_P2P_IO_BASE, .p2p_io_size = PMAC_P2P_IO_SIZE,
		.bar_base = PMAC_P2P_DEV_BARS, .bar_limit = PMAC_P2P_DEV_BARS_END,
		.pic = &heathrow_pic_chip, .pic_opaque = &io->pic,
	};

	slot_irqs(p.slot_irq);
	heathrow_pic_init(&io->pic);
	grackle_init(&io->grackle, &p);
	macio_init(&io->macio, PMAC_MACIO_VENDOR, PMAC_MACIO_DEVICE, PMAC_MACIO_REV,
		   PMAC_MACIO_CLASS, PMAC_MACIO_SIZE, PMAC_MACIO_BASE);
	escc_init(&io->escc);
	via_cuda_init(&io->cuda, vm, NULL);
	vm->pci = &io->grackle.host;
	if (pci_host_attach(vm->pci, PMAC_MACIO_DEV, &io->macio.cs.fn))
		return -1;
	/* MOL's functions, for a Mac OS boot only, as MOL added them
	 * (is_classic_boot(); vm->osi_from_user is that fact) */
	if (vm->osi_from_user &&
	    mol_pci_attach(&io->mol, vm->pci, vm->cfg->nr_netdevs > 0, PMAC_FB_BASE))
		return -1;
	return pci_devices_create(vm, pci_kinds, sizeof(pci_kinds) / sizeof(pci_kinds[0]),
				  pci_slots, sizeof(pci_slots));
}

static int attach_children(struct powermac_io *io)
{
	const struct macio_child children[] = {
		{ "heathrow-pic", PMAC_MACIO_PIC, HEATHROW_PIC_SIZE, heathrow_pic_access,
		  &io->pic },
		{ "escc", PMAC_MACIO_ESCC, ESCC_WINDOW, escc_access, &io->escc },
		{ "escc-legacy", PMAC_MACIO_ESCC_LEGACY, ESCC_WINDOW, escc_legacy_access,
		  &io->escc },
		{ "via-cuda", PMAC_MACIO_VIA, VIA_WINDOW, via_cuda_access, &io->cuda },
		{ "nvram", PMAC_MACIO_NVRAM, PMAC_MACIO_NVRAM_SIZE, pmac_nvram_access,
		  &io->nvram },
	};
	size_t i;

	for (i = 0; i < sizeof(children) / sizeof(children[0]); i++)
		if (macio_attach(&io->macio, &children[i])) {
			pr_err("mac-io: cannot place %s", children[i].name);
			return -1;
		}
	return 0;
}

int powermac_io_setup(struct vm *vm, struct powermac_io *io, uint8_t *nvram, uint32_t nvram_size)
{
	pmac_nvram_init(&io->nvram, nvram, nvram_size);
	if (attach_children(io) || vcpu_irq_connect(vm, 0, &io->pic.out))
		return -1;
	heathrow_pic_connect(&io->pic, PMAC_IRQ_ESCC_A, &io->escc.ch[ESCC_CH_A].irq);
	heathrow_pic_connect(&io->pic, PMAC_IRQ_ESCC_B, &io->escc.ch[ESCC_CH_B].irq);
	heathrow_pic_connect(&io->pic, PMAC_IRQ_VIA_CUDA, &io->cuda.irq);
	if (grackle_map(vm, &io->grackle) || pci_host_realize(vm->pci, vm))
		return -1;
	return pci_devices_open(vm);
}

/* Keyboard and mouse: MOL's OSI devices and the ADB both see each event
 * (whichever the guest's drivers use). */
static void input_event(void *arg, const struct input_event *ev)
{
	struct vm *vm = arg;

	osi_input_event(vm, ev);
	via_cuda_input(&vm->powermac->io.cuda, ev);
}

int powermac_io_start(struct vm *vm, struct powermac_io *io)
{
	escc_attach_console(&io->escc, vm->con);
	input_set_sink(&vm->input, input_event, vm);
	if (via_cuda_start(&io->cuda))
		return -1;
	return pci_devices_start(vm);
}

void powermac_io_shutdown(struct vm *vm, struct powermac_io *io)
{
	input_set_sink(&vm->input, NULL, NULL);
	via_cuda_stop(&io->cuda);
	pci_devices_destroy(vm);
}
