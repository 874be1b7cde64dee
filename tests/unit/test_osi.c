// SPDX-License-Identifier: GPL-2.0
#include <string.h>

#include "../../osi/osi.h"
#include "unit.h"

static void osi_call(struct fake_vm *f, uint64_t *gpr, uint64_t sel, uint64_t a0)
{
	memset(gpr, 0, 32 * sizeof(*gpr));
	gpr[3] = OSI_SC_MAGIC_R3;
	gpr[4] = OSI_SC_MAGIC_R4;
	gpr[5] = sel;
	gpr[6] = a0;
	gpr[13] = 0x1313131313131313ULL;
	osi_dispatch(&f->vm.vcpus[0], gpr);
}

START_TEST(log_putc_prints)
{
	struct fake_vm f;
	uint64_t gpr[32];
	char out[16];

	fake_vm_init(&f, 1 << 20);
	osi_call(&f, gpr, OSI_LOG_PUTC, 'h');
	ck_assert_uint_eq(gpr[3], 0);
	/* Only the low byte of the argument is the character. */
	osi_call(&f, gpr, OSI_LOG_PUTC, 0xffffff00 | 'i');
	ck_assert_uint_eq(fake_vm_output(&f, out, sizeof(out)), 2);
	ck_assert_str_eq(out, "hi");
	ck_assert(gpr[13] == 0x1313131313131313ULL);	/* untouched */
	fake_vm_destroy(&f);
}
END_TEST

START_TEST(call_available)
{
	struct fake_vm f;
	uint64_t gpr[32];

	fake_vm_init(&f, 1 << 20);
	osi_call(&f, gpr, OSI_CALL_AVAILABLE, OSI_LOG_PUTC);
	ck_assert_uint_eq(gpr[3], 1);
	osi_call(&f, gpr, OSI_CALL_AVAILABLE, OSI_EXIT);
	ck_assert_uint_eq(gpr[3], 1);
	osi_call(&f, gpr, OSI_CALL_AVAILABLE, 2);	/* obsolete in MOL */
	ck_assert_uint_eq(gpr[3], 0);
	osi_call(&f, gpr, OSI_CALL_AVAILABLE, 100);
	ck_assert_uint_eq(gpr[3], 0);
	osi_call(&f, gpr, OSI_CALL_AVAILABLE, 0xffffffffffffffffULL);
	ck_assert_uint_eq(gpr[3], 0);
	fake_vm_destroy(&f);
}
END_TEST

START_TEST(unknown_selectors_return_zero)
{
	struct fake_vm f;
	uint64_t gpr[32];
	char out[16];

	fake_vm_init(&f, 1 << 20);
	osi_call(&f, gpr, 2, 0);
	ck_assert_uint_eq(gpr[3], 0);
	osi_call(&f, gpr, 12345, 0);
	ck_assert_uint_eq(gpr[3], 0);
	ck_assert_uint_eq(fake_vm_output(&f, out, sizeof(out)), 0);
	/* Selectors are 32-bit, as KVM's magic check: the upper half of r5
	 * from a 64-bit guest does not make LOG_PUTC another selector. */
	osi_call(&f, gpr, 0x100000000ULL | OSI_LOG_PUTC, 'x');
	ck_assert_uint_eq(fake_vm_output(&f, out, sizeof(out)), 1);
	ck_assert_int_eq(out[0], 'x');
	ck_assert(!vm_stopping(&f.vm));
	fake_vm_destroy(&f);
}
END_TEST

START_TEST(exit_powers_off)
{
	struct fake_vm f;
	uint64_t gpr[32];

	fake_vm_init(&f, 1 << 20);
	f.vm.exit_code = 77;
	osi_call(&f, gpr, OSI_EXIT, 0);
	ck_assert(vm_stopping(&f.vm));
	ck_assert_int_eq(f.vm.exit_code, 0);
	fake_vm_destroy(&f);
}
END_TEST

Suite *osi_suite(void)
{
	Suite *s = suite_create("osi");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, log_putc_prints);
	tcase_add_test(tc, call_available);
	tcase_add_test(tc, unknown_selectors_return_zero);
	tcase_add_test(tc, exit_powers_off);
	suite_add_tcase(s, tc);
	return s;
}
