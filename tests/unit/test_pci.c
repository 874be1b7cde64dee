// SPDX-License-Identifier: GPL-2.0
/*
 * The device-model interface (vmm/pci.h, vmm/pci_devices.h, vmm/irq.h):
 * the virtio devices, unchanged, on a second host bridge that is not the
 * sPAPR PHB -- its own BAR placement, interrupt controller and tree node.
 */
#include <libfdt.h>
#include <linux/input-event-codes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../devices/virtio_blk.h"
#include "../../devices/virtio_input.h"
#include "../../fdt/fdt_pci.h"
#include "../../fdt/fdt_util.h"
#include "../../vmm/mmio.h"
#include "../../vmm/pci_devices.h"
#include "../../vmm/vcpu.h"
#include "unit.h"

/* The test bridge: device d's BARs at bus address 0xc0000000 + d MiB,
 * seen by the CPU 0x100000000 higher; its pin on controller input d. */
#define TB_BUS(d)	(0xc0000000ULL + ((uint64_t)(d) << 20))
#define TB_CPU_OFFSET	0x100000000ULL

static int line_level[PCI_MAX_DEVS];

static void tb_set_level(void *opaque, uint32_t nr, int level)
{
	(void)opaque;
	ck_assert_uint_lt(nr, PCI_MAX_DEVS);
	line_level[nr] = level;
}

static const struct irq_chip tb_pic = { .name = "test-pic", .set_level = tb_set_level };

static int tb_attach(struct pci_host *h, int devno, struct pci_function *fn)
{
	(void)h;
	if (fn->bar[0].size > (1 << 20))
		return -1;
	pci_set_bar(fn, 0, TB_BUS(devno));
	return 0;
}

static int tb_realize(struct pci_host *h, struct vm *vm, int devno, struct pci_function *fn)
{
	(void)h;
	irq_connect(&fn->irq, &tb_pic, NULL, (uint32_t)devno);
	return pci_map_bar(vm, fn, 0, fn->bar_bus[0] + TB_CPU_OFFSET);
}

static int tb_fdt(struct pci_host *h, void *fdt)
{
	int d;

	TRY(fdt_begin_node(fdt, "test-bridge"));
	for (d = 0; d < PCI_MAX_DEVS; d++)
		if (h->dev[d])
			TRY(fdt_pci_function(fdt, h->dev[d], d));
	return fdt_end_node(fdt);
}

static const struct pci_host_ops tb_ops = {
	.attach = tb_attach, .realize = tb_realize, .fdt = tb_fdt,
};

static uint32_t mmio_rd(struct fake_vm *f, uint64_t addr, uint32_t len)
{
	uint8_t d[8] = { 0 };
	uint32_t v = 0, i;

	ck_assert(mmio_dispatch(&f->vm.vcpus[0], addr, d, len, false));
	for (i = 0; i < len; i++)
		v |= (uint32_t)d[i] << (8 * i);		/* virtio is little-endian */
	return v;
}

START_TEST(virtio_on_another_bridge)
{
	static const struct pci_device_kind *const kinds[] = {
		&virtio_blk_kind, &virtio_input_kind,
	};
	static struct fake_vm f;
	static _Alignas(8) uint8_t tree[4096];
	struct pci_host host;
	struct input_event key = { .kind = INPUT_KEY, .code = KEY_A, .down = true };
	char img[] = "/tmp/molvm-unit-pci-XXXXXX";
	struct virtio_pci *blk, *in;
	uint32_t v;
	int fd = mkstemp(img), node;
	const fdt32_t *p;
	int len;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ftruncate(fd, 8 * 512), 0);
	close(fd);
	fake_vm_init(&f, 1 << 20);
	strcpy(f.cfg.drives[0].file, img);
	f.cfg.nr_drives = 1;
	f.cfg.qmp = "unix:/nonexistent,server";	/* input is expected */
	f.cfg.nographic = true;
	memset(line_level, 0, sizeof(line_level));
	pci_host_init(&host, &tb_ops);
	f.vm.pci = &host;

	/* The table puts the disk at 3, the input device at 4. */
	ck_assert_int_eq(pci_devices_create(&f.vm, kinds, 2, (const uint8_t[]){ 3, 4 }, 2), 0);
	ck_assert_int_eq(f.vm.devices.n, 2);
	blk = virtio_pci_of(host.dev[3]);
	in = virtio_pci_of(host.dev[4]);
	ck_assert_ptr_nonnull(blk);
	ck_assert_ptr_nonnull(in);

	/* Config space through the bridge: the IDs, BAR0 where it put it. */
	ck_assert(pci_host_cfg_read(&host, 3 << 3, PCI_VENDOR_ID, 4, &v));
	ck_assert_uint_eq(v, 0x10421af4);
	ck_assert(pci_host_cfg_read(&host, 4 << 3, PCI_VENDOR_ID, 4, &v));
	ck_assert_uint_eq(v, 0x10521af4);
	ck_assert(pci_host_cfg_read(&host, 3 << 3, PCI_BAR0, 4, &v));
	ck_assert_uint_eq(v, TB_BUS(3));
	ck_assert(!pci_host_cfg_read(&host, 5 << 3, PCI_VENDOR_ID, 4, &v));	/* empty */
	ck_assert(!pci_host_cfg_read(&host, 3 << 3 | 1, PCI_VENDOR_ID, 4, &v));	/* function 1 */
	/* A device number taken, or past the bus: refused. */
	ck_assert_int_eq(pci_host_attach(&host, 3, &in->fn), -1);
	ck_assert_int_eq(pci_host_attach(&host, PCI_MAX_DEVS, &in->fn), -1);

	/* The bridge's node, with the functions' nodes as the OF PCI binding has them. */
	ck_assert_int_eq(fdt_create(tree, sizeof(tree)), 0);
	ck_assert_int_eq(fdt_finish_reservemap(tree), 0);
	ck_assert_int_eq(fdt_begin_node(tree, ""), 0);
	ck_assert_int_eq(pci_host_fdt(&host, tree), 0);
	ck_assert_int_eq(fdt_end_node(tree), 0);
	ck_assert_int_eq(fdt_finish(tree), 0);
	node = fdt_path_offset(tree, "/test-bridge/pci1af4,1042@3");
	ck_assert_int_ge(node, 0);
	p = fdt_getprop(tree, node, "assigned-addresses", &len);
	ck_assert_int_eq(len, 20);
	ck_assert_uint_eq(fdt32_to_cpu(p[0]), 0x82001810);	/* n, mem32, dev 3, BAR0 */
	ck_assert_uint_eq(fdt32_to_cpu(p[2]), (uint32_t)TB_BUS(3));
	ck_assert_uint_eq(fdt32_to_cpu(p[4]), VIRTIO_PCI_BAR_SIZE);
	ck_assert_int_ge(fdt_path_offset(tree, "/test-bridge/pci1af4,1052@4"), 0);

	/* With the VM: BARs on the bridge's CPU addresses, pins on its PIC. */
	ck_assert_int_eq(pci_host_realize(&host, &f.vm), 0);
	ck_assert_int_eq(pci_devices_open(&f.vm), 0);
	ck_assert_uint_eq(mmio_rd(&f, TB_BUS(3) + TB_CPU_OFFSET + 0x12, 2), 1);	/* num_queues */
	ck_assert_uint_eq(mmio_rd(&f, TB_BUS(4) + TB_CPU_OFFSET + 0x12, 2), 2);
	virtio_pci_lock(blk);
	virtio_pci_interrupt(blk);
	virtio_pci_unlock(blk);
	ck_assert_int_eq(line_level[3], 1);
	ck_assert_int_eq(line_level[4], 0);
	ck_assert_uint_eq(mmio_rd(&f, TB_BUS(3) + TB_CPU_OFFSET + VIRTIO_PCI_ISR_OFF, 1), 1);
	ck_assert_int_eq(line_level[3], 0);			/* reading the ISR acks */

	/* The VM's input goes to the input device (queued: no buffers yet). */
	input_post(&f.vm.input, &key);
	ck_assert_uint_eq(((struct virtio_input *)in->dev)->count, 2);	/* key, SYN */

	pci_devices_destroy(&f.vm);
	ck_assert_int_eq(f.vm.devices.n, 0);
	ck_assert_ptr_null(host.dev[3]);
	ck_assert_ptr_null(host.dev[4]);
	input_post(&f.vm.input, &key);				/* no sink: dropped */
	unlink(img);
	fake_vm_destroy(&f);
}
END_TEST

Suite *pci_suite(void)
{
	Suite *s = suite_create("pci");
	TCase *tc = tcase_create("interface");

	tcase_add_test(tc, virtio_on_another_bridge);
	suite_add_tcase(s, tc);
	return s;
}
