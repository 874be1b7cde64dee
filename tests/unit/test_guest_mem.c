// SPDX-License-Identifier: GPL-2.0
#include <string.h>

#include "../../vmm/be.h"
#include "../../vmm/guest_mem.h"
#include "unit.h"

#define RAM 0x10000

START_TEST(range_checks)
{
	struct guest_mem m;

	ck_assert_int_eq(guest_mem_alloc(&m, RAM), 0);
	ck_assert(guest_range_ok(&m, 0, RAM));
	ck_assert(guest_range_ok(&m, RAM, 0));
	ck_assert(!guest_range_ok(&m, RAM, 1));
	ck_assert(!guest_range_ok(&m, RAM - 4, 5));
	ck_assert(!guest_range_ok(&m, 1, UINT64_MAX));		/* would wrap */
	ck_assert(!guest_range_ok(&m, UINT64_MAX, 2));
	ck_assert_ptr_null(guest_ptr(&m, RAM - 3, 4));
	ck_assert_ptr_nonnull(guest_ptr(&m, RAM - 4, 4));
	guest_mem_free(&m);
}
END_TEST

START_TEST(big_endian_accessors)
{
	struct guest_mem m;
	uint32_t v32;
	uint64_t v64;
	const uint8_t *p;

	ck_assert_int_eq(guest_mem_alloc(&m, RAM), 0);
	ck_assert(guest_write_be32(&m, 0x100, 0x11223344));
	p = guest_ptr(&m, 0x100, 4);
	ck_assert_uint_eq(p[0], 0x11);
	ck_assert_uint_eq(p[3], 0x44);
	ck_assert(guest_read_be32(&m, 0x100, &v32));
	ck_assert_uint_eq(v32, 0x11223344);
	ck_assert(guest_write_be64(&m, 0x200, 0x0102030405060708ULL));
	p = guest_ptr(&m, 0x200, 8);
	ck_assert_uint_eq(p[0], 1);
	ck_assert_uint_eq(p[7], 8);
	ck_assert(guest_read_be64(&m, 0x200, &v64));
	ck_assert(v64 == 0x0102030405060708ULL);
	/* A descriptor of words: all of it in RAM, or nothing. */
	{
		uint32_t w[4] = { 0 };

		ck_assert(guest_read_be32s(&m, 0x1fc, w, 4));
		ck_assert_uint_eq(w[1], 0x01020304);
		ck_assert_uint_eq(w[2], 0x05060708);
		ck_assert(!guest_read_be32s(&m, RAM - 12, w, 4));
		ck_assert(guest_read_be32s(&m, RAM - 16, w, 4));
	}
	/* Out of range: refused, nothing written. */
	ck_assert(!guest_write_be32(&m, RAM - 2, 0xdeadbeef));
	ck_assert(!guest_read_be64(&m, RAM - 7, &v64));
	ck_assert_uint_eq(be16_load((const uint8_t *)"\x12\x34"), 0x1234);
	guest_mem_free(&m);
}
END_TEST

START_TEST(strings)
{
	struct guest_mem m;
	char buf[8];

	ck_assert_int_eq(guest_mem_alloc(&m, RAM), 0);
	ck_assert(guest_write(&m, 0x10, "hello", 6));
	ck_assert(guest_read_str(&m, 0x10, buf, sizeof(buf)));
	ck_assert_str_eq(buf, "hello");
	/* No NUL within the limit */
	ck_assert(guest_write(&m, 0x20, "abcdefghij", 10));
	ck_assert(!guest_read_str(&m, 0x20, buf, sizeof(buf)));
	ck_assert_uint_eq(strlen(buf), sizeof(buf) - 1);
	/* String running off the end of RAM */
	memset(guest_ptr(&m, RAM - 4, 4), 'x', 4);
	ck_assert(!guest_read_str(&m, RAM - 4, buf, sizeof(buf)));
	ck_assert(!guest_read_str(&m, UINT64_MAX, buf, sizeof(buf)));
	guest_mem_free(&m);
}
END_TEST

Suite *guest_mem_suite(void)
{
	Suite *s = suite_create("guest_mem");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, range_checks);
	tcase_add_test(tc, big_endian_accessors);
	tcase_add_test(tc, strings);
	suite_add_tcase(s, tc);
	return s;
}
