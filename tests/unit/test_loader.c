// SPDX-License-Identifier: GPL-2.0
#include <string.h>

#include "../../vmm/be.h"
#include "../../vmm/loader.h"
#include "unit.h"

#define RAM 0x100000

/* Build a one-segment big-endian PowerPC ELF image into buf. */
static size_t make_elf(uint8_t *buf, int class64, uint64_t entry, uint64_t vaddr,
		       uint64_t paddr, uint32_t filesz, uint32_t memsz)
{
	size_t eh = class64 ? 64 : 52, ph = class64 ? 56 : 32;
	uint8_t *p = buf + eh;
	size_t i;

	memset(buf, 0, eh + ph + filesz);
	memcpy(buf, "\177ELF", 4);
	buf[4] = class64 ? 2 : 1;
	buf[5] = 2;		/* big-endian */
	buf[6] = 1;
	be16_store(buf + 16, 2);	/* ET_EXEC */
	be16_store(buf + 18, class64 ? 21 : 20);
	if (class64) {
		be64_store(buf + 24, entry);
		be64_store(buf + 32, eh);
		be16_store(buf + 54, (uint16_t)ph);
		be16_store(buf + 56, 1);
		be32_store(p, 1);
		be64_store(p + 8, eh + ph);
		be64_store(p + 16, vaddr);
		be64_store(p + 24, paddr);
		be64_store(p + 32, filesz);
		be64_store(p + 40, memsz);
	} else {
		be32_store(buf + 24, (uint32_t)entry);
		be32_store(buf + 28, (uint32_t)eh);
		be16_store(buf + 42, (uint16_t)ph);
		be16_store(buf + 44, 1);
		be32_store(p, 1);
		be32_store(p + 4, (uint32_t)(eh + ph));
		be32_store(p + 8, (uint32_t)vaddr);
		be32_store(p + 12, (uint32_t)paddr);
		be32_store(p + 16, filesz);
		be32_store(p + 20, memsz);
	}
	for (i = 0; i < filesz; i++)
		buf[eh + ph + i] = (uint8_t)(i + 1);
	return eh + ph + filesz;
}

static uint8_t img[4096];

START_TEST(elf32_loads_and_zeroes_bss)
{
	struct guest_mem m;
	struct load_result r;
	char err[128];
	size_t len = make_elf(img, 0, 0x10004, 0x10000, 0x10000, 16, 64);
	const uint8_t *p;

	ck_assert_int_eq(guest_mem_alloc(&m, RAM), 0);
	memset(guest_ptr(&m, 0x10000, 64), 0xaa, 64);
	ck_assert_int_eq(load_elf(&m, img, len, &r, err, sizeof(err)), 0);
	ck_assert_int_eq(r.elf_class, 32);
	ck_assert_uint_eq(r.entry, 0x10004);
	ck_assert(!r.linked_virtual);		/* MOL's ELF boot on powermac */
	ck_assert_uint_eq(r.low, 0x10000);
	ck_assert_uint_eq(r.high, 0x10040);
	p = guest_ptr(&m, 0x10000, 64);
	ck_assert_uint_eq(p[0], 1);
	ck_assert_uint_eq(p[15], 16);
	ck_assert_uint_eq(p[16], 0);	/* bss zeroed */
	ck_assert_uint_eq(p[63], 0);
	guest_mem_free(&m);
}
END_TEST

START_TEST(elf64_kernel_entry_is_translated)
{
	struct guest_mem m;
	struct load_result r;
	char err[128];
	/* Like a ppc64 vmlinux: linked at 0xc000..., loaded at physical 0 */
	size_t len = make_elf(img, 1, 0xc000000000000100ULL, 0xc000000000000000ULL, 0, 512, 1024);

	ck_assert_int_eq(guest_mem_alloc(&m, RAM), 0);
	ck_assert_int_eq(load_elf(&m, img, len, &r, err, sizeof(err)), 0);
	ck_assert_int_eq(r.elf_class, 64);
	ck_assert_uint_eq(r.entry, 0x100);
	ck_assert(r.linked_virtual);
	guest_mem_free(&m);
}
END_TEST

/* A ppc32 vmlinux: 0xc0000000 -> 0; powermac enters it as an Open
 * Firmware client (powermac_boot.h's rule). */
START_TEST(elf32_kernel_is_linked_virtual)
{
	struct guest_mem m;
	struct load_result r;
	char err[128];
	size_t len = make_elf(img, 0, 0xc0000000, 0xc0000000, 0, 512, 4096);

	ck_assert_int_eq(guest_mem_alloc(&m, RAM), 0);
	ck_assert_int_eq(load_elf(&m, img, len, &r, err, sizeof(err)), 0);
	ck_assert_uint_eq(r.entry, 0);
	ck_assert(r.linked_virtual);
	ck_assert_uint_eq(r.low, 0);
	ck_assert_uint_eq(r.high, 4096);
	guest_mem_free(&m);
}
END_TEST

START_TEST(elf_bad_images_are_refused)
{
	struct guest_mem m;
	struct load_result r;
	char err[128];
	size_t len;

	ck_assert_int_eq(guest_mem_alloc(&m, RAM), 0);

	len = make_elf(img, 0, 0x10000, 0x10000, 0x10000, 16, 16);
	ck_assert_int_eq(load_elf(&m, img, 40, &r, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "truncated ELF header");

	img[5] = 1;	/* little-endian */
	ck_assert_int_eq(load_elf(&m, img, len, &r, err, sizeof(err)), -1);
	ck_assert(strstr(err, "little-endian") != NULL);

	len = make_elf(img, 0, 0x10000, 0x10000, 0x10000, 16, 16);
	be16_store(img + 18, 62);	/* x86-64 */
	ck_assert_int_eq(load_elf(&m, img, len, &r, err, sizeof(err)), -1);
	ck_assert(strstr(err, "not for PowerPC") != NULL);

	/* Segment past the end of RAM */
	len = make_elf(img, 0, RAM - 8, RAM - 8, RAM - 8, 16, 16);
	ck_assert_int_eq(load_elf(&m, img, len, &r, err, sizeof(err)), -1);
	ck_assert(strstr(err, "does not fit") != NULL);

	/* Segment whose paddr + memsz wraps around */
	len = make_elf(img, 1, 0, 0, 0xfffffffffffff000ULL, 16, 0x2000);
	ck_assert_int_eq(load_elf(&m, img, len, &r, err, sizeof(err)), -1);

	/* File data beyond the end of the file */
	len = make_elf(img, 0, 0x10000, 0x10000, 0x10000, 16, 16);
	ck_assert_int_eq(load_elf(&m, img, len - 1, &r, err, sizeof(err)), -1);
	ck_assert(strstr(err, "outside the file") != NULL);

	/* filesz > memsz */
	len = make_elf(img, 0, 0x10000, 0x10000, 0x10000, 32, 16);
	ck_assert_int_eq(load_elf(&m, img, len, &r, err, sizeof(err)), -1);

	/* Program headers beyond the file */
	len = make_elf(img, 0, 0x10000, 0x10000, 0x10000, 16, 16);
	be32_store(img + 28, 0xfffffff0);
	ck_assert_int_eq(load_elf(&m, img, len, &r, err, sizeof(err)), -1);
	ck_assert(strstr(err, "program headers") != NULL);

	/* Entry outside every segment and outside RAM */
	len = make_elf(img, 0, 0x7ffffff0, 0x10000, 0x10000, 16, 16);
	ck_assert_int_eq(load_elf(&m, img, len, &r, err, sizeof(err)), -1);
	ck_assert(strstr(err, "entry point") != NULL);

	ck_assert_int_eq(load_elf(&m, (const uint8_t *)"#!/bin/sh\n", 10, &r, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "not an ELF image");
	guest_mem_free(&m);
}
END_TEST

START_TEST(raw_binary)
{
	struct guest_mem m;
	struct load_result r;
	char err[128];
	static const uint8_t code[8] = { 0x38, 0x60, 0, 0, 0x44, 0, 0, 2 };

	ck_assert_int_eq(guest_mem_alloc(&m, RAM), 0);
	ck_assert_int_eq(load_raw(&m, code, sizeof(code), 0x10000, &r, err, sizeof(err)), 0);
	ck_assert_uint_eq(r.entry, 0x10000);
	ck_assert_int_eq(memcmp(guest_ptr(&m, 0x10000, 8), code, 8), 0);
	ck_assert_int_eq(load_raw(&m, code, sizeof(code), RAM - 4, &r, err, sizeof(err)), -1);
	ck_assert(strstr(err, "does not fit") != NULL);
	guest_mem_free(&m);
}
END_TEST

START_TEST(read_file_errors)
{
	char err[128];
	size_t len;

	ck_assert_ptr_null(read_file("/nonexistent/kernel", 1 << 20, &len, err, sizeof(err)));
	ck_assert(strstr(err, "No such file") != NULL);
	ck_assert_ptr_null(read_file("/", 1 << 20, &len, err, sizeof(err)));
	ck_assert(strstr(err, "not a regular file") != NULL);
	ck_assert_ptr_null(read_file("/etc/passwd", 4, &len, err, sizeof(err)));
	ck_assert(strstr(err, "larger than guest RAM") != NULL);
}
END_TEST

Suite *loader_suite(void)
{
	Suite *s = suite_create("loader");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, elf32_loads_and_zeroes_bss);
	tcase_add_test(tc, elf64_kernel_entry_is_translated);
	tcase_add_test(tc, elf32_kernel_is_linked_virtual);
	tcase_add_test(tc, elf_bad_images_are_refused);
	tcase_add_test(tc, raw_binary);
	tcase_add_test(tc, read_file_errors);
	suite_add_tcase(s, tc);
	return s;
}
