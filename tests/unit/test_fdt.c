// SPDX-License-Identifier: GPL-2.0
/* The pseries device tree, read back with libfdt; and dtc's view of it. */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../fdt/fdt_pseries.h"
#include "../../vmm/cpu_models.h"
#include "unit.h"

static _Alignas(8) uint8_t tree[1 << 16];	/* libfdt wants 8-byte alignment */

static void build(int nr_cpus, bool hypervisor)
{
	struct pseries_fdt_params p = {
		.cpu = cpu_model_find("POWER8"),
		.nr_cpus = nr_cpus,
		.ram_size = 512ULL << 20,
		.htab_shift = 22,
		.timebase_freq = 512000000,
		.clock_freq = 3000000000u,
		.bootargs = "console=hvc0 root=/dev/vda",
		.initrd_start = 0x1000000,
		.initrd_end = 0x1800000,
		.rtas_base = 0x3fff0000,
		.rtas_size = 20,
		.hcall_insns = KVM_PV_HCALL_DEFAULT,
		.pv_idle = true,
		.hypervisor_node = hypervisor,
		.nvram_size = 0x10000,
	};

	ck_assert_ptr_nonnull(p.cpu);
	fdt_pseries_mmu(&p, NULL);
	ck_assert_int_eq(fdt_pseries_build(tree, sizeof(tree), &p), 0);
	ck_assert_int_eq(fdt_check_header(tree), 0);
}

static uint32_t cell(const char *path, const char *prop)
{
	int off = fdt_path_offset(tree, path), len;
	const fdt32_t *v;

	ck_assert_msg(off >= 0, "%s missing", path);
	v = fdt_getprop(tree, off, prop, &len);
	ck_assert_msg(v && len == 4, "%s:%s missing", path, prop);
	return fdt32_to_cpu(*v);
}

START_TEST(cpus_one_node_per_vcpu)
{
	int off, n = 0;

	build(4, true);
	fdt_for_each_subnode(off, tree, fdt_path_offset(tree, "/cpus"))
		n++;
	ck_assert_int_eq(n, 4);
	ck_assert_uint_eq(cell("/cpus/PowerPC,POWER8@3", "reg"), 3);
	ck_assert_uint_eq(cell("/cpus/PowerPC,POWER8@3", "ibm,ppc-interrupt-server#s"), 3);
	ck_assert_uint_eq(cell("/cpus/PowerPC,POWER8@0", "cpu-version"), 0x004d0200);
	ck_assert_uint_eq(cell("/cpus/PowerPC,POWER8@0", "timebase-frequency"), 512000000);
	ck_assert_uint_eq(cell("/cpus/PowerPC,POWER8@1", "ibm,slb-size"), 64);
	{
		/* 4 KiB and 16 MiB segments, as KVM PR offers them */
		int len, cpu0 = fdt_path_offset(tree, "/cpus/PowerPC,POWER8@0");
		const fdt32_t *v = fdt_getprop(tree, cpu0, "ibm,segment-page-sizes", &len);

		ck_assert_int_eq(len, 40);
		ck_assert_uint_eq(fdt32_to_cpu(v[5]), 24);
		ck_assert_uint_eq(fdt32_to_cpu(v[6]), 0x100);
	}
}
END_TEST

/* Properties are only 4-byte aligned: copy before converting. */
static uint64_t u64_at(const void *p, int i)
{
	fdt64_t v;

	memcpy(&v, (const char *)p + 8 * i, 8);
	return fdt64_to_cpu(v);
}

START_TEST(chosen_and_memory)
{
	int off, len;
	const void *v;
	const char *s;

	build(1, true);
	off = fdt_path_offset(tree, "/chosen");
	s = fdt_getprop(tree, off, "bootargs", NULL);
	ck_assert_str_eq(s, "console=hvc0 root=/dev/vda");
	v = fdt_getprop(tree, off, "linux,initrd-start", &len);
	ck_assert_int_eq(len, 8);
	ck_assert_uint_eq(u64_at(v, 0), 0x1000000);
	s = fdt_getprop(tree, off, "stdout-path", NULL);
	ck_assert_int_ge(fdt_path_offset(tree, s), 0);
	v = fdt_getprop(tree, fdt_path_offset(tree, "/memory@0"), "reg", &len);
	ck_assert_int_eq(len, 16);
	ck_assert_uint_eq(u64_at(v, 1), 512ULL << 20);
}
END_TEST

START_TEST(rtas_lists_smp_calls)
{
	int off = -1;
	const char *names[] = { "start-cpu", "stop-self", "query-cpu-stopped-state",
				"power-off", "get-time-of-day", "ibm,set-xive",
				"nvram-fetch", "nvram-store" };
	size_t i;

	build(2, true);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		off = fdt_path_offset(tree, "/rtas");
		ck_assert_msg(fdt_getprop(tree, off, names[i], NULL), "/rtas lacks %s", names[i]);
	}
	ck_assert_uint_eq(cell("/interrupt-controller", "phandle"), PSERIES_XICS_PHANDLE);
	/* the NVRAM Linux's pseries code finds by type, sized by #bytes */
	ck_assert_uint_eq(cell("/nvram", "#bytes"), 0x10000);
	ck_assert_str_eq(fdt_getprop(tree, fdt_path_offset(tree, "/nvram"), "device_type", NULL),
			 "nvram");
}
END_TEST

START_TEST(hypervisor_node_and_no_pv)
{
	static const uint8_t insns[16] = KVM_PV_HCALL_DEFAULT;
	const void *v;
	int off, len;

	build(1, true);
	off = fdt_path_offset(tree, "/hypervisor");
	ck_assert_int_ge(off, 0);
	ck_assert_int_eq(fdt_node_check_compatible(tree, off, "linux,kvm"), 0);
	v = fdt_getprop(tree, off, "hcall-instructions", &len);
	ck_assert_int_eq(len, 16);
	ck_assert_mem_eq(v, insns, 16);

	build(1, false);
	ck_assert_int_lt(fdt_path_offset(tree, "/hypervisor"), 0);
}
END_TEST

/* The MMU a POWER8 host's KVM PR offers (4 KiB, 64 KiB, 16 MiB pages and
 * 1 TiB segments), as a 970 and as a POWER8 guest see it. */
static const struct kvm_ppc_smmu_info power8_pr = {
	.flags = KVM_PPC_1T_SEGMENTS,
	.slb_size = 64,
	.sps = {
		{ .page_shift = 12, .slb_enc = 0x000, .enc = { { 12, 0 } } },
		{ .page_shift = 24, .slb_enc = 0x100, .enc = { { 24, 0 } } },
		{ .page_shift = 16, .slb_enc = 0x110, .enc = { { 16, 1 } } },
	},
};

static void mmu_tree(const char *model)
{
	struct pseries_fdt_params p = { .cpu = cpu_model_find(model), .nr_cpus = 1,
					.ram_size = 256ULL << 20, .htab_shift = 21 };

	ck_assert_ptr_nonnull(p.cpu);
	fdt_pseries_mmu(&p, &power8_pr);
	ck_assert_int_eq(fdt_pseries_build(tree, sizeof(tree), &p), 0);
}

static int prop_len(const char *path, const char *prop, const fdt32_t **v)
{
	int len = -1;

	*v = fdt_getprop(tree, fdt_path_offset(tree, path), prop, &len);
	return *v ? len : -1;
}

START_TEST(cpu_node_follows_the_model)
{
	static const uint32_t pages970[] = { 12, 0x000, 1, 12, 0, 24, 0x100, 1, 24, 0 };
	const fdt32_t *v;
	int i;

	/* A 970: no 64 KiB pages, 256 MiB segments only, VMX without VSX,
	 * its caches, its name and PVR. */
	mmu_tree("970");
	ck_assert_int_eq(prop_len("/cpus/PowerPC,970@0", "ibm,segment-page-sizes", &v), 40);
	for (i = 0; i < 10; i++)
		ck_assert_uint_eq(fdt32_to_cpu(v[i]), pages970[i]);
	ck_assert_int_eq(prop_len("/cpus/PowerPC,970@0", "ibm,processor-segment-sizes", &v), 4);
	ck_assert_uint_eq(fdt32_to_cpu(v[0]), 28);
	ck_assert_uint_eq(cell("/cpus/PowerPC,970@0", "ibm,vmx"), 1);
	ck_assert_uint_eq(cell("/cpus/PowerPC,970@0", "cpu-version"), 0x00390202);
	ck_assert_uint_eq(cell("/cpus/PowerPC,970@0", "i-cache-size"), 0x10000);
	ck_assert_uint_eq(cell("/cpus/PowerPC,970@0", "d-cache-size"), 0x8000);

	/* A POWER8 keeps what KVM offers: 64 KiB pages, 1 TiB segments, VSX. */
	mmu_tree("POWER8");
	ck_assert_int_eq(prop_len("/cpus/PowerPC,POWER8@0", "ibm,segment-page-sizes", &v), 60);
	ck_assert_uint_eq(fdt32_to_cpu(v[10]), 16);
	ck_assert_uint_eq(fdt32_to_cpu(v[11]), 0x110);
	ck_assert_int_eq(prop_len("/cpus/PowerPC,POWER8@0", "ibm,processor-segment-sizes", &v), 8);
	ck_assert_uint_eq(fdt32_to_cpu(v[1]), 40);
	ck_assert_uint_eq(cell("/cpus/PowerPC,POWER8@0", "ibm,vmx"), 2);
}
END_TEST

START_TEST(too_small_buffer_fails)
{
	struct pseries_fdt_params p = { .cpu = cpu_model_find("POWER8"), .nr_cpus = 8 };

	ck_assert_int_eq(fdt_pseries_build(tree, 256, &p), -1);
}
END_TEST

/* --dump-dtb through the real binary; dtc must decompile what it wrote. */
START_TEST(dump_dtb_decompiles_with_dtc)
{
	const char *molvm = getenv("MOLVM");
	char cmd[512], line[256];
	FILE *f;
	int smp_nodes = 0, kvm = 0;

	ck_assert_msg(molvm, "MOLVM is not set (run through make unit)");
	snprintf(cmd, sizeof(cmd), "%s -M pseries -smp 2 -m 256 -append 'x=1' "
		 "--dump-dtb /tmp/molvm-unit.dtb", molvm);
	ck_assert_int_eq(system(cmd), 0);
	f = popen("dtc -q -I dtb -O dts /tmp/molvm-unit.dtb", "r");
	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f)) {
		if (strstr(line, "PowerPC,POWER8@"))
			smp_nodes++;
		if (strstr(line, "\"linux,kvm\""))
			kvm++;
	}
	ck_assert_int_eq(pclose(f), 0);
	ck_assert_int_eq(smp_nodes, 2);
	ck_assert_int_eq(kvm, 1);
	remove("/tmp/molvm-unit.dtb");
}
END_TEST

Suite *fdt_suite(void)
{
	Suite *s = suite_create("fdt");
	TCase *tc = tcase_create("pseries");

	tcase_add_test(tc, cpus_one_node_per_vcpu);
	tcase_add_test(tc, chosen_and_memory);
	tcase_add_test(tc, rtas_lists_smp_calls);
	tcase_add_test(tc, hypervisor_node_and_no_pv);
	tcase_add_test(tc, cpu_node_follows_the_model);
	tcase_add_test(tc, too_small_buffer_fails);
	tcase_add_test(tc, dump_dtb_decompiles_with_dtc);
	suite_add_tcase(s, tc);
	return s;
}
