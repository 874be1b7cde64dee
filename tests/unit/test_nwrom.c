// SPDX-License-Identifier: GPL-2.0
/* -rom: the NewWorld ROM loader on synthetic ROM files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../vmm/be.h"
#include "../../vmm/nwrom.h"
#include "unit.h"

#define ELF_AT		0x4000
#define TOOLBOX_LEN	4096
#define ROM_LEN		(ELF_AT + 0x100 + 8 + TOOLBOX_LEN)
#define TB		25000000	/* a 100 MHz-bus G4's timebase */

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
	ck_assert_int_eq(nwrom_load(&mem, rom, sizeof(rom), TB, &info, err, sizeof(err)), 0);
	ck_assert_uint_eq(info.entry, 0x10004);
	ck_assert_uint_eq(info.elf_offset, ELF_AT);
	ck_assert_uint_eq(info.toolbox_base, 0x1100000);
	ck_assert_uint_eq(info.toolbox_size, TOOLBOX_LEN);
	ck_assert_uint_eq(be32_load(mem.host + 0x10004), 0x48000000);
	ck_assert_mem_eq(mem.host + 0x1100000, rom + ELF_AT + 0x108, TOOLBOX_LEN);
	ck_assert_uint_eq(info.code_base, 0x10000);
	ck_assert_uint_eq(info.code_size, 8);
	/* eight bytes of code match neither of MOL's patterns */
	ck_assert_int_eq(info.patches.add_fix_at, -1);
	ck_assert_int_eq(info.patches.timer_fix_at, -1);
	ck_assert_uint_eq(be32_load(mem.host + 0x10000), 0x60000000);
	guest_mem_free(&mem);
}
END_TEST

/* MOL's patterns (openbios arch/ppc/mol/main.c), written out again so
 * that a typo in nwrom.c's copy shows */
static const uint32_t add_bug[6] = { 0x7c7d1b78, 0x7c9c2378, 0x7cc33378, 0x7c864214,
				     0x80b10000, 0x38a500e8 };
static const uint32_t calib[35] = {
	0x7d0000a6, 0x5507045e, 0x7ce00124, 0x4c00012c, 0x38e00000, 0x3c80000f, 0x6084ffff,
	0x98830c00, 0x7c0006ac, 0x98830a00, 0x7c0006ac, 0x7c9603a6, 0x4c00012c, 0x7cb602a6,
	0x2c050000, 0x4181fff8, 0x7c0004ac, 0x88830a00, 0x7c0006ac, 0x88a30800, 0x7c0006ac,
	0x88c30a00, 0x7c0006ac, 0x7c043040, 0x40a2ffe4, 0x5085442e, 0x7ca500d0, 0x54a5043e,
	0x7c053840, 0x7ca72b78, 0x4082ff9c, 0x7ca32b78, 0x7d000124, 0x4c00012c, 0x4e800020,
};

static void put_words(uint8_t *at, const uint32_t *w, int n)
{
	int i;

	for (i = 0; i < n; i++)
		be32_store(at + 4 * i, w[i]);
}

START_TEST(patches_by_mols_patterns)
{
	static uint8_t code[0x1000], orig[0x1000];
	struct nwrom_patches p;
	int i;

	for (i = 0; i < (int)sizeof(code); i += 4)
		be32_store(code + i, 0x60000000);		/* nop */
	put_words(code + 0x100, add_bug, 6);
	put_words(code + 0x400, add_bug, 6);			/* the bug twice: both fixed */
	put_words(code + 0x802, add_bug, 6);			/* not word-aligned: ignored */
	put_words(code + 0x900, calib, 35);
	put_words(code + 0xa00, calib, 35);			/* second routine: left */
	memcpy(orig, code, sizeof(code));
	ck_assert_int_eq(nwrom_patch(code, sizeof(code), TB, &p), 3);
	ck_assert_int_eq(p.add_fix_at, 0x10c);
	ck_assert_uint_eq(be32_load(code + 0x10c), 0x38860008);	/* addi r4,r6,8 */
	ck_assert_uint_eq(be32_load(code + 0x40c), 0x38860008);
	ck_assert_uint_eq(be32_load(code + 0x80e), 0x7c864214);
	/* 0xfffff ticks at 25 MHz = 1971321 us; 47/60 VIA ticks per us */
	ck_assert_uint_eq(p.calibration, 32855);
	ck_assert_int_eq(p.timer_fix_at, 0x900);
	ck_assert_uint_eq(be32_load(code + 0x900), 0x3c600000);	/* lis r3,0 */
	ck_assert_uint_eq(be32_load(code + 0x904), 0x60638057);	/* ori r3,r3,32855 */
	ck_assert_uint_eq(be32_load(code + 0x908), 0x4e800020);	/* blr */
	ck_assert_mem_eq(code + 0xa00, orig + 0xa00, 35 * 4);
	/* everything else as it was */
	ck_assert_mem_eq(code, orig, 0x10c);
	ck_assert_mem_eq(code + 0x110, orig + 0x110, 0x40c - 0x110);
}
END_TEST

START_TEST(patch_leaves_other_code_alone)
{
	static uint8_t code[0x200], orig[0x200];
	struct nwrom_patches p;

	memset(code, 0x5a, sizeof(code));
	/* the bug's pattern cut short by the end of the segment */
	put_words(code + sizeof(code) - 20, add_bug, 5);
	memcpy(orig, code, sizeof(code));
	ck_assert_int_eq(nwrom_patch(code, sizeof(code), TB, &p), 0);
	ck_assert_int_eq(p.add_fix_at, -1);
	ck_assert_int_eq(p.timer_fix_at, -1);
	ck_assert_mem_eq(code, orig, sizeof(code));
	/* nothing to match in a segment shorter than a pattern */
	ck_assert_int_eq(nwrom_patch(code, 8, TB, &p), 0);
	ck_assert_int_eq(nwrom_patch(code, 0, TB, &p), 0);
	/* no timebase known: the calibration is not replaced */
	put_words(code, calib, 35);
	ck_assert_int_eq(nwrom_patch(code, sizeof(code), 0, &p), 0);
	ck_assert_uint_eq(be32_load(code), calib[0]);
}
END_TEST

/* The patches reach the loaded ROM's code segment (the one with the
 * entry point), not its other segments. */
START_TEST(load_patches_the_code_segment)
{
	static uint8_t rom[ROM_LEN + 0x200];
	struct guest_mem mem;
	struct nwrom_info info;
	char err[256];
	uint8_t *e = rom + ELF_AT;

	make_rom(rom);
	/* a 0x20-byte segment holding the pattern; toolbox follows */
	memmove(e + 0x108 + 0x18, e + 0x108, TOOLBOX_LEN);
	put_words(e + 0x100, add_bug, 6);
	be32_store(e + 52 + 16, 0x20);
	be32_store(e + 52 + 20, 0x20);
	be32_store(e + 24, 0x10000);
	ck_assert_int_eq(guest_mem_alloc(&mem, 32 << 20), 0);
	ck_assert_int_eq(nwrom_load(&mem, rom, ROM_LEN + 0x18, TB, &info, err, sizeof(err)), 0);
	ck_assert_uint_eq(info.code_base, 0x10000);
	ck_assert_int_eq(info.patches.add_fix_at, 12);
	ck_assert_uint_eq(be32_load(mem.host + 0x1000c), 0x38860008);
	ck_assert_uint_eq(info.toolbox_size, TOOLBOX_LEN);
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
	ck_assert_int_eq(nwrom_load(&mem, rom, sizeof(rom), TB, &info, err, sizeof(err)), -1);
	ck_assert(strstr(err, "CHRP-BOOT"));

	make_rom(rom);
	rom[ELF_AT] = 0;		/* no ELF */
	ck_assert_int_eq(nwrom_load(&mem, rom, sizeof(rom), TB, &info, err, sizeof(err)), -1);
	ck_assert(strstr(err, "ELF"));

	make_rom(rom);
	be16_store(rom + ELF_AT + 44, 0x7fff);	/* phnum past the file */
	ck_assert_int_eq(nwrom_load(&mem, rom, sizeof(rom), TB, &info, err, sizeof(err)), -1);

	make_rom(rom);
	be32_store(rom + ELF_AT + 52 + 16, 0x10000000);	/* filesz past the file */
	ck_assert_int_eq(nwrom_load(&mem, rom, sizeof(rom), TB, &info, err, sizeof(err)), -1);

	make_rom(rom);			/* no toolbox after the ELF */
	ck_assert_int_eq(nwrom_load(&mem, rom, ELF_AT + 0x108, TB, &info, err, sizeof(err)), -1);
	ck_assert(strstr(err, "toolbox"));

	make_rom(rom);			/* segment outside RAM */
	be32_store(rom + ELF_AT + 52 + 12, 0xfff00000);
	ck_assert_int_eq(nwrom_load(&mem, rom, sizeof(rom), TB, &info, err, sizeof(err)), -1);
	guest_mem_free(&mem);

	/* RAM too small for the toolbox at 0x1100000 */
	ck_assert_int_eq(guest_mem_alloc(&mem, 16 << 20), 0);
	make_rom(rom);
	ck_assert_int_eq(nwrom_load(&mem, rom, sizeof(rom), TB, &info, err, sizeof(err)), -1);
	ck_assert(strstr(err, "does not fit"));
	/* Short garbage */
	ck_assert_int_eq(nwrom_load(&mem, (const uint8_t *)"<CHR", 4, TB, &info, err, sizeof(err)), -1);
	guest_mem_free(&mem);
}
END_TEST

/* Through the real binary: what -rom, the ROM search and -mol-drivers
 * put in the tree (--dump-dtb, read back with dtc's fdtget). */
static int sh(const char *cmd)
{
	char full[2048];

	snprintf(full, sizeof(full), "cd /tmp/molvm-nwrom-t && export HOME=/tmp/molvm-nwrom-t "
		 "&& (%s) >out.txt 2>err.txt", cmd);
	return system(full);
}

static char *slurp(const char *name)
{
	static char buf[4096];
	char path[128];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "/tmp/molvm-nwrom-t/%s", name);
	f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = 0;
	fclose(f);
	return buf;
}

START_TEST(rom_boot_tree)
{
	static uint8_t rom[ROM_LEN];
	char cmd[1024];
	/* an absolute path (the commands run elsewhere), after qemu-user
	 * when cross-built */
	const char *molvm = getenv("MOLVM");
	FILE *f;

	ck_assert_ptr_nonnull(molvm);
	ck_assert_int_eq(strrchr(molvm, ' ') ? strrchr(molvm, ' ')[1] : molvm[0], '/');
	ck_assert_int_eq(system("rm -rf /tmp/molvm-nwrom-t && mkdir -p /tmp/molvm-nwrom-t/drv"), 0);
	make_rom(rom);
	f = fopen("/tmp/molvm-nwrom-t/rom", "wb");
	ck_assert_uint_eq(fwrite(rom, 1, sizeof(rom), f), sizeof(rom));
	fclose(f);
	/* stand-ins for MOL's drivers: PEF headers and a name */
	ck_assert_int_eq(sh("for d in video blk enet misc; do printf 'Joy!peffpwpc%s\\000' $d "
			    ">drv/$d.nw; done"), 0);
	snprintf(cmd, sizeof(cmd), "%s -M powermac -m 64 -rom rom -mol-drivers drv "
		 "-netdev tap,ifname=x0 -drive file=a.img -drive file=b.img --dump-dtb t.dtb && "
		 "fdtget -t s t.dtb /chosen bootpath && "
		 "for n in MacOnLinuxVideo@4 mol-blk@3 mol-enet-0@1 mol-mouse@8; do "
		 "fdtget -t s t.dtb /pci@80000000/pci-bridge@d/$n driver,AAPL,MacOS,PowerPC; done",
		 molvm);
	ck_assert_int_eq(sh(cmd), 0);
	/* the first disk has the boot hint; the drivers where MOL put them */
	ck_assert_str_eq(slurp("out.txt"), "/pci@80000000/pci-bridge@d/mol-blk@3/disk@0:0,\\\\:tbxi\n"
			 "Joy!peffpwpcvideo\nJoy!peffpwpcblk\nJoy!peffpwpcenet\nJoy!peffpwpcmisc\n");
	ck_assert_ptr_nonnull(strstr(slurp("err.txt"), "neither of MOL's ROM patches"));
	/* the ROM found on a blessed HFS CD-ROM, second unit, -boot d */
	ck_assert_int_eq(sh("dd if=/dev/zero of=cd.img bs=1M count=4 && hformat cd.img && "
			    "hmkdir ':System Folder' && hcopy -r rom ':System Folder:Mac OS ROM' && "
			    "hattrib -t tbxi -c chrp ':System Folder:Mac OS ROM' && "
			    "hattrib -b ':System Folder' && humount && dd if=/dev/zero of=hd.img "
			    "bs=1k count=64"), 0);
	snprintf(cmd, sizeof(cmd), "%s -M powermac -m 64 -drive file=hd.img -cdrom cd.img "
		 "-boot d --dump-dtb t.dtb && fdtget -t s t.dtb /chosen bootpath && "
		 "fdtget -t x t.dtb /rom@ff800000/macos AAPL,toolbox-image,lzss", molvm);
	ck_assert_int_eq(sh(cmd), 0);
	ck_assert_str_eq(slurp("out.txt"), "/pci@80000000/pci-bridge@d/mol-blk@3/disk@1:0,"
			 "\\\\:tbxi\n1100000 1000\n");
	ck_assert_ptr_nonnull(strstr(slurp("err.txt"), "found on cd.img (HFS, partition 0)"));
	/* no ROM anywhere: one line, exit 1 */
	snprintf(cmd, sizeof(cmd), "%s -M powermac -m 64 -drive file=hd.img", molvm);
	ck_assert_int_ne(sh(cmd), 0);
	ck_assert_ptr_nonnull(strstr(slurp("err.txt"), "no Mac OS ROM to boot"));
	ck_assert_ptr_null(strchr(strchr(slurp("err.txt"), '\n') + 1, '\n'));
	/* a driver that is no driver: one line, exit 1 */
	snprintf(cmd, sizeof(cmd), "echo hello >drv/blk.nw && %s -M powermac -m 64 -rom rom "
		 "-mol-drivers drv --dump-dtb t.dtb", molvm);
	ck_assert_int_ne(sh(cmd), 0);
	ck_assert_ptr_nonnull(strstr(slurp("err.txt"), "blk.nw: not a Mac OS driver"));
	ck_assert_int_eq(system("rm -rf /tmp/molvm-nwrom-t"), 0);
}
END_TEST

Suite *nwrom_suite(void)
{
	Suite *s = suite_create("nwrom");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, loads_a_synthetic_rom);
	tcase_add_test(tc, rejects_bad_roms);
	tcase_add_test(tc, patches_by_mols_patterns);
	tcase_add_test(tc, patch_leaves_other_code_alone);
	tcase_add_test(tc, load_patches_the_code_segment);
	tcase_add_test(tc, rom_boot_tree);
	suite_add_tcase(s, tc);
	return s;
}
