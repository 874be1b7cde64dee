// SPDX-License-Identifier: GPL-2.0
/* The powermac vCPU's entry state (vmm/powermac_cpu.c): MOL's ELF boot. */
#include <string.h>

#include "../../vmm/machine.h"
#include "../../vmm/powermac_cpu.h"
#include "unit.h"

/* Registers full of junk, as a reused vCPU could hold them. */
static void junk(struct kvm_ppc_sregs *s, struct kvm_ppc_regs *r)
{
	memset(s, 0xa5, sizeof(*s));
	memset(r, 0x5a, sizeof(*r));
}

START_TEST(sdr1_and_stack_at_top_of_ram)
{
	struct kvm_ppc_sregs s;
	struct kvm_ppc_regs r;
	int i;

	junk(&s, &r);
	powermac_cpu_state(64ULL << 20, &s, &r);
	/* elf_startup: SDR1 = ram.size - 65536, r1 = ram.size - 65536 - 32 */
	ck_assert_uint_eq(s.u.s.sdr1, 0x03ff0000);
	ck_assert_uint_eq(r.gpr[1], 0x03feffe0);
	for (i = 0; i < 32; i++)
		if (i != 1)
			ck_assert_uint_eq(r.gpr[i], 0);
	for (i = 0; i < 8; i++)
		ck_assert_uint_eq(r.sprg[i], 0);
	for (i = 0; i < 16; i++)
		ck_assert_uint_eq(s.u.s.ppc32.sr[i], 0);
	for (i = 0; i < 8; i++) {
		ck_assert_uint_eq(s.u.s.ppc32.ibat[i], 0);
		ck_assert_uint_eq(s.u.s.ppc32.dbat[i], 0);
	}
	ck_assert_uint_eq(r.lr, 0);
	ck_assert_uint_eq(r.ctr, 0);
	/* the PVR is not this function's business */
	ck_assert_uint_eq(s.pvr, 0xa5a5a5a5);

	powermac_cpu_state(2ULL << 30, &s, &r);
	ck_assert_uint_eq(s.u.s.sdr1, 0x7fff0000);
	ck_assert_uint_eq(r.gpr[1], 0x7ffeffe0);
}
END_TEST

START_TEST(odd_ram_sizes)
{
	struct kvm_ppc_sregs s;
	struct kvm_ppc_regs r;

	/* not a multiple of 64 KiB: the HTAB is aligned down */
	junk(&s, &r);
	powermac_cpu_state(0x1234567, &s, &r);
	ck_assert_uint_eq(s.u.s.sdr1, 0x1220000);
	ck_assert_uint_eq(s.u.s.sdr1 & 0xffff, 0);
	ck_assert_uint_eq(r.gpr[1], 0x1220000 - 32);
	/* too small for a HTAB and a stack, or beyond the 32-bit map: none */
	powermac_cpu_state(0x10000, &s, &r);
	ck_assert_uint_eq(s.u.s.sdr1, 0);
	ck_assert_uint_eq(r.gpr[1], 0);
	powermac_cpu_state(4ULL << 30, &s, &r);
	ck_assert_uint_eq(s.u.s.sdr1, 0);
}
END_TEST

START_TEST(bat_words)
{
	/* BAT0 mapping 256 MiB at 0 supervisor-valid (BL 0x7ff, Vs) and
	 * its lower half (BRPN 0, M, PP RW). */
	ck_assert_uint_eq(ppc32_sregs_bat(0x00001ffe, 0x00000012), 0x00001ffe00000012ULL);
	/* KVM_GET_SREGS reports the same pair with the halves swapped */
	ck_assert_uint_eq(ppc32_sregs_bat_get(0x00001ffe, 0x00000012), 0x0000001200001ffeULL);
	ck_assert_uint_ne(ppc32_sregs_bat(0xf0001ffe, 0x80000012),
			  ppc32_sregs_bat_get(0xf0001ffe, 0x80000012));
}
END_TEST

START_TEST(only_powermac_has_the_hook)
{
	const struct machine *pm = machine_find("powermac"), *ps = machine_find("pseries");

	ck_assert_ptr_nonnull(pm);
	ck_assert_ptr_nonnull(ps);
	ck_assert(pm->cpu_state != NULL);
	ck_assert(ps->cpu_state == NULL);
	/* MSR at entry: ME only (real mode, 32-bit, EE off) */
	ck_assert_uint_eq(pm->msr, 0x1000);
}
END_TEST

Suite *powermac_cpu_suite(void)
{
	Suite *s = suite_create("powermac_cpu");
	TCase *tc = tcase_create("entry");

	tcase_add_test(tc, sdr1_and_stack_at_top_of_ram);
	tcase_add_test(tc, odd_ram_sizes);
	tcase_add_test(tc, bat_words);
	tcase_add_test(tc, only_powermac_has_the_hook);
	suite_add_tcase(s, tc);
	return s;
}
