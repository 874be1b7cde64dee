// SPDX-License-Identifier: GPL-2.0
/* The powermac tree's PCI nodes, MOL's vendor-0x6666 devices (libfdt). */
#include <libfdt.h>
#include <string.h>

#include "../../fdt/fdt_powermac.h"
#include "../../vmm/cpu_models.h"
#include "unit.h"

static uint8_t tree[1 << 16];

static void build(bool enet, unsigned int drives)
{
	struct powermac_fdt_params p = {
		.cpu = cpu_model_find("7447a"),
		.ram_size = 64u << 20,
		.timebase_freq = 33333333,
		.nvram_size = 0x2000,
		.fb_base = 0x81000000, .fb_size = 0x1000000,
		.fb_width = 640, .fb_height = 480, .fb_depth = 32, .fb_linebytes = 2560,
		.irq_video = 1, .irq_tty = 2, .irq_mouse = 3, .irq_kbd = 4, .irq_ablk = 5,
		.irq_enet = 6,
		.enet = enet,
		.nr_drives = drives,
	};

	ck_assert_ptr_nonnull(p.cpu);
	ck_assert_int_eq(fdt_powermac_build(tree, sizeof(tree), &p), 0);
	ck_assert_int_eq(fdt_check_header(tree), 0);
}

static int node(const char *path)
{
	return fdt_path_offset(tree, path);
}

static uint32_t cell(const char *path, const char *prop, int idx)
{
	int len, off = node(path);
	const fdt32_t *v;

	ck_assert_msg(off >= 0, "%s missing", path);
	v = fdt_getprop(tree, off, prop, &len);
	ck_assert_msg(v && len >= 4 * (idx + 1), "%s:%s missing", path, prop);
	return fdt32_to_cpu(v[idx]);
}

static const char *str(const char *path, const char *prop)
{
	const char *s = fdt_getprop(tree, node(path), prop, NULL);

	ck_assert_msg(s != NULL, "%s:%s missing", path, prop);
	return s;
}

START_TEST(mol_pci_ids)
{
	uint32_t pic;

	build(true, 2);
	pic = cell("/osi-pic", "phandle", 0);
	ck_assert_str_eq(str("/pci@80000000", "device_type"), "pci");
	ck_assert_uint_eq(cell("/pci@80000000", "#address-cells", 0), 3);
	/* oftree.nw: video 6666:6666 class 030000 rev 1011, model "yonk" */
	ck_assert_str_eq(str("/pci@80000000/MacOnLinuxVideo@4", "name"), "MacOnLinuxVideo");
	ck_assert_str_eq(str("/pci@80000000/MacOnLinuxVideo@4", "device_type"), "display");
	ck_assert_str_eq(str("/pci@80000000/MacOnLinuxVideo@4", "model"), "yonk");
	ck_assert_uint_eq(cell("/pci@80000000/MacOnLinuxVideo@4", "vendor-id", 0), 0x6666);
	ck_assert_uint_eq(cell("/pci@80000000/MacOnLinuxVideo@4", "device-id", 0), 0x6666);
	ck_assert_uint_eq(cell("/pci@80000000/MacOnLinuxVideo@4", "class-code", 0), 0x030000);
	ck_assert_uint_eq(cell("/pci@80000000/MacOnLinuxVideo@4", "revision-id", 0), 0x1011);
	ck_assert_uint_eq(cell("/pci@80000000/MacOnLinuxVideo@4", "reg", 0), 4 << 11);
	/* BAR 0x10 assigned at the framebuffer, 16 MiB */
	ck_assert_uint_eq(cell("/pci@80000000/MacOnLinuxVideo@4", "assigned-addresses", 0),
			  0x82002010);
	ck_assert_uint_eq(cell("/pci@80000000/MacOnLinuxVideo@4", "assigned-addresses", 2),
			  0x81000000);
	ck_assert_uint_eq(cell("/pci@80000000/MacOnLinuxVideo@4", "assigned-addresses", 4),
			  0x1000000);
	ck_assert_uint_eq(cell("/pci@80000000/MacOnLinuxVideo@4", "interrupts", 0), 1);
	ck_assert_uint_eq(cell("/pci@80000000/MacOnLinuxVideo@4", "interrupt-parent", 0), pic);
	/* block 6666:8888 class 000180, device_type "mol-blk", a disk per unit */
	ck_assert_str_eq(str("/pci@80000000/mol-blk@3", "device_type"), "mol-blk");
	ck_assert_uint_eq(cell("/pci@80000000/mol-blk@3", "vendor-id", 0), 0x6666);
	ck_assert_uint_eq(cell("/pci@80000000/mol-blk@3", "device-id", 0), 0x8888);
	ck_assert_uint_eq(cell("/pci@80000000/mol-blk@3", "class-code", 0), 0x180);
	ck_assert_uint_eq(cell("/pci@80000000/mol-blk@3", "interrupts", 0), 5);
	ck_assert_str_eq(str("/pci@80000000/mol-blk@3/disk@0", "device_type"), "block");
	ck_assert_uint_eq(cell("/pci@80000000/mol-blk@3/disk@1", "reg", 0), 1);
	ck_assert_int_lt(node("/pci@80000000/mol-blk@3/disk@2"), 0);
	/* network 6666:7777 class 020000 */
	ck_assert_str_eq(str("/pci@80000000/mol-enet-0@1", "name"), "mol-enet-0");
	ck_assert_str_eq(str("/pci@80000000/mol-enet-0@1", "device_type"), "network");
	ck_assert_uint_eq(cell("/pci@80000000/mol-enet-0@1", "device-id", 0), 0x7777);
	ck_assert_uint_eq(cell("/pci@80000000/mol-enet-0@1", "class-code", 0), 0x020000);
	ck_assert_uint_eq(cell("/pci@80000000/mol-enet-0@1", "interrupts", 0), 6);
	/* mouse 6666:6668 */
	ck_assert_str_eq(str("/pci@80000000/mol-mouse@8", "device_type"), "mol-mouse");
	ck_assert_uint_eq(cell("/pci@80000000/mol-mouse@8", "device-id", 0), 0x6668);
	ck_assert_uint_eq(cell("/pci@80000000/mol-mouse@8", "interrupts", 0), 3);
	/* the Linux-guest names stay where MOL's oftree.linux had them */
	ck_assert_int_ge(node("/mol-blk"), 0);
	ck_assert_int_ge(node("/mol-enet"), 0);
	ck_assert_int_ge(node("/mol-keyboard"), 0);
}
END_TEST

START_TEST(without_netdev_or_drives)
{
	build(false, 0);
	ck_assert_int_lt(node("/pci@80000000/mol-enet-0@1"), 0);
	ck_assert_int_ge(node("/pci@80000000/mol-blk@3"), 0);
	ck_assert_int_lt(node("/pci@80000000/mol-blk@3/disk@0"), 0);
	/* no children, so no #address-cells (dtc's avoid_unnecessary_addr_size) */
	ck_assert_ptr_null(fdt_getprop(tree, node("/pci@80000000/mol-blk@3"), "#address-cells",
				       NULL));
}
END_TEST

/* Every node has a name and a distinct phandle (OSI PROM_IFACE's ids). */
START_TEST(phandles_unique)
{
	uint32_t seen[64];
	int off, n = 0, i;

	build(true, 4);
	for (off = fdt_next_node(tree, -1, NULL); off >= 0; off = fdt_next_node(tree, off, NULL)) {
		uint32_t ph = fdt_get_phandle(tree, off);

		ck_assert_uint_ne(ph, 0);
		for (i = 0; i < n; i++)
			ck_assert_uint_ne(seen[i], ph);
		ck_assert_int_lt(n, 64);
		seen[n++] = ph;
		if (off)
			ck_assert_ptr_nonnull(fdt_getprop(tree, off, "name", NULL));
	}
	ck_assert_int_ge(n, 20);
}
END_TEST

Suite *fdt_powermac_suite(void)
{
	Suite *s = suite_create("fdt_powermac");
	TCase *tc = tcase_create("pci");

	tcase_add_test(tc, mol_pci_ids);
	tcase_add_test(tc, without_netdev_or_drives);
	tcase_add_test(tc, phandles_unique);
	suite_add_tcase(s, tc);
	return s;
}
