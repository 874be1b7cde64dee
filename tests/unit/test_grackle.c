// SPDX-License-Identifier: GPL-2.0
/*
 * The powermac platform's PCI side through the guest's eyes (guest
 * physical accesses, as KVM's MMIO exits bring them): Grackle's config
 * cycles, the PCI-to-PCI bridge, mac-io and a virtio disk behind it, BARs
 * the guest moves, and the interrupt wiring (vmm/powermac_io.c).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../devices/virtio_pci.h"
#include "../../vmm/le.h"
#include "../../vmm/mmio.h"
#include "../../vmm/powermac_io.h"
#include "../../vmm/powermac_platform.h"
#include "unit.h"

#define CFG_ADDR	PMAC_GRACKLE_CFG_ADDR
#define CFG_DATA	PMAC_GRACKLE_CFG_DATA
#define P2P_DEVFN	(PMAC_P2P_DEV << 3)
#define MACIO_DEVFN	(PMAC_MACIO_DEV << 3)
#define BLK_DEVFN	(2 << 3)	/* the first disk's slot */

static struct fake_vm f;
static struct powermac_io io;
static uint8_t nvram[0x2000];
static char img[] = "/tmp/molvm-unit-grackle-XXXXXX";

static bool mmio(uint64_t addr, uint8_t *d, uint32_t len, bool write)
{
	return mmio_dispatch(&f.vm.vcpus[0], addr, d, len, write);
}

static void out_le32(uint64_t addr, uint32_t v)
{
	uint8_t d[4];

	le32_store(d, v);
	ck_assert(mmio(addr, d, 4, true));
}

static uint32_t in_le(uint64_t addr, uint32_t len)
{
	uint8_t d[4] = { 0 };
	uint32_t v = 0, i;

	ck_assert(mmio(addr, d, len, false));
	for (i = 0; i < len; i++)
		v |= (uint32_t)d[i] << (8 * i);
	return v;
}

static void select_cfg(uint32_t bus, uint32_t devfn, uint32_t reg)
{
	out_le32(CFG_ADDR, 0x80000000u | bus << 16 | devfn << 8 | (reg & 0xfc));
}

static uint32_t cfg_rd(uint32_t bus, uint32_t devfn, uint32_t reg, uint32_t len)
{
	select_cfg(bus, devfn, reg);
	return in_le(CFG_DATA + (reg & 3), len);
}

static void cfg_wr(uint32_t bus, uint32_t devfn, uint32_t reg, uint32_t len, uint32_t v)
{
	uint8_t d[4];
	uint32_t i;

	select_cfg(bus, devfn, reg);
	for (i = 0; i < len; i++)
		d[i] = (uint8_t)(v >> (8 * i));
	ck_assert(mmio(CFG_DATA + (reg & 3), d, len, true));
}

static void setup(void)
{
	int fd = mkstemp(img);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ftruncate(fd, 64 * 512), 0);
	close(fd);
	fake_vm_init(&f, 1 << 20);
	strcpy(f.cfg.drives[0].file, img);
	f.cfg.nr_drives = 1;
	memset(&io, 0, sizeof(io));
	ck_assert_int_eq(powermac_io_create(&f.vm, &io), 0);
	ck_assert_int_eq(powermac_io_setup(&f.vm, &io, nvram, sizeof(nvram)), 0);
}

static void teardown(void)
{
	powermac_io_shutdown(&f.vm, &io);
	unlink(img);
	strcpy(img, "/tmp/molvm-unit-grackle-XXXXXX");
	fake_vm_destroy(&f);
}

START_TEST(config_cycles)
{
	/* CONFIG_ADDRESS reads back, a byte at a time too */
	select_cfg(0, 0, 0x08);
	ck_assert_uint_eq(in_le(CFG_ADDR, 4), 0x80000008);
	ck_assert_uint_eq(in_le(CFG_ADDR + 3, 1), 0x80);
	ck_assert_uint_eq(in_le(CFG_ADDR + 0x1000, 4), 0x80000008);	/* decoded throughout */
	/* bus 0: the MPC106 and the 21154 */
	ck_assert_uint_eq(cfg_rd(0, 0, 0, 4), 0x00021057);
	ck_assert_uint_eq(cfg_rd(0, 0, 0x08, 4) >> 8, 0x060000);
	ck_assert_uint_eq(cfg_rd(0, P2P_DEVFN, 0, 4), 0x00261011);
	ck_assert_uint_eq(cfg_rd(0, P2P_DEVFN, 0x0e, 1), 0x01);	/* a bridge header */
	ck_assert_uint_eq(cfg_rd(0, P2P_DEVFN, 0x0a, 2), 0x0604);
	ck_assert_uint_eq(cfg_rd(0, P2P_DEVFN, 0x19, 1), 1);		/* secondary bus */
	ck_assert_uint_eq(cfg_rd(0, P2P_DEVFN, 0x20, 4), 0x81f08080);	/* its window */
	/* bus 1: mac-io at device 5, the disk at 2 */
	ck_assert_uint_eq(cfg_rd(1, MACIO_DEVFN, 0, 4), 0x0017106b);
	ck_assert_uint_eq(cfg_rd(1, MACIO_DEVFN, 0x10, 4), PMAC_MACIO_BASE);
	ck_assert_uint_eq(cfg_rd(1, MACIO_DEVFN, 0x09, 1), 0x00);
	ck_assert_uint_eq(cfg_rd(1, MACIO_DEVFN, 0x0b, 1), 0xff);
	ck_assert_uint_eq(cfg_rd(1, BLK_DEVFN, 0, 4), 0x10421af4);
	ck_assert_uint_eq(cfg_rd(1, BLK_DEVFN, 0x10, 4), PMAC_P2P_DEV_BARS);
	ck_assert_uint_eq(cfg_rd(1, BLK_DEVFN, 0x3d, 1), 1);		/* INTA */
	ck_assert_uint_eq(cfg_rd(1, BLK_DEVFN, 0x02, 2), 0x1042);	/* half words */
	/* nobody: empty slots, function 1, a bus that is not there, no
	 * enable bit, an access across the data register */
	ck_assert_uint_eq(cfg_rd(0, 1 << 3, 0, 4), 0xffffffff);
	ck_assert_uint_eq(cfg_rd(1, 4 << 3, 0, 4), 0xffffffff);
	ck_assert_uint_eq(cfg_rd(1, MACIO_DEVFN | 1, 0, 4), 0xffffffff);
	ck_assert_uint_eq(cfg_rd(2, MACIO_DEVFN, 0, 4), 0xffffffff);
	out_le32(CFG_ADDR, 1 << 16 | MACIO_DEVFN << 8);
	ck_assert_uint_eq(in_le(CFG_DATA, 4), 0xffffffff);
	select_cfg(1, MACIO_DEVFN, 0);
	ck_assert_uint_eq(in_le(CFG_DATA + 2, 4), 0xffffffff);
	/* read-only fields stay: vendor, class */
	cfg_wr(1, MACIO_DEVFN, 0, 4, 0x12345678);
	ck_assert_uint_eq(cfg_rd(1, MACIO_DEVFN, 0, 4), 0x0017106b);
	cfg_wr(0, 0, 0x08, 4, 0);
	ck_assert_uint_eq(cfg_rd(0, 0, 0x08, 4) >> 8, 0x060000);
	/* the MPC106's own registers keep what is written (PICR1) */
	cfg_wr(0, 0, 0xa8, 4, 0xff141b98);
	ck_assert_uint_eq(cfg_rd(0, 0, 0xa8, 4), 0xff141b98);
}
END_TEST

START_TEST(bus_renumbered)
{
	/* Linux on a PowerMac1,1 assigns bus numbers itself */
	cfg_wr(0, P2P_DEVFN, 0x18, 4, 0x00050500);
	ck_assert_uint_eq(cfg_rd(0, P2P_DEVFN, 0x18, 4), 0x00050500);
	ck_assert_uint_eq(cfg_rd(5, MACIO_DEVFN, 0, 4), 0x0017106b);
	ck_assert_uint_eq(cfg_rd(1, MACIO_DEVFN, 0, 4), 0xffffffff);
	/* bus 0 still answers as bus 0 */
	ck_assert_uint_eq(cfg_rd(0, 0, 0, 4), 0x00021057);
}
END_TEST

START_TEST(bars_follow_the_guest)
{
	uint8_t d[4];
	uint64_t blk = PMAC_P2P_DEV_BARS;

	/* mac-io answers at the firmware's address: the FCR words */
	ck_assert_uint_eq(in_le(PMAC_MACIO_BASE + 0x38, 4), 0xfbffbe61);
	/* the disk's BAR: its common config (device feature select) */
	ck_assert(mmio(blk, d, 4, false));
	/* sizing: all ones read back as the size mask; the BAR then lies
	 * outside the bridge's window and is not reachable */
	cfg_wr(1, BLK_DEVFN, 0x10, 4, 0xffffffff);
	ck_assert_uint_eq(cfg_rd(1, BLK_DEVFN, 0x10, 4), ~(uint32_t)(VIRTIO_PCI_BAR_SIZE - 1));
	ck_assert(!mmio(blk, d, 4, false));
	/* moved inside the window */
	cfg_wr(1, BLK_DEVFN, 0x10, 4, 0x80900000);
	ck_assert(mmio(0x80900000, d, 4, false));
	ck_assert(!mmio(blk, d, 4, false));
	/* memory decoding off, then on */
	cfg_wr(1, BLK_DEVFN, 0x04, 2, 0);
	ck_assert(!mmio(0x80900000, d, 4, false));
	cfg_wr(1, BLK_DEVFN, 0x04, 2, 0x0006);
	ck_assert(mmio(0x80900000, d, 4, false));
	/* onto mac-io's registers: refused (reported), unreachable */
	cfg_wr(1, BLK_DEVFN, 0x10, 4, PMAC_MACIO_BASE + 0x10000);
	ck_assert_uint_eq(in_le(PMAC_MACIO_BASE + 0x38, 4), 0xfbffbe61);
	ck_assert(!mmio(0x80900000, d, 4, false));
	/* the bridge stops forwarding: nothing behind it answers */
	cfg_wr(1, BLK_DEVFN, 0x10, 4, 0x80900000);
	cfg_wr(0, P2P_DEVFN, 0x04, 2, 0x0004);
	ck_assert(!mmio(0x80900000, d, 4, false));
	ck_assert(!mmio(PMAC_MACIO_BASE + 0x38, d, 4, false));
	cfg_wr(0, P2P_DEVFN, 0x04, 2, 0x0006);
	ck_assert(mmio(0x80900000, d, 4, false));
	/* a window that no longer covers the BAR */
	cfg_wr(0, P2P_DEVFN, 0x20, 4, 0x80808080);	/* 0x80800000-0x808fffff */
	ck_assert(!mmio(0x80900000, d, 4, false));
	ck_assert_uint_eq(in_le(PMAC_MACIO_BASE + 0x38, 4), 0xfbffbe61);
}
END_TEST

START_TEST(interrupts_wired)
{
	struct virtio_pci *vp = virtio_pci_of(io.grackle.host.dev[2]);
	uint8_t d[4];

	ck_assert_ptr_nonnull(vp);
	/* Heathrow enable for the slot's source (0x16), then the disk's
	 * INTA: the vCPU's external interrupt */
	le32_store(d, 1u << PMAC_IRQ_SLOT_DEV2);
	ck_assert(mmio(PMAC_MACIO_BASE + PMAC_MACIO_PIC + 0x14, d, 4, true));
	ck_assert(!vcpu_irq_asserted(&f.vm, 0));
	virtio_pci_lock(vp);
	virtio_pci_interrupt(vp);
	virtio_pci_unlock(vp);
	ck_assert(vcpu_irq_asserted(&f.vm, 0));
	ck_assert_uint_eq(in_le(PMAC_MACIO_BASE + PMAC_MACIO_PIC + 0x1c, 4),
			  1u << PMAC_IRQ_SLOT_DEV2);
	/* reading the ISR acknowledges */
	ck_assert_uint_eq(in_le(PMAC_P2P_DEV_BARS + VIRTIO_PCI_ISR_OFF, 1), 1);
	ck_assert(!vcpu_irq_asserted(&f.vm, 0));
	/* the ESCC's and VIA's lines are the tree's sources */
	ck_assert_uint_eq(io.escc.ch[ESCC_CH_A].irq.nr, PMAC_IRQ_ESCC_A);
	ck_assert_uint_eq(io.escc.ch[ESCC_CH_B].irq.nr, PMAC_IRQ_ESCC_B);
	ck_assert_uint_eq(io.cuda.irq.nr, PMAC_IRQ_VIA_CUDA);
	ck_assert_ptr_eq(io.cuda.irq.chip, &heathrow_pic_chip);
}
END_TEST

START_TEST(nvram_is_the_store)
{
	uint8_t d[2] = { 0x5a, 0 };

	nvram[0x1300] = 0x77;
	ck_assert_uint_eq(in_le(PMAC_MACIO_BASE + PMAC_MACIO_NVRAM + (0x1300 << 4), 1), 0x77);
	ck_assert(mmio(PMAC_MACIO_BASE + PMAC_MACIO_NVRAM + (0x1fff << 4), d, 1, true));
	ck_assert_uint_eq(nvram[0x1fff], 0x5a);
	/* a half word: ignored (reads all ones) */
	ck_assert(mmio(PMAC_MACIO_BASE + PMAC_MACIO_NVRAM + 0x20, d, 2, true));
	ck_assert_uint_eq(nvram[2], 0);
	ck_assert_uint_eq(in_le(PMAC_MACIO_BASE + PMAC_MACIO_NVRAM + 0x20, 2), 0xffff);
}
END_TEST

/* --- mac-io on its own -------------------------------------------------- */

static uint32_t child_off, child_len;
static bool child_write;

static void child_access(void *opaque, uint32_t off, uint8_t *data, uint32_t len, bool is_write)
{
	(void)opaque;
	child_off = off;
	child_len = len;
	child_write = is_write;
	if (!is_write)
		memset(data, 0x42, len);
}

START_TEST(macio_routing)
{
	struct macio m;
	struct macio_child c = { "test", 0x100, 0x100, child_access, NULL };
	uint8_t d[8];
	uint32_t v;

	macio_init(&m, 0x106b, 0x17, 0, 0xff0000, 0x80000, 0x80800000);
	ck_assert_int_eq(macio_attach(&m, &c), 0);
	/* overlapping, past the BAR, over the FCR, empty: refused */
	c.offset = 0x1f0;
	ck_assert_int_eq(macio_attach(&m, &c), -1);
	c.offset = 0x7ff00;
	c.size = 0x200;
	ck_assert_int_eq(macio_attach(&m, &c), -1);
	c.offset = 0x20;
	c.size = 0x20;
	ck_assert_int_eq(macio_attach(&m, &c), -1);
	c.offset = 0x1000;
	c.size = 0;
	ck_assert_int_eq(macio_attach(&m, &c), -1);

	m.cs.fn.ops->bar_access(&m.cs.fn, 0, 0x180, d, 4, false);
	ck_assert_uint_eq(child_off, 0x80);
	ck_assert_uint_eq(child_len, 4);
	ck_assert_uint_eq(d[3], 0x42);
	m.cs.fn.ops->bar_access(&m.cs.fn, 0, 0x1ff, d, 1, true);
	ck_assert_uint_eq(child_off, 0xff);
	ck_assert(child_write);
	/* straddling the child's end, or nobody there: all ones */
	child_len = 0;
	m.cs.fn.ops->bar_access(&m.cs.fn, 0, 0x1fe, d, 4, false);
	ck_assert_uint_eq(child_len, 0);
	ck_assert_uint_eq(le32_load(d), 0xffffffff);
	m.cs.fn.ops->bar_access(&m.cs.fn, 0, 0x40000, d, 8, false);
	ck_assert_uint_eq(d[7], 0xff);
	/* feature control: bytes as written */
	le32_store(d, 0x11223344);
	m.cs.fn.ops->bar_access(&m.cs.fn, 0, 0x38, d, 4, true);
	m.cs.fn.ops->bar_access(&m.cs.fn, 0, 0x39, d, 1, false);
	ck_assert_uint_eq(d[0], 0x33);
	/* config: BAR0 sizes as 512 KiB, command keeps 3 bits */
	ck_assert(m.cs.fn.ops->cfg_write(&m.cs.fn, 0x10, 4, 0xffffffff));
	ck_assert(m.cs.fn.ops->cfg_read(&m.cs.fn, 0x10, 4, &v));
	ck_assert_uint_eq(v, 0xfff80000);
	ck_assert(m.cs.fn.ops->cfg_write(&m.cs.fn, 0x04, 2, 0xffff));
	ck_assert(m.cs.fn.ops->cfg_read(&m.cs.fn, 0x04, 2, &v));
	ck_assert_uint_eq(v, 0x0007);
	/* bad config accesses are refused */
	ck_assert(!m.cs.fn.ops->cfg_read(&m.cs.fn, 0x101, 2, &v));
	ck_assert(!m.cs.fn.ops->cfg_read(&m.cs.fn, 0xfe, 4, &v));
	ck_assert(!m.cs.fn.ops->cfg_read(&m.cs.fn, 0x100, 1, &v));
	ck_assert(!m.cs.fn.ops->cfg_write(&m.cs.fn, 0x10, 3, 0));
}
END_TEST

/* pci_host_config, RTAS's read/write-pci-config path (osi/of_rtas.c):
 * the same functions as the config cycles, by bus number */
START_TEST(config_by_bus)
{
	uint32_t v;

	ck_assert(pci_host_config(f.vm.pci, 0, 0, 0, 4, &v, false));
	ck_assert_uint_eq(v, 0x00021057);
	ck_assert(pci_host_config(f.vm.pci, 0, P2P_DEVFN, 0x19, 1, &v, false));
	ck_assert_uint_eq(v, 1);
	ck_assert(pci_host_config(f.vm.pci, 1, MACIO_DEVFN, 0, 4, &v, false));
	ck_assert_uint_eq(v, 0x0017106b);
	ck_assert(pci_host_config(f.vm.pci, 1, BLK_DEVFN, 0, 4, &v, false));
	ck_assert_uint_eq(v, 0x10421af4);
	/* a write moves the disk's BAR as a config cycle does */
	v = PMAC_P2P_DEV_BARS + 0x10000;
	ck_assert(pci_host_config(f.vm.pci, 1, BLK_DEVFN, 0x10, 4, &v, true));
	ck_assert_uint_eq(cfg_rd(1, BLK_DEVFN, 0x10, 4), PMAC_P2P_DEV_BARS + 0x10000);
	/* nobody there: no bus 2, no function 1, an empty slot, a bad access */
	ck_assert(!pci_host_config(f.vm.pci, 2, 0, 0, 4, &v, false));
	ck_assert(!pci_host_config(f.vm.pci, 1, MACIO_DEVFN | 1, 0, 4, &v, false));
	ck_assert(!pci_host_config(f.vm.pci, 1, PMAC_DEV_MOL_BLK << 3, 0, 4, &v, false));
	ck_assert(!pci_host_config(f.vm.pci, 1, MACIO_DEVFN, 0xfe, 4, &v, false));
	ck_assert(!pci_host_config(f.vm.pci, 1, MACIO_DEVFN, 0x01, 2, &v, false));
	/* MOL's functions only come with a Mac OS boot */
	ck_assert_uint_eq(cfg_rd(1, PMAC_DEV_MOL_VIDEO << 3, 0, 4), 0xffffffff);
}
END_TEST

/* A Mac OS boot: MOL's functions on bus 1, with the identities MOL's
 * drivers registered (mol_pci.c) */
START_TEST(mol_functions)
{
	static struct powermac_io mac;
	uint32_t v;

	/* a second bridge, without disks (the fixture's has the one) */
	f.vm.osi_from_user = true;
	f.cfg.nr_netdevs = 1;
	f.cfg.nr_drives = 0;
	memset(&mac, 0, sizeof(mac));
	ck_assert_int_eq(powermac_io_create(&f.vm, &mac), 0);
	ck_assert(pci_host_config(f.vm.pci, 1, PMAC_DEV_MOL_ENET0 << 3, 0, 4, &v, false));
	ck_assert_uint_eq(v, 0x77776666);
	ck_assert(pci_host_config(f.vm.pci, 1, PMAC_DEV_MOL_ENET0 << 3, 0x08, 4, &v, false));
	ck_assert_uint_eq(v, 0x02000000);
	ck_assert(pci_host_config(f.vm.pci, 1, PMAC_DEV_MOL_BLK << 3, 0, 4, &v, false));
	ck_assert_uint_eq(v, 0x00031000);
	ck_assert(pci_host_config(f.vm.pci, 1, PMAC_DEV_MOL_BLK << 3, 0x08, 4, &v, false));
	ck_assert_uint_eq(v, 0x01000002);
	ck_assert(pci_host_config(f.vm.pci, 1, PMAC_DEV_MOL_MOUSE << 3, 0, 4, &v, false));
	ck_assert_uint_eq(v, 0x00031000);
	ck_assert(pci_host_config(f.vm.pci, 1, PMAC_DEV_MOL_VIDEO << 3, 0, 4, &v, false));
	ck_assert_uint_eq(v, 0x66666666);
	ck_assert(pci_host_config(f.vm.pci, 1, PMAC_DEV_MOL_VIDEO << 3, 0x08, 4, &v, false));
	ck_assert_uint_eq(v, 0x03000000);
	/* the video BAR: the framebuffer, 16 MiB when sized */
	ck_assert(pci_host_config(f.vm.pci, 1, PMAC_DEV_MOL_VIDEO << 3, 0x10, 4, &v, false));
	ck_assert_uint_eq(v, PMAC_FB_BASE);
	v = 0xffffffff;
	ck_assert(pci_host_config(f.vm.pci, 1, PMAC_DEV_MOL_VIDEO << 3, 0x10, 4, &v, true));
	ck_assert(pci_host_config(f.vm.pci, 1, PMAC_DEV_MOL_VIDEO << 3, 0x10, 4, &v, false));
	ck_assert_uint_eq(v, 0xff000000);
	/* identities are read-only; no BARs on the others */
	v = 0;
	ck_assert(pci_host_config(f.vm.pci, 1, PMAC_DEV_MOL_BLK << 3, 0, 4, &v, true));
	ck_assert(pci_host_config(f.vm.pci, 1, PMAC_DEV_MOL_BLK << 3, 0, 4, &v, false));
	ck_assert_uint_eq(v, 0x00031000);
	v = 0xffffffff;
	ck_assert(pci_host_config(f.vm.pci, 1, PMAC_DEV_MOL_BLK << 3, 0x10, 4, &v, true));
	ck_assert(pci_host_config(f.vm.pci, 1, PMAC_DEV_MOL_BLK << 3, 0x10, 4, &v, false));
	ck_assert_uint_eq(v, 0);
	f.vm.osi_from_user = false;
	f.cfg.nr_netdevs = 0;
	f.cfg.nr_drives = 1;
	f.vm.pci = &io.grackle.host;	/* the fixture's bridge again */
}
END_TEST

Suite *grackle_suite(void)
{
	Suite *s = suite_create("grackle");
	TCase *tc = tcase_create("platform");
	TCase *m = tcase_create("macio");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, config_cycles);
	tcase_add_test(tc, bus_renumbered);
	tcase_add_test(tc, bars_follow_the_guest);
	tcase_add_test(tc, interrupts_wired);
	tcase_add_test(tc, nvram_is_the_store);
	tcase_add_test(tc, config_by_bus);
	tcase_add_test(tc, mol_functions);
	suite_add_tcase(s, tc);
	tcase_add_test(m, macio_routing);
	suite_add_tcase(s, m);
	return s;
}
