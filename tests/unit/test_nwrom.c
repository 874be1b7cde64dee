// SPDX-License-Identifier: GPL-2.0
/* -rom: the NewWorld ROM loader on synthetic ROM files. */
#include <string.h>

#include "../../vmm/be.h"
#include "../../vmm/nwrom.h"
#include "unit.h"

#define ELF_AT		0x4000
#define TOOLBOX_LEN	4096
#define ROM_LEN		(ELF_AT + 0x100 + 8 + TOOLBOX_LEN)

/* "<CHRP-BOOT>" script, padding, a one-segment ELF (8 bytes of code at
 * 0x10000, entry 0x10004), then the "compressed toolbox" bytes. */
static void make_rom(uint8_t *rom)
{
	static const char hdr[] = "<CHRP-BOOT>\n<COMPATIBLE>\nMacRISC MacRISC2\n</COMPATIBLE>\n"
				  "<BOOT-SCRIPT>\n</BOOT-SCRIPT>\n</CHRP-BOOT>\n";
	uint8_t *e = rom + ELF_AT, *ph = e + 52;
	int i;

	memset(rom, 0, ROM_LEN);
	memcpy(rom, hdr, sizeof(hdr) - 1);
	memcpy(e, "\177ELF\001\002\001", 7);
	be16_store(e + 16, 2);		/* ET_EXEC */
	be16_store(e + 18, 20);		/* EM_PPC */
	be32_store(e + 20, 1);
	be32_store(e + 24, 0x10004);	/* entry */
	be32_store(e + 28, 52);		/* phoff */
	be16_store(e + 40, 52);
	be16_store(e + 42, 32);
	be16_store(e + 44, 1);
	be32_store(ph, 1);		/* PT_LOAD */
	be32_store(ph + 4, 0x100);	/* offset */
	be32_store(ph + 8, 0x10000);
	be32_store(ph + 12, 0x10000);
	be32_store(ph + 16, 8);		/* filesz */
	be32_store(ph + 20, 8);
	be32_store(ph + 24, 7);
	be32_store(e + 0x100, 0x60000000);	/* nop */
	be32_store(e + 0x104, 0x48000000);	/* b . */
	for (i = 0; i < TOOLBOX_LEN; i++)
		e[0x108 + i] = (uint8_t)(i * 13 + 1);
	memcpy(e + 0x108, "prcl", 4);
}

START_TEST(loads_a_synthetic_rom)
{
	static uint8_t rom[ROM_LEN];
	struct guest_mem mem;
	struct nwrom_info info;
	char err[256];

	make_rom(rom);
	ck_assert_int_eq(guest_mem_alloc(&mem, 32 << 20), 0);
	ck_assert_int_eq(nwrom_load(&mem, rom, sizeof(rom), &info, err, sizeof(err)), 0);
	ck_assert_uint_eq(info.entry, 0x10004);
	ck_assert_uint_eq(info.elf_offset, ELF_AT);
	ck_assert_uint_eq(info.toolbox_base, 0x1100000);
	ck_assert_uint_eq(info.toolbox_size, TOOLBOX_LEN);
	ck_assert_uint_eq(be32_load(mem.host + 0x10004), 0x48000000);
	ck_assert_mem_eq(mem.host + 0x1100000, rom + ELF_AT + 0x108, TOOLBOX_LEN);
	guest_mem_free(&mem);
}
END_TEST

START_TEST(rejects_bad_roms)
{
	static uint8_t rom[ROM_LEN];
	struct guest_mem mem;
	struct nwrom_info info;
	char err[256];

	ck_assert_int_eq(guest_mem_alloc(&mem, 32 << 20), 0);
	make_rom(rom);
	memcpy(rom, "<CHRP-BAAT>", 11);
	ck_assert_int_eq(nwrom_load(&mem, rom, sizeof(rom), &info, err, sizeof(err)), -1);
	ck_assert(strstr(err, "CHRP-BOOT"));

	make_rom(rom);
	rom[ELF_AT] = 0;		/* no ELF */
	ck_assert_int_eq(nwrom_load(&mem, rom, sizeof(rom), &info, err, sizeof(err)), -1);
	ck_assert(strstr(err, "ELF"));

	make_rom(rom);
	be16_store(rom + ELF_AT + 44, 0x7fff);	/* phnum past the file */
	ck_assert_int_eq(nwrom_load(&mem, rom, sizeof(rom), &info, err, sizeof(err)), -1);

	make_rom(rom);
	be32_store(rom + ELF_AT + 52 + 16, 0x10000000);	/* filesz past the file */
	ck_assert_int_eq(nwrom_load(&mem, rom, sizeof(rom), &info, err, sizeof(err)), -1);

	make_rom(rom);			/* no toolbox after the ELF */
	ck_assert_int_eq(nwrom_load(&mem, rom, ELF_AT + 0x108, &info, err, sizeof(err)), -1);
	ck_assert(strstr(err, "toolbox"));

	make_rom(rom);			/* segment outside RAM */
	be32_store(rom + ELF_AT + 52 + 12, 0xfff00000);
	ck_assert_int_eq(nwrom_load(&mem, rom, sizeof(rom), &info, err, sizeof(err)), -1);
	guest_mem_free(&mem);

	/* RAM too small for the toolbox at 0x1100000 */
	ck_assert_int_eq(guest_mem_alloc(&mem, 16 << 20), 0);
	make_rom(rom);
	ck_assert_int_eq(nwrom_load(&mem, rom, sizeof(rom), &info, err, sizeof(err)), -1);
	ck_assert(strstr(err, "does not fit"));
	/* Short garbage */
	ck_assert_int_eq(nwrom_load(&mem, (const uint8_t *)"<CHR", 4, &info, err, sizeof(err)), -1);
	guest_mem_free(&mem);
}
END_TEST

Suite *nwrom_suite(void)
{
	Suite *s = suite_create("nwrom");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, loads_a_synthetic_rom);
	tcase_add_test(tc, rejects_bad_roms);
	suite_add_tcase(s, tc);
	return s;
}
