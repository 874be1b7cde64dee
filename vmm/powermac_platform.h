/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The powermac machine's platform: where the PowerMac devices that MOL
 * emulated sit, as its newworld device tree (mol-src/mollib/oftrees/
 * oftree.nw, a Blue & White G3, "PowerMac1,1") and its drivers
 * (mol-src/src/drivers/) placed them.  The device tree (fdt/) describes
 * exactly these addresses, and the device models implement them: one
 * header, so the two cannot drift apart.
 *
 *   0x00000000 .. RAM size      RAM (at most 2 GiB)
 *   0x80000000 .. 0xfeffffff    /pci@80000000: Grackle's PCI memory space
 *     0x80800000 + 512 KiB        mac-io (Heathrow/Paddington) BAR 0
 *     0x81000000 + 16 MiB         MacOnLinuxVideo BAR 0 (the OSI framebuffer)
 *   0xfe000000 + 8 MiB          PCI I/O space
 *   0xfec00000, 0xfee00000      Grackle CONFIG_ADDRESS, CONFIG_DATA
 *
 * PCI addresses below are Open Firmware's phys.hi cells (IEEE 1275 PCI
 * binding: npt000ss bbbbbbbb dddddfff rrrrrrrr).
 */
#ifndef MOLVM_POWERMAC_PLATFORM_H
#define MOLVM_POWERMAC_PLATFORM_H

#include <stdint.h>

#define PMAC_PCI_HI(bus, dev, fn, reg) \
	((uint32_t)(bus) << 16 | (uint32_t)(dev) << 11 | (uint32_t)(fn) << 8 | (reg))
#define PMAC_PCI_SS_CONFIG	0x00000000u
#define PMAC_PCI_SS_IO		0x01000000u
#define PMAC_PCI_SS_MEM32	0x02000000u
#define PMAC_PCI_NONRELOC	0x80000000u	/* "n": assigned, not relocatable */

/*
 * Grackle (Motorola MPC106) host bridge, oftree.nw /pci: "reg" 0x80000000
 * 0x7f000000, compatible "grackle", model "MOT,MPC106", bus-range 0-1.
 * Configuration space through MOL's "map B" ports (src/drivers/
 * pci-bridges.c GRACKLE_CFG_ADDR/DATA; Linux powermac/pci.c setup_grackle
 * -> setup_indirect_pci): the guest stores the little-endian word
 * 0x80000000 | bus << 16 | devfn << 8 | (reg & 0xfc) at CFG_ADDR (MOL
 * grackle_interpret_addr), then accesses CFG_DATA + (reg & 3),
 * little-endian too.
 */
#define PMAC_PCI_BASE		0x80000000u
#define PMAC_PCI_SIZE		0x7f000000u
#define PMAC_GRACKLE_CFG_ADDR	0xfec00000u
#define PMAC_GRACKLE_CFG_DATA	0xfee00000u
#define PMAC_GRACKLE_VENDOR	0x1057		/* Motorola (MOL grackle_pci_config) */
#define PMAC_GRACKLE_DEVICE	0x0002
#define PMAC_GRACKLE_REV	0x03
#define PMAC_GRACKLE_CLASS	0x060000	/* host bridge */
#define PMAC_GRACKLE_DEVFN	0		/* MOL GRACKLE_DEV_FN: bus 0, dev 0 */
/* /pci "ranges": PCI I/O 0 at 0xfe000000 (8 MiB); PCI memory 0 at
 * 0xfd000000 (16 MiB); PCI memory 0x80000000 at 0x80000000 (0x7d000000). */
#define PMAC_PCI_IO_CPU		0xfe000000u
#define PMAC_PCI_IO_SIZE	0x00800000u
#define PMAC_PCI_ISAMEM_CPU	0xfd000000u
#define PMAC_PCI_ISAMEM_SIZE	0x01000000u
#define PMAC_PCI_MEM_BASE	0x80000000u
#define PMAC_PCI_MEM_SIZE	0x7d000000u
#define PMAC_PCI_CLOCK		33333333	/* oftree.nw 0x01fca055 */

/*
 * The PCI-to-PCI bridge (DEC 21154) at bus 0, device 13 (oftree.nw
 * /pci/pci-bridge, reg 0x6800), secondary bus 1: mac-io and MOL's own
 * PCI functions sit behind it.  Its memory window is oftree.nw's, widened
 * from 1 MiB to 24 MiB so that it also covers the MacOnLinuxVideo BAR at
 * 0x81000000 (MOL placed that BAR outside the window; a guest that checks
 * windows, such as Linux's PCI core, would refuse it).
 */
#define PMAC_P2P_DEV		13
#define PMAC_P2P_VENDOR		0x1011		/* DEC */
#define PMAC_P2P_DEVICE		0x0026		/* 21154 */
#define PMAC_P2P_REV		0x02
#define PMAC_P2P_CLASS		0x060400
#define PMAC_P2P_BUS		1		/* secondary = subordinate bus */
#define PMAC_P2P_MEM_BASE	0x80800000u
#define PMAC_P2P_MEM_SIZE	0x01800000u
#define PMAC_P2P_IO_BASE	0x00001000u
#define PMAC_P2P_IO_SIZE	0x00001000u

/*
 * mac-io, "paddington"/"heathrow" (oftree.nw; Apple 343S1211), bus 1,
 * device 5 (reg 0x12800), BAR 0 (config offset 0x10) of 512 KiB assigned
 * at 0x80800000.  oftree.nw says device-id 0x17 (Paddington); MOL's
 * config space said 0x10 (src/drivers/gc.c heathrow_pci_config) -- the
 * tree's value is the one guests match on.
 */
#define PMAC_MACIO_DEV		5
#define PMAC_MACIO_VENDOR	0x106b		/* Apple */
#define PMAC_MACIO_DEVICE	0x0017
#define PMAC_MACIO_REV		0x00
#define PMAC_MACIO_CLASS	0xff0000
#define PMAC_MACIO_BASE		0x80800000u
#define PMAC_MACIO_SIZE		0x00080000u

/* Offsets inside mac-io (the children's "reg") */
#define PMAC_MACIO_PIC		0x00010		/* interrupt-controller, 0x20 bytes:
						 * MOL pic.c PIC_GC_OFFSET, 8 registers
						 * (second cell at +0x10, first at +0x20) */
#define PMAC_MACIO_PIC_SIZE	0x00020
#define PMAC_MACIO_FCR		0x00030		/* feature control, MOL gc.c REG_OFFSET,
						 * 4 words: 0x0000ff00 0x391070f0 0x61befffb */
#define PMAC_MACIO_FCR_SIZE	0x00010
#define PMAC_MACIO_ESCC_LEGACY	0x12000		/* escc-legacy, 0x1000 (MOL SCC_2_GC_OFFS) */
#define PMAC_MACIO_ESCC		0x13000		/* escc, 0x1000 (MOL SCC_GC_OFFS) */
#define PMAC_MACIO_ESCC_SIZE	0x01000
/* ESCC channel registers (oftree.nw ch-a/ch-b "reg": control, data, enh) */
#define PMAC_ESCC_CHB_CTRL	0x13000
#define PMAC_ESCC_CHB_DATA	0x13010
#define PMAC_ESCC_CHB_ENH	0x13040
#define PMAC_ESCC_CHA_CTRL	0x13020
#define PMAC_ESCC_CHA_DATA	0x13030
#define PMAC_ESCC_CHA_ENH	0x13050
/* ... and their DBDMA channels (tx, rx): ch-a 0x8400/0x8500, ch-b 0x8600/0x8700 */
#define PMAC_DBDMA_SCCA_TX	0x08400
#define PMAC_DBDMA_SCCA_RX	0x08500
#define PMAC_DBDMA_SCCB_TX	0x08600
#define PMAC_DBDMA_SCCB_RX	0x08700
#define PMAC_DBDMA_SIZE		0x00100
#define PMAC_MACIO_VIA		0x16000		/* via-cuda, 0x2000: 16 registers 0x200 apart */
#define PMAC_MACIO_VIA_SIZE	0x02000
#define PMAC_MACIO_NVRAM	0x60000		/* nvram, 0x20000: byte n at n << 4 (MOL nvram.c) */
#define PMAC_MACIO_NVRAM_SIZE	0x20000
#define PMAC_NVRAM_BYTES	0x2000		/* "#bytes" */

/*
 * Heathrow interrupt numbers (the mac-io children's "interrupts",
 * oftree.nw); the interrupt-controller node is their parent.  Sources
 * 20-28 are level triggered (oftree.nw comment).
 */
#define PMAC_IRQ_ESCC_A		15		/* + DMA 4, 5 */
#define PMAC_IRQ_ESCC_A_TXDMA	4
#define PMAC_IRQ_ESCC_A_RXDMA	5
#define PMAC_IRQ_ESCC_B		16		/* + DMA 6, 7 */
#define PMAC_IRQ_ESCC_B_TXDMA	6
#define PMAC_IRQ_ESCC_B_RXDMA	7
#define PMAC_IRQ_VIA_CUDA	18
#define PMAC_IRQ_PROG_SWITCH	20		/* adb/programmer-switch (NMI) */
#define PMAC_PIC_SOURCES	64		/* two cells of 32 (Linux: max_irqs 64) */

/*
 * PCI INTA of the bus-1 slots, pci-bridge "interrupt-map" (oftree.nw):
 * device -> Heathrow source.  MOL's own functions take these numbers.
 */
#define PMAC_IRQ_SLOT_DEV0	0x1d
#define PMAC_IRQ_SLOT_DEV1	0x15		/* mol-enet-0 */
#define PMAC_IRQ_SLOT_DEV2	0x16		/* mol-enet-1 */
#define PMAC_IRQ_SLOT_DEV3	0x17		/* mol-blk */
#define PMAC_IRQ_SLOT_DEV4	0x18		/* MacOnLinuxVideo */
#define PMAC_IRQ_SLOT_DEV6	0x1c		/* usb */
#define PMAC_IRQ_SLOT_DEV7	0x1a		/* mol-audio */
#define PMAC_IRQ_SLOT_DEV8	0x19		/* mol-mouse */
#define PMAC_IRQ_SLOT_DEV9	0x1b		/* mol-scsi */
/* and bus 0 (the /pci "interrupt-map"): device 16 -> 0x1e */
#define PMAC_IRQ_BUS0_DEV16	0x1e

/*
 * The framebuffer of MOL's video driver: MacOnLinuxVideo's BAR ("assigned-
 * addresses" 0x81000000, 16 MiB, oftree.nw; src/drivers/video/video.c
 * mbase), a KVM memory slot of its own.
 */
#define PMAC_FB_BASE		0x81000000u
#define PMAC_FB_SIZE		0x01000000u

/* MOL's paravirtual PCI functions on bus 1 (oftree.nw "reg"), vendor 0x6666 */
#define PMAC_MOL_VENDOR		0x6666
#define PMAC_DEV_MOL_ENET0	1
#define PMAC_DEV_MOL_BLK	3
#define PMAC_DEV_MOL_VIDEO	4
#define PMAC_DEV_MOL_MOUSE	8

#endif
