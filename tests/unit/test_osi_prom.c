// SPDX-License-Identifier: GPL-2.0
/* Open Firmware over OSI (PROM_IFACE, PROM_PATH_IFACE, OF_INTERFACE). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../osi/osi.h"
#include "../../vmm/be.h"
#include "osi_call.h"

#define STR_A	0x1000	/* guest scratch areas */
#define STR_B	0x1100
#define BUF	0x2000

static uint8_t *ram_of(struct fake_vm *f) { return f->vm.mem.host; }

static void put_str(struct fake_vm *f, uint32_t gpa, const char *s)
{
	strcpy((char *)ram_of(f) + gpa, s);
}

static uint32_t prom(struct fake_vm *f, uint32_t what, uint32_t ph, uint32_t a, uint32_t b,
		     uint32_t c)
{
	uint64_t gpr[32];

	return osi_call5(f, gpr, OSI_PROM_IFACE, what, ph, a, b, c);
}

static uint32_t find(struct fake_vm *f, const char *path)
{
	uint64_t gpr[32];

	put_str(f, STR_A, path);
	return osi_calln(f, gpr, OSI_PROM_PATH_IFACE, OSI_PROM_FIND_DEVICE, STR_A);
}

START_TEST(walk_the_tree)
{
	struct fake_vm f;
	uint32_t root, chosen, cpus, cpu, ph;
	int n;

	fake_powermac_init(&f, 1 << 20, NULL);
	root = prom(&f, OSI_PROM_PEER, 0, 0, 0, 0);
	ck_assert_uint_eq(root, 1);
	ck_assert_uint_eq(prom(&f, OSI_PROM_PEER, root, 0, 0, 0), 0);
	ck_assert_uint_eq(prom(&f, OSI_PROM_PARENT, root, 0, 0, 0), 0);
	chosen = prom(&f, OSI_PROM_CHILD, root, 0, 0, 0);
	ck_assert_uint_eq(chosen, find(&f, "/chosen"));
	ck_assert_uint_eq(prom(&f, OSI_PROM_PARENT, chosen, 0, 0, 0), root);
	/* chosen -> aliases -> options -> openprom -> rom -> rtas -> memory -> cpus */
	ph = chosen;
	for (n = 0; n < 7; n++)
		ph = prom(&f, OSI_PROM_PEER, ph, 0, 0, 0);
	cpus = ph;
	ck_assert_uint_eq(cpus, find(&f, "/cpus"));
	cpu = prom(&f, OSI_PROM_CHILD, cpus, 0, 0, 0);
	ck_assert_uint_ne(cpu, 0);
	ck_assert_uint_eq(prom(&f, OSI_PROM_CHILD, cpu, 0, 0, 0), 0);	/* a leaf */
	/* A unit address may be left out; ":args" are ignored. */
	ck_assert_uint_eq(find(&f, "/cpus/PowerPC,7447a"), cpu);
	ck_assert_uint_eq(find(&f, "/cpus/PowerPC,7447a@0:foo"), cpu);
	ck_assert_uint_eq(find(&f, "/nonexistent"), OSI_ERR);

	ck_assert_uint_eq(prom(&f, OSI_PROM_PACKAGE_TO_PATH, cpu, BUF, 64, 0),
			  strlen("/cpus/PowerPC,7447a@0"));
	ck_assert_str_eq((char *)ram_of(&f) + BUF, "/cpus/PowerPC,7447a@0");
	/* A short buffer gets a prefix, the answer is still the length. */
	memset(ram_of(&f) + BUF, 'X', 16);
	ck_assert_uint_eq(prom(&f, OSI_PROM_PACKAGE_TO_PATH, cpu, BUF, 4, 0), 21);
	ck_assert_mem_eq(ram_of(&f) + BUF, "/cpuX", 5);
	fake_powermac_destroy(&f);
}
END_TEST

START_TEST(properties)
{
	struct fake_vm f;
	uint32_t cpu, n;
	uint8_t *ram;

	fake_powermac_init(&f, 1 << 20, NULL);
	ram = ram_of(&f);
	cpu = find(&f, "/cpus/PowerPC,7447a@0");
	put_str(&f, STR_B, "cpu-version");
	ck_assert_uint_eq(prom(&f, OSI_PROM_GETPROPLEN, cpu, STR_B, 0, 0), 4);
	ck_assert_uint_eq(prom(&f, OSI_PROM_GETPROP, cpu, STR_B, BUF, 4), 4);
	ck_assert_uint_eq(be32_load(ram + BUF), 0x80030102);
	put_str(&f, STR_B, "name");
	ck_assert_uint_eq(prom(&f, OSI_PROM_GETPROP, cpu, STR_B, BUF, 64), 14);
	ck_assert_str_eq((char *)ram + BUF, "PowerPC,7447a");
	put_str(&f, STR_B, "no-such-prop");
	ck_assert_uint_eq(prom(&f, OSI_PROM_GETPROPLEN, cpu, STR_B, 0, 0), OSI_ERR);

	/* nextprop from "" walks all properties, then answers 0. */
	put_str(&f, STR_B, "");
	for (n = 0; n < 40; n++) {
		uint32_t r = prom(&f, OSI_PROM_NEXTPROP, cpu, STR_B, BUF, 0);

		if (r == 0)
			break;
		ck_assert_uint_eq(r, 1);
		strcpy((char *)ram + STR_B, (char *)ram + BUF);
	}
	ck_assert_uint_eq(n, 24);	/* name, phandle and 22 more */

	/* setprop, then read it back; phandle is off limits. */
	memcpy(ram + BUF, "\x12\x34\x56", 3);
	put_str(&f, STR_B, "molvm,test");
	ck_assert_uint_eq(prom(&f, OSI_PROM_SETPROP, cpu, STR_B, BUF, 3), 3);
	memset(ram + BUF, 0, 4);
	ck_assert_uint_eq(prom(&f, OSI_PROM_GETPROP, cpu, STR_B, BUF + 8, 8), 3);
	ck_assert_mem_eq(ram + BUF + 8, "\x12\x34\x56", 3);
	ck_assert_uint_eq(prom(&f, OSI_PROM_SETPROP, cpu, STR_B, BUF, 0x1001), OSI_ERR);
	put_str(&f, STR_B, "phandle");
	ck_assert_uint_eq(prom(&f, OSI_PROM_SETPROP, cpu, STR_B, BUF, 4), OSI_ERR);
	/* The node is still found by phandle after the tree grew. */
	ck_assert_uint_eq(find(&f, "/cpus/PowerPC,7447a@0"), cpu);
	fake_powermac_destroy(&f);
}
END_TEST

START_TEST(hostile_arguments)
{
	struct fake_vm f;
	uint64_t gpr[32];
	uint32_t cpu;

	fake_powermac_init(&f, 1 << 20, NULL);
	cpu = find(&f, "/cpus");
	put_str(&f, STR_B, "#size-cells");
	/* Bad phandles, names and buffers outside RAM: -1 each. */
	ck_assert_uint_eq(prom(&f, OSI_PROM_CHILD, 0xdead, 0, 0, 0), OSI_ERR);
	ck_assert_uint_eq(prom(&f, OSI_PROM_PEER, 0xffffffff, 0, 0, 0), OSI_ERR);
	ck_assert_uint_eq(prom(&f, OSI_PROM_GETPROP, cpu, 0xfffffff0, BUF, 4), OSI_ERR);
	ck_assert_uint_eq(prom(&f, OSI_PROM_GETPROP, cpu, STR_B, 0xfffffffe, 4), OSI_ERR);
	ck_assert_uint_eq(prom(&f, OSI_PROM_GETPROP, cpu, STR_B, (1 << 20) - 2, 4), OSI_ERR);
	ck_assert_uint_eq(prom(&f, OSI_PROM_GETPROP, cpu, STR_B, BUF, 0xffffffff), OSI_ERR);
	ck_assert_uint_eq(prom(&f, OSI_PROM_PACKAGE_TO_PATH, cpu, 0xffffff00, 64, 0), OSI_ERR);
	put_str(&f, STR_A, "");
	ck_assert_uint_eq(prom(&f, OSI_PROM_NEXTPROP, cpu, STR_A, 0xfffff000, 0), OSI_ERR);
	ck_assert_uint_eq(prom(&f, OSI_PROM_SETPROP, cpu, STR_B, 0xfffff000, 16), OSI_ERR);
	ck_assert_uint_eq(prom(&f, 12345, cpu, 0, 0, 0), OSI_ERR);
	/* A string without NUL inside the 64-byte limit. */
	memset(ram_of(&f) + STR_A, 'a', 200);
	ck_assert_uint_eq(prom(&f, OSI_PROM_GETPROPLEN, cpu, STR_A, 0, 0), OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_PROM_PATH_IFACE, OSI_PROM_FIND_DEVICE, STR_A),
			  OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_PROM_PATH_IFACE, OSI_PROM_FIND_DEVICE, 0),
			  OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_PROM_PATH_IFACE, 3, STR_B), OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_OF_INTERFACE, 0xfffffff8), OSI_ERR);
	fake_powermac_destroy(&f);
}
END_TEST

START_TEST(create_node_and_change_phandle)
{
	struct fake_vm f;
	uint64_t gpr[32];
	uint32_t ph, ph2;

	fake_powermac_init(&f, 1 << 20, NULL);
	put_str(&f, STR_A, "/molvm/test@3");
	ph = osi_calln(&f, gpr, OSI_PROM_PATH_IFACE, OSI_PROM_CREATE_NODE, STR_A);
	ck_assert_uint_ne(ph, OSI_ERR);
	ck_assert_uint_eq(find(&f, "/molvm/test@3"), ph);
	ph2 = find(&f, "/molvm");
	ck_assert_uint_eq(prom(&f, OSI_PROM_PARENT, ph, 0, 0, 0), ph2);
	/* Creating it again finds the same node. */
	put_str(&f, STR_A, "/molvm/test@3");
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_PROM_PATH_IFACE, OSI_PROM_CREATE_NODE, STR_A), ph);
	/* change-phandle: to a free number, not to a used one. */
	ck_assert_uint_eq(prom(&f, OSI_PROM_CHANGE_PHANDLE, ph, 0x1000, 0, 0), 0);
	ck_assert_uint_eq(find(&f, "/molvm/test@3"), 0x1000);
	ck_assert_uint_eq(prom(&f, OSI_PROM_CHANGE_PHANDLE, 0x1000, 1, 0, 0), OSI_ERR);
	fake_powermac_destroy(&f);
}
END_TEST

START_TEST(of_client_interface)
{
	struct fake_vm f;
	uint64_t gpr[32];
	uint8_t *ram;
	uint32_t cpus;

	fake_powermac_init(&f, 1 << 20, NULL);
	ram = ram_of(&f);
	cpus = find(&f, "/cpus");
	/* finddevice("/cpus") */
	put_str(&f, STR_A, "finddevice");
	put_str(&f, STR_B, "/cpus");
	be32_store(ram + BUF, STR_A);
	be32_store(ram + BUF + 4, 1);
	be32_store(ram + BUF + 8, 1);
	be32_store(ram + BUF + 12, STR_B);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_OF_INTERFACE, BUF), 0);
	ck_assert_uint_eq(be32_load(ram + BUF + 16), cpus);
	/* getprop(cpus, "#address-cells", buf, 4) */
	put_str(&f, STR_A, "getprop");
	put_str(&f, STR_B, "#address-cells");
	be32_store(ram + BUF + 4, 4);
	be32_store(ram + BUF + 12, cpus);
	be32_store(ram + BUF + 16, STR_B);
	be32_store(ram + BUF + 20, 0x3000);
	be32_store(ram + BUF + 24, 4);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_OF_INTERFACE, BUF), 0);
	ck_assert_uint_eq(be32_load(ram + BUF + 28), 4);
	ck_assert_uint_eq(be32_load(ram + 0x3000), 1);
	/* Unknown service, wrong nargs: -1 */
	be32_store(ram + BUF + 4, 3);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_OF_INTERFACE, BUF), OSI_ERR);
	put_str(&f, STR_A, "boot");
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_OF_INTERFACE, BUF), OSI_ERR);
	fake_powermac_destroy(&f);
}
END_TEST

/* --dump-dtb -M powermac through the real binary: dtc decompiles it with no
 * warning but for Apple's two names (the PCI-PCI bridge is "pci-bridge",
 * /chosen has "interrupt-controller"; test_fdt_powermac.c's dtc_all_checks
 * shows everything else passes every check), and the options show in the
 * tree (no device is opened). */
START_TEST(powermac_dump_dtb_with_dtc)
{
	const char *molvm = getenv("MOLVM");
	char cmd[512], line[256];
	int enet = 0, pic = 0, warnings = 0, tb = 0, video = 0, blk = 0, enet0 = 0, ids = 0;
	FILE *f;

	ck_assert_msg(molvm, "MOLVM is not set (run through make unit)");
	snprintf(cmd, sizeof(cmd), "%s -M powermac -m 128 -netdev tap,ifname=molvm-unit0 "
		 "-drive file=/nonexistent.img --dump-dtb /tmp/molvm-unit-pm.dtb", molvm);
	ck_assert_int_eq(system(cmd), 0);
	f = popen("dtc -W no-pci_bridge -W no-obsolete_chosen_interrupt_controller "
		  "-W no-interrupt_provider -I dtb -O dts /tmp/molvm-unit-pm.dtb 2>&1", "r");
	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f)) {
		enet += strstr(line, "mol-enet {") != NULL;
		pic += strstr(line, "interrupt-controller;") != NULL;
		tb += strstr(line, "reg = <0x00 0x8000000>;") != NULL;
		/* MOL's PCI nodes (oftree.nw), what its Mac OS drivers bind to */
		video += strstr(line, "MacOnLinuxVideo@4 {") != NULL;
		blk += strstr(line, "mol-blk@3 {") != NULL;
		enet0 += strstr(line, "mol-enet-0@1 {") != NULL;
		ids += strstr(line, "vendor-id = <0x6666>;") != NULL;
		warnings += strstr(line, "Warning") || strstr(line, "ERROR");
	}
	ck_assert_int_eq(pclose(f), 0);
	ck_assert_int_eq(enet, 1);
	ck_assert_int_eq(pic, 2);		/* osi-pic and Heathrow's */
	ck_assert_int_eq(tb, 1);		/* /memory: 128 MiB */
	ck_assert_int_eq(video, 1);
	ck_assert_int_eq(blk, 1);
	ck_assert_int_eq(enet0, 1);
	ck_assert_int_eq(ids, 4);		/* video, blk, enet, mouse */
	ck_assert_int_eq(warnings, 0);
	remove("/tmp/molvm-unit-pm.dtb");
}
END_TEST

Suite *osi_prom_suite(void)
{
	Suite *s = suite_create("osi_prom");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, walk_the_tree);
	tcase_add_test(tc, properties);
	tcase_add_test(tc, hostile_arguments);
	tcase_add_test(tc, create_node_and_change_phandle);
	tcase_add_test(tc, of_client_interface);
	tcase_add_test(tc, powermac_dump_dtb_with_dtc);
	suite_add_tcase(s, tc);
	return s;
}
