// SPDX-License-Identifier: GPL-2.0
#include <string.h>

#include "../../devices/console.h"
#include "../../devices/papr.h"
#include "unit.h"

static int64_t hcall(struct fake_vm *f, uint64_t nr, uint64_t *args,
		     uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
	memset(args, 0, 9 * sizeof(*args));
	args[0] = a0;
	args[1] = a1;
	args[2] = a2;
	args[3] = a3;
	return papr_dispatch(&f->vm.vcpus[0], nr, args);
}

START_TEST(put_term_char_unpacks_big_endian)
{
	struct fake_vm f;
	uint64_t args[9];
	char out[64];

	fake_vm_init(&f, 1 << 20);
	/* "Hello, PAPR!\r\n" packed as the guest packs it */
	ck_assert_int_eq(hcall(&f, H_PUT_TERM_CHAR, args, PAPR_VTERM_NO, 14,
			       0x48656c6c6f2c2050ULL, 0x415052210d0a0000ULL), H_SUCCESS);
	ck_assert_uint_eq(fake_vm_output(&f, out, sizeof(out)), 14);
	ck_assert_str_eq(out, "Hello, PAPR!\r\n");
	ck_assert_int_eq(hcall(&f, H_PUT_TERM_CHAR, args, PAPR_VTERM_NO, 0, 0x41, 0), H_SUCCESS);
	ck_assert_uint_eq(fake_vm_output(&f, out, sizeof(out)), 0);
	fake_vm_destroy(&f);
}
END_TEST

START_TEST(put_term_char_checks_arguments)
{
	struct fake_vm f;
	uint64_t args[9];
	char out[64];

	fake_vm_init(&f, 1 << 20);
	ck_assert_int_eq(hcall(&f, H_PUT_TERM_CHAR, args, 7, 1, 0x4100000000000000ULL, 0),
			 H_PARAMETER);
	ck_assert_int_eq(hcall(&f, H_PUT_TERM_CHAR, args, PAPR_VTERM_NO, 17, 0, 0), H_PARAMETER);
	ck_assert_int_eq(hcall(&f, H_PUT_TERM_CHAR, args, PAPR_VTERM_NO, UINT64_MAX, 0, 0),
			 H_PARAMETER);
	ck_assert_uint_eq(fake_vm_output(&f, out, sizeof(out)), 0);
	fake_vm_destroy(&f);
}
END_TEST

START_TEST(get_term_char_packs_input)
{
	struct fake_vm f;
	uint64_t args[9];
	static const unsigned char typed[] = "abcdefghijklmnopqrs";

	fake_vm_init(&f, 1 << 20);
	ck_assert_int_eq(hcall(&f, H_GET_TERM_CHAR, args, PAPR_VTERM_NO, 0, 0, 0), H_SUCCESS);
	ck_assert_uint_eq(args[0], 0);
	console_input(f.vm.con, typed, 19);
	ck_assert_int_eq(hcall(&f, H_GET_TERM_CHAR, args, PAPR_VTERM_NO, 0, 0, 0), H_SUCCESS);
	ck_assert_uint_eq(args[0], 16);
	ck_assert(args[1] == 0x6162636465666768ULL);
	ck_assert(args[2] == 0x696a6b6c6d6e6f70ULL);
	ck_assert_int_eq(hcall(&f, H_GET_TERM_CHAR, args, PAPR_VTERM_NO, 0, 0, 0), H_SUCCESS);
	ck_assert_uint_eq(args[0], 3);
	ck_assert(args[1] == 0x7172730000000000ULL);
	ck_assert(args[2] == 0);
	ck_assert_int_eq(hcall(&f, H_GET_TERM_CHAR, args, 1, 0, 0, 0), H_PARAMETER);
	fake_vm_destroy(&f);
}
END_TEST

START_TEST(unknown_hcalls_get_h_function)
{
	struct fake_vm f;
	uint64_t args[9];

	fake_vm_init(&f, 1 << 20);
	ck_assert_int_eq(hcall(&f, 0x1234, args, 0, 0, 0, 0), H_FUNCTION);
	ck_assert_int_eq(hcall(&f, 0xdead0000, args, 0, 0, 0, 0), H_FUNCTION);
	ck_assert_int_eq(hcall(&f, UINT64_MAX, args, 0, 0, 0, 0), H_FUNCTION);
	/* Many distinct numbers: still answered, reporting stays bounded. */
	for (uint64_t nr = 0x1000; nr < 0x1400; nr += 4)
		ck_assert_int_eq(hcall(&f, nr, args, 0, 0, 0, 0), H_FUNCTION);
	ck_assert(!vm_stopping(&f.vm));
	fake_vm_destroy(&f);
}
END_TEST

Suite *papr_suite(void)
{
	Suite *s = suite_create("papr");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, put_term_char_unpacks_big_endian);
	tcase_add_test(tc, put_term_char_checks_arguments);
	tcase_add_test(tc, get_term_char_packs_input);
	tcase_add_test(tc, unknown_hcalls_get_h_function);
	suite_add_tcase(s, tc);
	return s;
}
