// SPDX-License-Identifier: GPL-2.0
/* The 32-bit MMU model, the range sets, guest views, the powermac boot
 * layout and its entry state. */
#include <string.h>

#include "../../osi/of_client.h"
#include "../../osi/osi.h"
#include "../../vmm/be.h"
#include "../../vmm/guest_view.h"
#include "../../vmm/powermac_boot.h"
#include "../../vmm/powermac_cpu.h"
#include "../../vmm/powermac_platform.h"
#include "../../vmm/ppc32_mmu.h"
#include "../../vmm/range_set.h"
#include "unit.h"

#define MiB (1u << 20)

static struct guest_mem mem;

static void mem_setup(uint64_t size)
{
	ck_assert_int_eq(guest_mem_alloc(&mem, size), 0);
}

static void mem_teardown(void)
{
	guest_mem_free(&mem);
}

/* An MMU with a 64 KiB HTAB at 0x100000, SRs VSID 0x400 + n, DR on */
static void mmu_init(struct ppc32_mmu *m)
{
	int i;

	memset(m, 0, sizeof(*m));
	m->msr = PPC_MSR_DR | PPC_MSR_IR;
	m->sdr1 = ppc32_sdr1(0x100000, 0x10000);
	for (i = 0; i < 16; i++)
		m->sr[i] = PPC32_SR_KP | (0x400u + (uint32_t)i);
	memset(mem.host + 0x100000, 0, 0x10000);
}

START_TEST(htab_map_lookup_unmap)
{
	struct ppc32_mmu m;
	uint32_t pa, mode;

	mem_setup(4 * MiB);
	mmu_init(&m);
	ck_assert_uint_eq(m.sdr1, 0x100000);
	ck_assert_int_eq(ppc32_lookup(&mem, &m, 0x50001234, &pa, &mode), PPC32_NO_MAPPING);
	ck_assert_int_eq(ppc32_htab_map(&mem, &m, 0x50001000, 0x00200000, 0x12), 0);
	ck_assert_int_eq(ppc32_lookup(&mem, &m, 0x50001234, &pa, &mode), PPC32_OK);
	ck_assert_uint_eq(pa, 0x00200234);
	ck_assert_uint_eq(mode, 0x12);
	/* the PTE where the architecture says: PTEG (vsid ^ page) & 1023 */
	{
		uint32_t vsid = 0x405, hash = (vsid ^ 0x0001) & 0x3ff, w0;

		w0 = be32_load(mem.host + 0x100000 + hash * 64);
		ck_assert_uint_eq(w0, 0x80000000u | vsid << 7 | (0x50001000 >> 22 & 0x3f));
	}
	/* mapping it again changes it (1) */
	ck_assert_int_eq(ppc32_htab_map(&mem, &m, 0x50001000, 0x00300000, 0x02), 1);
	ck_assert_int_eq(ppc32_lookup(&mem, &m, 0x50001000, &pa, &mode), PPC32_OK);
	ck_assert_uint_eq(pa, 0x00300000);
	ck_assert_int_eq(ppc32_htab_unmap(&mem, &m, 0x50001000), 1);
	ck_assert_int_eq(ppc32_htab_unmap(&mem, &m, 0x50001000), 0);
	ck_assert_int_eq(ppc32_lookup(&mem, &m, 0x50001000, &pa, &mode), PPC32_NO_MAPPING);
	/* another segment's VSID is another address space */
	ck_assert_int_eq(ppc32_htab_map(&mem, &m, 0x00001000, 0x1000, 2), 0);
	ck_assert_int_eq(ppc32_lookup(&mem, &m, 0x10001000, &pa, &mode), PPC32_NO_MAPPING);
	mem_teardown();
}
END_TEST

START_TEST(htab_groups_fill)
{
	struct ppc32_mmu m;
	uint32_t pa, mode, i;

	mem_setup(4 * MiB);
	mmu_init(&m);
	/* pages 1024 apart hash to the same primary group (64 KiB table):
	 * 8 primary, 8 secondary, then no room */
	for (i = 0; i < 16; i++)
		ck_assert_int_eq(ppc32_htab_map(&mem, &m, i * 0x400000u, i * 0x1000u, 2), 0);
	ck_assert_int_eq(ppc32_htab_map(&mem, &m, 16 * 0x400000u, 0, 2), PPC32_NO_MAPPING);
	for (i = 0; i < 16; i++) {
		ck_assert_int_eq(ppc32_lookup(&mem, &m, i * 0x400000u + 8, &pa, &mode), PPC32_OK);
		ck_assert_uint_eq(pa, i * 0x1000u + 8);
	}
	/* a freed slot is used again */
	ck_assert_int_eq(ppc32_htab_unmap(&mem, &m, 3 * 0x400000u), 1);
	ck_assert_int_eq(ppc32_htab_map(&mem, &m, 16 * 0x400000u, 0x5000, 2), 0);
	mem_teardown();
}
END_TEST

START_TEST(bats_segments_protection)
{
	struct ppc32_mmu m;
	uint32_t pa, mode;

	mem_setup(4 * MiB);
	mmu_init(&m);
	/* translation off: physical */
	m.msr = 0;
	ck_assert_int_eq(ppc32_data_xlate(&mem, &m, 0x123456, true, &pa, &mode), PPC32_OK);
	ck_assert_uint_eq(pa, 0x123456);
	m.msr = PPC_MSR_DR;
	/* a DBAT: 0xc0000000, 256 MiB (BL 0x7ff), Vs, -> 0, read-only (PP 1) */
	m.dbat[1][0] = 0xc0000000 | 0x7ff << 2 | 2;
	m.dbat[1][1] = 0x00000000 | 0x10 | 1;
	ck_assert_int_eq(ppc32_data_xlate(&mem, &m, 0xc0123456, false, &pa, &mode), PPC32_OK);
	ck_assert_uint_eq(pa, 0x123456);
	ck_assert_uint_eq(mode, 0x11);
	ck_assert_int_eq(ppc32_data_xlate(&mem, &m, 0xc0123456, true, &pa, &mode),
			 PPC32_PROTECTED);
	/* only Vs: user accesses miss it */
	m.msr |= PPC_MSR_PR;
	ck_assert_int_eq(ppc32_data_xlate(&mem, &m, 0xc0123456, false, &pa, &mode),
			 PPC32_NO_MAPPING);
	m.msr &= ~PPC_MSR_PR;
	/* page PP 3 is read-only for the supervisor (key Ks = 0) */
	ck_assert_int_eq(ppc32_htab_map(&mem, &m, 0x20000000, 0x3000, 3), 0);
	ck_assert_int_eq(ppc32_data_xlate(&mem, &m, 0x20000000, false, &pa, &mode), PPC32_OK);
	ck_assert_int_eq(ppc32_data_xlate(&mem, &m, 0x20000000, true, &pa, &mode),
			 PPC32_PROTECTED);
	/* key 1 (Ks set) and PP 0: no access at all */
	m.sr[2] |= PPC32_SR_KS;
	ck_assert_int_eq(ppc32_htab_map(&mem, &m, 0x20001000, 0x3000, 0), 0);
	ck_assert_int_eq(ppc32_data_xlate(&mem, &m, 0x20001000, false, &pa, &mode),
			 PPC32_PROTECTED);
	/* a direct-store segment (T = 1) never maps */
	m.sr[5] = PPC32_SR_T;
	ck_assert_int_eq(ppc32_htab_map(&mem, &m, 0x50000000, 0, 2), PPC32_NO_MAPPING);
	ck_assert_int_eq(ppc32_data_xlate(&mem, &m, 0x50000000, false, &pa, &mode),
			 PPC32_NO_MAPPING);
	/* an HTAB outside RAM, or misaligned, is refused, not read */
	m.sdr1 = ppc32_sdr1(0x3ff0000, 0x20000);
	ck_assert_int_eq(ppc32_htab_map(&mem, &m, 0x1000, 0x1000, 2), PPC32_BAD_HTAB);
	m.sdr1 = 0xfff00000;
	ck_assert_int_eq(ppc32_lookup(&mem, &m, 0x1000, &pa, &mode), PPC32_BAD_HTAB);
	m.sdr1 = 0x100000 | 0x5;	/* HTABMASK not a run of ones */
	ck_assert_int_eq(ppc32_htab_unmap(&mem, &m, 0x1000), PPC32_BAD_HTAB);
	mem_teardown();
}
END_TEST

START_TEST(sregs_bats_come_back_swapped)
{
	struct kvm_ppc_sregs s;
	struct ppc32_mmu m;

	memset(&s, 0, sizeof(s));
	s.u.s.sdr1 = 0x00ff0000;
	s.u.s.ppc32.sr[3] = 0x20000403;
	s.u.s.ppc32.dbat[2] = ppc32_sregs_bat_get(0xf0001ffe, 0x8000002a);
	ppc32_mmu_from_sregs(&m, &s, 0x1030);
	ck_assert_uint_eq(m.msr, 0x1030);
	ck_assert_uint_eq(m.sdr1, 0x00ff0000);
	ck_assert_uint_eq(m.sr[3], 0x20000403);
	ck_assert_uint_eq(m.dbat[2][0], 0xf0001ffe);
	ck_assert_uint_eq(m.dbat[2][1], 0x8000002a);
}
END_TEST

START_TEST(range_sets)
{
	struct range_set s;
	uint64_t b;
	int i;

	range_set_init(&s);
	ck_assert_int_eq(range_set_add(&s, 0x1000, 0x1000), 0);
	ck_assert_int_eq(range_set_add(&s, 0x3000, 0x1000), 0);
	ck_assert_int_eq(s.n, 2);
	ck_assert_int_eq(range_set_add(&s, 0x2000, 0x1000), 0);	/* joins them */
	ck_assert_int_eq(s.n, 1);
	ck_assert_uint_eq(s.r[0].base, 0x1000);
	ck_assert_uint_eq(s.r[0].end, 0x4000);
	ck_assert(range_set_overlaps(&s, 0x3fff, 1));
	ck_assert(!range_set_overlaps(&s, 0x4000, 0x1000));
	ck_assert(!range_set_overlaps(&s, 0x2000, 0));
	ck_assert_int_eq(range_set_remove(&s, 0x2000, 0x1000), 0);	/* splits */
	ck_assert_int_eq(s.n, 2);
	ck_assert(!range_set_overlaps(&s, 0x2000, 0x1000));
	/* the highest aligned free range below hi */
	ck_assert(range_set_find_free(&s, 0, 0x10000, 0x1000, 0x1000, &b));
	ck_assert_uint_eq(b, 0xf000);
	ck_assert(range_set_find_free(&s, 0, 0x4000, 0x1000, 0x1000, &b));
	ck_assert_uint_eq(b, 0x2000);
	ck_assert(!range_set_find_free(&s, 0x1000, 0x4000, 0x2000, 0x1000, &b));
	ck_assert(!range_set_find_free(&s, 0, 0x10000, 0x1000, 0x1800, &b));	/* not 2^n */
	/* bounded: a full set refuses a new range and stays as it was */
	range_set_init(&s);
	for (i = 0; i < RANGE_SET_MAX; i++)
		ck_assert_int_eq(range_set_add(&s, (uint64_t)i * 0x2000, 0x1000), 0);
	ck_assert_int_eq(range_set_add(&s, 0x1000000, 0x1000), -1);
	ck_assert_int_eq(range_set_remove(&s, 0x100, 0x10), -1);	/* a split */
	ck_assert_int_eq(s.n, RANGE_SET_MAX);
	ck_assert_int_eq(range_set_add(&s, 0, 0x1000000), 0);		/* merges all */
	ck_assert_int_eq(s.n, 1);
	ck_assert_int_eq(range_set_add(&s, UINT64_MAX - 10, 100), -1);	/* wraps */
}
END_TEST

START_TEST(views_through_the_mmu)
{
	struct ppc32_mmu m;
	struct guest_view v = { &mem, &m }, phys = guest_view_phys(&mem);
	char s[32];
	uint32_t x;

	mem_setup(4 * MiB);
	mmu_init(&m);
	/* two virtual pages backed by physical pages in the other order */
	ck_assert_int_eq(ppc32_htab_map(&mem, &m, 0x70000000, 0x3000, 2), 0);
	ck_assert_int_eq(ppc32_htab_map(&mem, &m, 0x70001000, 0x2000, 2), 0);
	memcpy(mem.host + 0x3ffc, "abcd", 4);	/* the last 4 bytes of page 0x3000 */
	memcpy(mem.host + 0x2000, "ef", 3);	/* the rest at the start of 0x2000 */
	ck_assert(gview_read_str(&v, 0x70000ffc, s, sizeof(s)));
	ck_assert_str_eq(s, "abcdef");
	ck_assert(gview_write_be32(&v, 0x70000ffe, 0x11223344));
	ck_assert_uint_eq(mem.host[0x3ffe], 0x11);
	ck_assert_uint_eq(mem.host[0x2001], 0x44);
	ck_assert(gview_read_be32(&v, 0x70000ffe, &x));
	ck_assert_uint_eq(x, 0x11223344);
	/* an unmapped page, a range past 4 GiB, a string without NUL */
	ck_assert(!gview_read_be32(&v, 0x70001ffe, &x));
	ck_assert(!gview_write(&v, 0xfffffffe, "abcd", 4));
	memset(mem.host + 0x2000, 'x', 0x1000);
	ck_assert(!gview_read_str(&v, 0x70001000, s, sizeof(s)));
	/* physical views check RAM */
	ck_assert(gview_read_be32(&phys, 4 * MiB - 4, &x));
	ck_assert(!gview_read_be32(&phys, 4 * MiB - 2, &x));
	/* a write to a read-only page fails and leaves it alone */
	ck_assert_int_eq(ppc32_htab_map(&mem, &m, 0x70002000, 0x4000, 3), 0);
	mem.host[0x4000] = 7;
	ck_assert(!gview_write_be32(&v, 0x70002000, 0));
	ck_assert_uint_eq(mem.host[0x4000], 7);
	mem_teardown();
}
END_TEST

START_TEST(boot_rule_and_sizes)
{
	/* -M powermac,firmware= decides; auto: -rom and vmlinux-like images */
	ck_assert(pmac_boot_of_client(PMAC_FW_OF, false, false));
	ck_assert(!pmac_boot_of_client(PMAC_FW_ELF, true, true));
	ck_assert(pmac_boot_of_client(PMAC_FW_AUTO, true, false));
	ck_assert(pmac_boot_of_client(PMAC_FW_AUTO, false, true));
	ck_assert(!pmac_boot_of_client(PMAC_FW_AUTO, false, false));
	/* RAM / 128 as a power of two, 64 KiB .. 32 MiB */
	ck_assert_uint_eq(pmac_htab_size(4 * MiB), 0x10000);
	ck_assert_uint_eq(pmac_htab_size(64 * MiB), 0x80000);
	ck_assert_uint_eq(pmac_htab_size(100 * MiB), 0x100000);
	ck_assert_uint_eq(pmac_htab_size(256 * MiB), 0x200000);
	ck_assert_uint_eq(pmac_htab_size(2048ull * MiB), 0x1000000);
}
END_TEST

START_TEST(of_layout)
{
	struct pmac_boot b;
	char err[128];

	/* 100 MiB: a 1 MiB HTAB at 99 MiB, the firmware's 64 KiB below */
	ck_assert_int_eq(pmac_boot_layout(&b, 100 * MiB, true, 0, 0x5a1234, 0x123456, 0, 0,
					  err, sizeof(err)), 0);
	ck_assert(b.of_client);
	ck_assert_uint_eq(b.htab, 99 * MiB);
	ck_assert_uint_eq(b.htab_size, MiB);
	ck_assert_uint_eq(b.fw, 99 * MiB - 0x10000);
	ck_assert_uint_eq(b.ci_entry, b.fw);
	ck_assert_uint_eq(b.stack, 99 * MiB - 32);
	/* the initrd 1 MiB-aligned above the image and 16 KiB of slack */
	ck_assert_uint_eq(b.initrd, 6 * MiB);
	ck_assert_uint_eq(b.initrd_size, 0x123456);
	/* claimed: image (pages), initrd, firmware + HTAB */
	ck_assert_int_eq(b.phys.n, 3);
	ck_assert_uint_eq(b.phys.r[0].end, 0x5a2000);
	ck_assert_uint_eq(b.phys.r[1].end, 6 * MiB + 0x124000);
	ck_assert_uint_eq(b.phys.r[2].base, b.fw);
	ck_assert_uint_eq(b.phys.r[2].end, 100 * MiB);
	/* and the I/O the firmware maps, on the virtual side */
	ck_assert(range_set_overlaps(&b.virt, PMAC_MACIO_BASE, 1));
	ck_assert(range_set_overlaps(&b.virt, PMAC_FB_BASE + PMAC_FB_SIZE - 1, 1));
	ck_assert(!range_set_overlaps(&b.phys, PMAC_MACIO_BASE, 1));
	/* what does not fit says so */
	ck_assert_int_eq(pmac_boot_layout(&b, 16 * MiB, true, 0, 16 * MiB - 0x8000, 0, 0, 0, err,
					  sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "firmware"));
	ck_assert_int_eq(pmac_boot_layout(&b, 16 * MiB, true, 0, 0x100000, 15 * MiB, 0, 0, err,
					  sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "-initrd"));
	ck_assert_int_eq(pmac_boot_layout(&b, 16 * MiB, false, 0x10000, 0x20000, 0x1000, 0, 0,
					  err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "firmware=of"));
	ck_assert_int_eq(pmac_boot_layout(&b, 4096ull * MiB, true, 0, 0, 0, 0, 0, err,
					  sizeof(err)), -1);
	/* MOL's ELF boot: the 64 KiB HTAB at the top, r1 below it */
	ck_assert_int_eq(pmac_boot_layout(&b, 64 * MiB, false, 0x10000, 0x20000, 0, 0, 0, err,
					  sizeof(err)), 0);
	ck_assert_uint_eq(b.htab, 64 * MiB - 0x10000);
	ck_assert_uint_eq(b.stack, 64 * MiB - 0x10000 - 32);
	ck_assert_uint_eq(b.fw, 0);
}
END_TEST

START_TEST(of_install_and_entry_state)
{
	struct kvm_ppc_sregs s;
	struct kvm_ppc_regs r;
	struct pmac_boot b;
	struct ppc32_mmu m;
	uint32_t stub[OF_STUB_WORDS], pa, mode, a;
	char err[128];
	int i;

	mem_setup(32 * MiB);
	memset(mem.host, 0x5a, 32 * MiB);	/* the table is cleared first */
	ck_assert_int_eq(pmac_boot_layout(&b, 32 * MiB, true, 0, 0x200000, 0x10000, 0, 0, err,
					  sizeof(err)), 0);
	ck_assert_int_eq(pmac_boot_install(&mem, &b), 0);
	pmac_boot_mmu(&b, &m);
	/* every page of RAM is mapped 1:1 (mode 0x02), the I/O 1:1 (0x6a) */
	for (a = 0; a < 32 * MiB; a += 0x1000) {
		ck_assert_int_eq(ppc32_lookup(&mem, &m, a + 0x10, &pa, &mode), PPC32_OK);
		ck_assert_uint_eq(pa, a + 0x10);
		ck_assert_uint_eq(mode, PMAC_OF_MODE_RAM);
	}
	ck_assert_int_eq(ppc32_lookup(&mem, &m, 0x80816c00, &pa, &mode), PPC32_OK);
	ck_assert_uint_eq(pa, 0x80816c00);
	ck_assert_uint_eq(mode, PMAC_OF_MODE_IO);
	ck_assert_int_eq(ppc32_lookup(&mem, &m, PMAC_GRACKLE_CFG_DATA, &pa, &mode), PPC32_OK);
	ck_assert_int_eq(ppc32_lookup(&mem, &m, 0x90000000, &pa, &mode), PPC32_NO_MAPPING);
	/* the client-interface stub: OSI OF_INTERFACE with r6 = r3 */
	of_osi_stub(OSI_OF_INTERFACE, stub);
	ck_assert_uint_eq(stub[0], 0x7c661b78);		/* mr r6,r3 */
	ck_assert_uint_eq(stub[1], 0x3c601137);		/* lis r3,0x1137 */
	ck_assert_uint_eq(stub[2], 0x606324fa);
	ck_assert_uint_eq(stub[3], 0x3c807781);
	ck_assert_uint_eq(stub[4], 0x60840f9b);
	ck_assert_uint_eq(stub[5], 0x38a00014);		/* li r5,20 */
	ck_assert_uint_eq(stub[6], 0x44000002);		/* sc */
	ck_assert_uint_eq(stub[7], 0x4e800020);		/* blr */
	for (i = 0; i < OF_STUB_WORDS; i++)
		ck_assert_uint_eq(be32_load(mem.host + b.ci_entry + 4 * i), stub[i]);
	/* the registers: MOL's OpenBIOS call_elf and setup_mmu */
	memset(&s, 0xff, sizeof(s));
	memset(&r, 0xff, sizeof(r));
	powermac_cpu_state_of(&b, &s, &r);
	ck_assert_uint_eq(r.msr, 0x2000 | 0x1000 | 0x20 | 0x10);
	ck_assert_uint_eq(r.gpr[1], b.stack);
	ck_assert_uint_eq(r.gpr[3], b.initrd);
	ck_assert_uint_eq(r.gpr[4], 0x10000);
	ck_assert_uint_eq(r.gpr[5], b.ci_entry);
	ck_assert_uint_eq(r.gpr[6], 0);
	ck_assert_uint_eq(r.gpr[31], 0);
	ck_assert_uint_eq(s.u.s.sdr1, b.htab | ((b.htab_size >> 16) - 1));
	for (i = 0; i < 16; i++)
		ck_assert_uint_eq(s.u.s.ppc32.sr[i], 0x20000400u + (uint32_t)i);
	for (i = 0; i < 8; i++) {
		ck_assert_uint_eq(s.u.s.ppc32.ibat[i], 0);
		ck_assert_uint_eq(s.u.s.ppc32.dbat[i], 0);
	}
	mem_teardown();
}
END_TEST

/* /memory "available": the gaps between claims, inside RAM */
START_TEST(available_cells)
{
	struct range_set s;
	uint32_t c[8];

	range_set_init(&s);
	ck_assert_int_eq(pmac_available_cells(&s, 0x100000, c, 8), 2);
	ck_assert_uint_eq(c[1], 0x100000);
	range_set_add(&s, 0, 0x1000);
	range_set_add(&s, 0x8000, 0x1000);
	range_set_add(&s, 0xf0000, 0x10000);
	ck_assert_int_eq(pmac_available_cells(&s, 0x100000, c, 8), 4);
	ck_assert_uint_eq(c[0], 0x1000);
	ck_assert_uint_eq(c[1], 0x7000);
	ck_assert_uint_eq(c[2], 0x9000);
	ck_assert_uint_eq(c[3], 0xe7000);
	ck_assert_int_eq(pmac_available_cells(&s, 0x100000, c, 2), 2);	/* bounded */
}
END_TEST

Suite *ppc32_mmu_suite(void)
{
	Suite *s = suite_create("ppc32_mmu");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, htab_map_lookup_unmap);
	tcase_add_test(tc, htab_groups_fill);
	tcase_add_test(tc, bats_segments_protection);
	tcase_add_test(tc, sregs_bats_come_back_swapped);
	tcase_add_test(tc, range_sets);
	tcase_add_test(tc, views_through_the_mmu);
	tcase_add_test(tc, boot_rule_and_sizes);
	tcase_add_test(tc, of_layout);
	tcase_add_test(tc, of_install_and_entry_state);
	tcase_add_test(tc, available_cells);
	suite_add_tcase(s, tc);
	return s;
}
