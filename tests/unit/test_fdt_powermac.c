// SPDX-License-Identifier: GPL-2.0
/* The powermac tree: oftree.nw's layout, the platform's addresses, MOL's
 * vendor-0x6666 PCI functions (libfdt, and dtc's checks). */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../fdt/fdt_powermac.h"
#include "../../osi/of_client.h"
#include "../../osi/prom.h"
#include "../../vmm/cpu_models.h"
#include "../../vmm/host.h"
#include "../../vmm/powermac_boot.h"
#include "../../vmm/powermac_platform.h"
#include "unit.h"

static _Alignas(8) uint8_t tree[1 << 16];	/* libfdt wants 8-byte alignment */
static struct pmac_boot boot;

static void build(bool enet, unsigned int drives)
{
	char err[128];
	struct powermac_fdt_params p = {
		.cpu = cpu_model_find("7447a"),
		.ram_size = 64u << 20,
		.timebase_freq = 33333333, .clock_freq = 1250000000, .bus_freq = 166666666,
		.nvram_size = 0x2000,
		.fb_base = PMAC_FB_BASE, .fb_size = PMAC_FB_SIZE,
		.fb_width = 640, .fb_height = 480, .fb_depth = 32, .fb_linebytes = 2560,
		.irq_video = 1, .irq_tty = 2, .irq_mouse = 3, .irq_kbd = 4, .irq_ablk = 5,
		.irq_enet = 6,
		.enet = enet,
		.nr_drives = drives,
		.claimed = &boot.phys,
	};

	ck_assert_ptr_nonnull(p.cpu);
	/* an OF client: a 1 MiB image at 0 */
	ck_assert_int_eq(pmac_boot_layout(&boot, p.ram_size, true, 0, 0x100000, 0, 0, 0, err,
					  sizeof(err)), 0);
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

static int prop_len(const char *path, const char *prop)
{
	int len = -1;

	ck_assert_ptr_nonnull(fdt_getprop(tree, node(path), prop, &len));
	return len;
}

static const char *str(const char *path, const char *prop)
{
	const char *s = fdt_getprop(tree, node(path), prop, NULL);

	ck_assert_msg(s != NULL, "%s:%s missing", path, prop);
	return s;
}

#define BRIDGE PMAC_BRIDGE_PATH
#define MACIO PMAC_MACIO_PATH

START_TEST(root_and_firmware_nodes)
{
	int len;
	const char *compat;

	build(false, 1);
	/* oftree.nw's root: what Linux's prom_init and Mac OS take it for */
	compat = fdt_getprop(tree, 0, "compatible", &len);
	ck_assert_int_eq(len, sizeof("PowerMac1,1\0MacRISC\0Power Macintosh"));
	ck_assert_mem_eq(compat, "PowerMac1,1\0MacRISC\0Power Macintosh", (size_t)len);
	ck_assert_str_eq(str("/", "model"), "PowerMac1,1");
	ck_assert_str_eq(str("/", "device_type"), "bootrom");
	ck_assert_str_eq(str("/openprom", "model"), "OpenFirmware 3.1.1");
	ck_assert_int_ge(node("/openprom/client-services"), 0);
	ck_assert_str_eq(str("/rom@ff800000/boot-rom@fff00000", "BootROM-version"), "f4");
	ck_assert_int_ge(node("/rom/macos"), 0);
	ck_assert_str_eq(str("/options", "boot-command"), "mac-boot");
	ck_assert_str_eq(str("/options", "real-mode?"), "false");
	/* /chosen: the firmware's instances */
	ck_assert_uint_eq(cell("/chosen", "stdout", 0), OF_IH_STDOUT);
	ck_assert_uint_eq(cell("/chosen", "stdin", 0), OF_IH_STDIN);
	ck_assert_uint_eq(cell("/chosen", "mmu", 0), OF_IH_MMU);
	ck_assert_uint_eq(cell("/chosen", "memory", 0), OF_IH_MEMORY);
	ck_assert_uint_eq(cell("/chosen", "interrupt-controller", 0), PMAC_PIC_PHANDLE);
	ck_assert_str_eq(str("/chosen", "bootargs"), "");
	/* /rtas: MOL's tokens */
	ck_assert_uint_eq(cell("/rtas", "nvram-fetch", 0), 0xabcdef02);
	ck_assert_uint_eq(cell("/rtas", "power-off", 0), 0xabcdef12);
	ck_assert_uint_eq(cell("/rtas", "rtas-size", 0), 0x8000);
	/* /memory: 64 MiB; free below the firmware, above the 1 MiB image */
	ck_assert_uint_eq(cell("/memory@0", "reg", 1), 64u << 20);
	ck_assert_int_eq(prop_len("/memory@0", "available"), 8);
	ck_assert_uint_eq(cell("/memory@0", "available", 0), 0x100000);
	ck_assert_uint_eq(cell("/memory@0", "available", 1), boot.fw - 0x100000);
}
END_TEST

/* The host's bus frequency from its device tree's first CPU node */
START_TEST(host_bus_frequency)
{
	char root[] = "/tmp/molvm-dt-XXXXXX", path[256];
	static const unsigned char one[4] = { 0x07, 0xf2, 0x81, 0x55 };	/* 133333333 */
	static const unsigned char two[8] = { 0, 0, 0, 0, 0x05, 0xf5, 0xe1, 0x00 };
	FILE *f;

	ck_assert_ptr_nonnull(mkdtemp(root));
	ck_assert_uint_eq(host_bus_freq_at(root, 4242), 4242);	/* no cpus/ */
	snprintf(path, sizeof(path), "%s/cpus", root);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/cpus/PowerPC,G4@0", root);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	ck_assert_uint_eq(host_bus_freq_at(root, 4242), 4242);	/* no property */
	snprintf(path, sizeof(path), "%s/cpus/PowerPC,G4@0/bus-frequency", root);
	f = fopen(path, "wb");
	ck_assert_uint_eq(fwrite(one, 1, 4, f), 4);
	fclose(f);
	ck_assert_uint_eq(host_bus_freq_at(root, 4242), 133333333);
	f = fopen(path, "wb");
	ck_assert_uint_eq(fwrite(two, 1, 8, f), 8);	/* two cells */
	fclose(f);
	ck_assert_uint_eq(host_bus_freq_at(root, 4242), 100000000);
	f = fopen(path, "wb");
	ck_assert_uint_eq(fwrite(two, 1, 3, f), 3);	/* malformed */
	fclose(f);
	ck_assert_uint_eq(host_bus_freq_at(root, 4242), 4242);
	unlink(path);
	snprintf(path, sizeof(path), "%s/cpus/PowerPC,G4@0", root);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/cpus", root);
	rmdir(path);
	rmdir(root);
}
END_TEST

START_TEST(cpu_from_host_and_model)
{
	const char *cpu = "/cpus/PowerPC,7447a@0";

	build(false, 0);
	ck_assert_uint_eq(cell(cpu, "timebase-frequency", 0), 33333333);
	ck_assert_uint_eq(cell(cpu, "clock-frequency", 0), 1250000000);
	ck_assert_uint_eq(cell(cpu, "bus-frequency", 0), 166666666);
	ck_assert_uint_eq(cell(cpu, "cpu-version", 0), 0x80030102);
	ck_assert_uint_eq(cell(cpu, "d-cache-size", 0), 0x8000);
	ck_assert_uint_eq(cell(cpu, "i-cache-sets", 0), 128);
	ck_assert_uint_eq(cell(cpu, "tlb-size", 0), 128);
	ck_assert_uint_eq(cell(cpu, "tlb-sets", 0), 64);
	ck_assert_int_eq(prop_len(cpu, "altivec"), 0);
	ck_assert_int_eq(prom_resolve(tree, PMAC_CPU_PATH, NULL, 0), node(cpu));
}
END_TEST

/* mac-io and its devices at the addresses of vmm/powermac_platform.h */
START_TEST(macio_platform)
{
	uint32_t pic = PMAC_PIC_PHANDLE;

	build(false, 0);
	ck_assert_str_eq(str(PMAC_PCI_PATH, "compatible"), "grackle");
	ck_assert_uint_eq(cell(PMAC_PCI_PATH, "reg", 0), PMAC_PCI_BASE);
	ck_assert_uint_eq(cell(PMAC_PCI_PATH, "ranges", 15), PMAC_PCI_MEM_BASE);
	ck_assert_uint_eq(cell(BRIDGE, "vendor-id", 0), 0x1011);
	ck_assert_uint_eq(cell(BRIDGE, "reg", 0), 13u << 11);
	ck_assert_uint_eq(cell(BRIDGE, "bus-range", 0), 1);
	/* mac-io: bus 1 device 5, BAR 0 at 0x80800000 */
	ck_assert_uint_eq(cell(MACIO, "reg", 0), 1u << 16 | 5u << 11);
	ck_assert_uint_eq(cell(MACIO, "assigned-addresses", 0), 0x82012810);
	ck_assert_uint_eq(cell(MACIO, "assigned-addresses", 2), PMAC_MACIO_BASE);
	ck_assert_uint_eq(cell(MACIO, "assigned-addresses", 4), PMAC_MACIO_SIZE);
	ck_assert_uint_eq(cell(MACIO, "ranges", 3), PMAC_MACIO_BASE);
	ck_assert_str_eq(str(MACIO, "compatible"), "paddington");
	/* the PIC: MOL's phandle, registers at +0x10 */
	ck_assert_uint_eq(fdt_get_phandle(tree, node(MACIO "/interrupt-controller@10")), pic);
	ck_assert_uint_eq(cell(MACIO "/interrupt-controller@10", "reg", 1), 0x20);
	/* ESCC channel A: the console; registers, interrupts 15, 4, 5 */
	ck_assert_int_ge(node(PMAC_CONSOLE_PATH), 0);
	ck_assert_uint_eq(cell(PMAC_CONSOLE_PATH, "reg", 0), 0x13020);
	ck_assert_uint_eq(cell(PMAC_CONSOLE_PATH, "reg", 2), 0x13030);
	ck_assert_uint_eq(cell(PMAC_CONSOLE_PATH, "interrupts", 0), 15);
	ck_assert_uint_eq(cell(PMAC_CONSOLE_PATH, "interrupts", 2), 5);
	ck_assert_uint_eq(cell(PMAC_CONSOLE_PATH, "interrupt-parent", 0), pic);
	ck_assert_uint_eq(cell(MACIO "/escc@13000/ch-b@13000", "interrupts", 0), 16);
	ck_assert_uint_eq(cell(MACIO "/escc-legacy@12000/ch-a@12002", "reg", 0), 0x12002);
	/* VIA-CUDA, ADB, RTC; NVRAM */
	ck_assert_uint_eq(cell(MACIO "/via-cuda@16000", "reg", 0), 0x16000);
	ck_assert_uint_eq(cell(MACIO "/via-cuda@16000", "interrupts", 0), 18);
	ck_assert_uint_eq(cell(MACIO "/via-cuda@16000/adb/keyboard@2", "reg", 0), 2);
	ck_assert_uint_eq(cell(MACIO "/via-cuda@16000/adb/mouse@3", "reg", 0), 3);
	ck_assert_str_eq(str(MACIO "/via-cuda@16000/rtc", "device_type"), "rtc");
	ck_assert_uint_eq(cell(MACIO "/nvram@60000", "reg", 1), 0x20000);
	ck_assert_uint_eq(cell(MACIO "/nvram@60000", "#bytes", 0), 0x2000);
	/* the bridge's interrupt-map: mol-blk's slot 3 -> Heathrow 0x17 */
	ck_assert_uint_eq(cell(BRIDGE, "interrupt-map", 6 * 3), 3u << 11);
	ck_assert_uint_eq(cell(BRIDGE, "interrupt-map", 6 * 3 + 4), pic);
	ck_assert_uint_eq(cell(BRIDGE, "interrupt-map", 6 * 3 + 5), 0x17);
	/* every alias names a node */
	ck_assert_int_ge(prom_resolve(tree, "scca", NULL, 0), 0);
	ck_assert_int_eq(prom_resolve(tree, "scca", NULL, 0), node(PMAC_CONSOLE_PATH));
	ck_assert_int_ge(prom_resolve(tree, "via-cuda", NULL, 0), 0);
	ck_assert_int_ge(prom_resolve(tree, "nvram", NULL, 0), 0);
	ck_assert_int_ge(prom_resolve(tree, "adb-keyboard", NULL, 0), 0);
}
END_TEST

START_TEST(mol_pci_ids)
{
	uint32_t pic;

	build(true, 2);
	pic = cell("/osi-pic", "phandle", 0);
	/* oftree.nw: video 6666:6666 class 030000 rev 1011, model "yonk" */
	ck_assert_str_eq(str(BRIDGE "/MacOnLinuxVideo@4", "name"), "MacOnLinuxVideo");
	ck_assert_str_eq(str(BRIDGE "/MacOnLinuxVideo@4", "device_type"), "display");
	ck_assert_str_eq(str(BRIDGE "/MacOnLinuxVideo@4", "model"), "yonk");
	ck_assert_uint_eq(cell(BRIDGE "/MacOnLinuxVideo@4", "vendor-id", 0), 0x6666);
	ck_assert_uint_eq(cell(BRIDGE "/MacOnLinuxVideo@4", "device-id", 0), 0x6666);
	ck_assert_uint_eq(cell(BRIDGE "/MacOnLinuxVideo@4", "class-code", 0), 0x030000);
	ck_assert_uint_eq(cell(BRIDGE "/MacOnLinuxVideo@4", "revision-id", 0), 0x1011);
	/* oftree.nw reg 0x00012000: bus 1, device 4 */
	ck_assert_uint_eq(cell(BRIDGE "/MacOnLinuxVideo@4", "reg", 0), 0x12000);
	/* BAR 0x10 assigned at the framebuffer, 16 MiB (oftree.nw 0x82012010) */
	ck_assert_uint_eq(cell(BRIDGE "/MacOnLinuxVideo@4", "assigned-addresses", 0), 0x82012010);
	ck_assert_uint_eq(cell(BRIDGE "/MacOnLinuxVideo@4", "assigned-addresses", 2), 0x81000000);
	ck_assert_uint_eq(cell(BRIDGE "/MacOnLinuxVideo@4", "assigned-addresses", 4), 0x1000000);
	ck_assert_uint_eq(cell(BRIDGE "/MacOnLinuxVideo@4", "interrupts", 0), 1);
	ck_assert_uint_eq(cell(BRIDGE "/MacOnLinuxVideo@4", "interrupt-parent", 0), pic);
	/* block 6666:8888 class 000180, device_type "mol-blk", a disk per unit */
	ck_assert_str_eq(str(BRIDGE "/mol-blk@3", "device_type"), "mol-blk");
	ck_assert_uint_eq(cell(BRIDGE "/mol-blk@3", "vendor-id", 0), 0x6666);
	ck_assert_uint_eq(cell(BRIDGE "/mol-blk@3", "device-id", 0), 0x8888);
	ck_assert_uint_eq(cell(BRIDGE "/mol-blk@3", "class-code", 0), 0x180);
	ck_assert_uint_eq(cell(BRIDGE "/mol-blk@3", "reg", 0), 0x11800);
	ck_assert_uint_eq(cell(BRIDGE "/mol-blk@3", "interrupts", 0), 5);
	ck_assert_str_eq(str(BRIDGE "/mol-blk@3/disk@0", "device_type"), "block");
	ck_assert_uint_eq(cell(BRIDGE "/mol-blk@3/disk@1", "reg", 0), 1);
	ck_assert_int_lt(node(BRIDGE "/mol-blk@3/disk@2"), 0);
	ck_assert_int_eq(prom_resolve(tree, "hd", NULL, 0), node(BRIDGE "/mol-blk@3/disk@0"));
	ck_assert_int_eq(prom_resolve(tree, "mol1", NULL, 0), node(BRIDGE "/mol-blk@3/disk@1"));
	/* network 6666:7777 class 020000 */
	ck_assert_str_eq(str(BRIDGE "/mol-enet-0@1", "name"), "mol-enet-0");
	ck_assert_str_eq(str(BRIDGE "/mol-enet-0@1", "device_type"), "network");
	ck_assert_uint_eq(cell(BRIDGE "/mol-enet-0@1", "device-id", 0), 0x7777);
	ck_assert_uint_eq(cell(BRIDGE "/mol-enet-0@1", "class-code", 0), 0x020000);
	ck_assert_uint_eq(cell(BRIDGE "/mol-enet-0@1", "interrupts", 0), 6);
	/* mouse 6666:6668 */
	ck_assert_str_eq(str(BRIDGE "/mol-mouse@8", "device_type"), "mol-mouse");
	ck_assert_uint_eq(cell(BRIDGE "/mol-mouse@8", "device-id", 0), 0x6668);
	ck_assert_uint_eq(cell(BRIDGE "/mol-mouse@8", "interrupts", 0), 3);
	/* the Linux-guest names stay where MOL's oftree.linux had them */
	ck_assert_int_ge(node("/mol-blk"), 0);
	ck_assert_int_ge(node("/mol-enet"), 0);
	ck_assert_int_ge(node("/mol-keyboard"), 0);
}
END_TEST

START_TEST(without_netdev_or_drives)
{
	build(false, 0);
	ck_assert_int_lt(node(BRIDGE "/mol-enet-0@1"), 0);
	ck_assert_int_ge(node(BRIDGE "/mol-blk@3"), 0);
	ck_assert_int_lt(node(BRIDGE "/mol-blk@3/disk@0"), 0);
	/* no children, so no #address-cells (dtc's avoid_unnecessary_addr_size) */
	ck_assert_ptr_null(fdt_getprop(tree, node(BRIDGE "/mol-blk@3"), "#address-cells", NULL));
	ck_assert_ptr_null(fdt_getprop(tree, node("/aliases"), "hd", NULL));
}
END_TEST

/* Every node has a name and a distinct phandle (the firmware's ids). */
START_TEST(phandles_unique)
{
	uint32_t seen[80];
	int off, n = 0, i;

	build(true, 4);
	for (off = fdt_next_node(tree, -1, NULL); off >= 0; off = fdt_next_node(tree, off, NULL)) {
		uint32_t ph = fdt_get_phandle(tree, off);

		ck_assert_uint_ne(ph, 0);
		for (i = 0; i < n; i++)
			ck_assert_uint_ne(seen[i], ph);
		ck_assert_int_lt(n, 80);
		seen[n++] = ph;
		if (off)
			ck_assert_ptr_nonnull(fdt_getprop(tree, off, "name", NULL));
	}
	ck_assert_int_ge(n, 45);
}
END_TEST

/* Every one of dtc's checks passes once Apple's two names that modern
 * conventions dislike are undone: the PCI-PCI bridge is renamed "pci"
 * (dtc's pci_bridge check, which the PCI address checks depend on) and
 * /chosen loses "interrupt-controller" (obsolete_chosen_interrupt_controller;
 * the aliases, which name the bridge, go too: osi_prom's dtc test checks
 * them on the real tree).
 * The real tree keeps both: Linux's init_p2pbridge finds "pci-bridge" by
 * name, and Apple's firmware and MOL's trees carry the other. */
START_TEST(dtc_all_checks)
{
	static _Alignas(8) uint8_t copy[sizeof(tree)];
	char line[256];
	int off, warnings = 0, lines = 0;
	FILE *f;

	build(true, 2);
	ck_assert_int_eq(fdt_open_into(tree, copy, sizeof(copy)), 0);
	off = fdt_path_offset(copy, BRIDGE);
	ck_assert_int_eq(fdt_set_name(copy, off, "pci@d"), 0);
	ck_assert_int_eq(fdt_setprop_string(copy, fdt_path_offset(copy, "/pci/pci@d"), "name",
					    "pci"), 0);
	ck_assert_int_eq(fdt_delprop(copy, fdt_path_offset(copy, "/chosen"),
				     "interrupt-controller"), 0);
	/* the aliases name the bridge as it is (the real tree's check) */
	ck_assert_int_eq(fdt_del_node(copy, fdt_path_offset(copy, "/aliases")), 0);
	ck_assert_int_eq(fdt_pack(copy), 0);
	f = fopen("/tmp/molvm-unit-pm-checks.dtb", "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(copy, 1, fdt_totalsize(copy), f), fdt_totalsize(copy));
	fclose(f);
	f = popen("dtc -I dtb -O dts /tmp/molvm-unit-pm-checks.dtb 2>&1", "r");
	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f)) {
		lines++;
		if (strstr(line, "Warning") || strstr(line, "ERROR")) {
			warnings++;
			fprintf(stderr, "dtc: %s", line);
		}
	}
	ck_assert_int_eq(pclose(f), 0);
	ck_assert_int_eq(warnings, 0);
	ck_assert_int_gt(lines, 300);
	remove("/tmp/molvm-unit-pm-checks.dtb");
}
END_TEST

Suite *fdt_powermac_suite(void)
{
	Suite *s = suite_create("fdt_powermac");
	TCase *tc = tcase_create("tree");

	tcase_add_test(tc, root_and_firmware_nodes);
	tcase_add_test(tc, cpu_from_host_and_model);
	tcase_add_test(tc, host_bus_frequency);
	tcase_add_test(tc, macio_platform);
	tcase_add_test(tc, mol_pci_ids);
	tcase_add_test(tc, without_netdev_or_drives);
	tcase_add_test(tc, phandles_unique);
	tcase_add_test(tc, dtc_all_checks);
	suite_add_tcase(s, tc);
	return s;
}
