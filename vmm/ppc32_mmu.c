// SPDX-License-Identifier: GPL-2.0
/*
 * The 32-bit PowerPC MMU model (see ppc32_mmu.h).  Formats, from the
 * PowerPC Operating Environment Architecture (and book3s_32_mmu.c):
 *
 *   BAT upper: BEPI[0:14] BL[19:29] Vs Vp    lower: BRPN[0:14] WIMG PP
 *   SR:        T Ks Kp N VSID[8:31]
 *   SDR1:      HTABORG[0:15] HTABMASK[23:31]; the table is 64 KiB << n
 *   PTE w0:    V VSID[1:24] H API[26:31]     w1: RPN[0:19] R C WIMG PP
 *   hash:      primary = VSID[5:23] ^ page index, secondary = ~primary;
 *              PTEG = HTABORG | (hash & (HTABMASK << 10 | 0x3ff)) << 6
 */
#include "ppc32_mmu.h"

#define BAT_BEPI	0xfffe0000u
#define BAT_BL(u)	(((u) >> 2) & 0x7ffu)
#define BAT_VS		0x2u
#define BAT_VP		0x1u
#define PTE_V		0x80000000u
#define PTE_H		0x40u
#define PTE_RPN		0xfffff000u
#define PTEG_SIZE	64
#define PTEG_SLOTS	8

void ppc32_mmu_from_sregs(struct ppc32_mmu *m, const struct kvm_ppc_sregs *s, uint32_t msr)
{
	int i;

	m->msr = msr;
	m->sdr1 = (uint32_t)s->u.s.sdr1;
	for (i = 0; i < 16; i++)
		m->sr[i] = s->u.s.ppc32.sr[i];
	for (i = 0; i < 8; i++) {
		/* KVM_GET_SREGS: lower << 32 | upper */
		m->ibat[i][0] = (uint32_t)s->u.s.ppc32.ibat[i];
		m->ibat[i][1] = (uint32_t)(s->u.s.ppc32.ibat[i] >> 32);
		m->dbat[i][0] = (uint32_t)s->u.s.ppc32.dbat[i];
		m->dbat[i][1] = (uint32_t)(s->u.s.ppc32.dbat[i] >> 32);
	}
}

uint32_t ppc32_sdr1(uint32_t base, uint32_t size)
{
	return base | ((size >> 16) - 1);
}

/* PP bits and key -> may read / may write */
static bool pp_allows(uint32_t pp, bool key, bool write)
{
	if (!key)
		return !write || pp != 3;
	if (pp == 0)
		return false;
	return !write || pp == 2;
}

static bool bat_match(const uint32_t bat[2], uint32_t msr, uint32_t ea, uint32_t *pa,
		      uint32_t *mode)
{
	uint32_t mask = BAT_BL(bat[0]) << 17;

	if (!(bat[0] & ((msr & PPC_MSR_PR) ? BAT_VP : BAT_VS)))
		return false;
	if ((ea & BAT_BEPI & ~mask) != (bat[0] & BAT_BEPI & ~mask))
		return false;
	*pa = (bat[1] & BAT_BEPI & ~mask) | (ea & (mask | 0x1ffffu));
	*mode = bat[1] & PPC32_MODE;
	return true;
}

struct htab {
	uint64_t base;
	uint32_t mask;			/* PTEG index mask */
};

static bool htab_of(const struct guest_mem *mem, const struct ppc32_mmu *m, struct htab *h)
{
	uint32_t htabmask = m->sdr1 & 0x1ffu;
	uint64_t size = (uint64_t)(htabmask + 1) << 16;

	/* HTABMASK must be a contiguous run of low ones */
	if (htabmask & (htabmask + 1))
		return false;
	h->base = m->sdr1 & 0xffff0000u;
	h->mask = (uint32_t)(size / PTEG_SIZE) - 1;
	return (h->base & (size - 1)) == 0 && guest_range_ok(mem, h->base, size);
}

static uint64_t pteg_addr(const struct htab *h, uint32_t vsid, uint32_t ea, bool secondary)
{
	uint32_t hash = ((vsid & 0x7ffffu) ^ ((ea >> 12) & 0xffffu));

	if (secondary)
		hash = ~hash;
	return h->base + (uint64_t)(hash & h->mask) * PTEG_SIZE;
}

static uint32_t pte_w0(uint32_t vsid, uint32_t ea, bool secondary)
{
	return PTE_V | (vsid & PPC32_SR_VSID) << 7 | (secondary ? PTE_H : 0) |
	       ((ea >> 22) & 0x3fu);
}

/* The guest address of ea's PTE, in the primary or the secondary group. */
static bool pte_find(const struct guest_mem *mem, const struct htab *h, uint32_t vsid,
		     uint32_t ea, uint64_t *addr)
{
	int sec, i;

	for (sec = 0; sec < 2; sec++) {
		uint64_t pteg = pteg_addr(h, vsid, ea, sec);
		uint32_t want = pte_w0(vsid, ea, sec), w0;

		for (i = 0; i < PTEG_SLOTS; i++) {
			if (guest_read_be32(mem, pteg + 8 * i, &w0) && w0 == want) {
				*addr = pteg + 8 * i;
				return true;
			}
		}
	}
	return false;
}

static enum ppc32_xlate page_lookup(const struct guest_mem *mem, const struct ppc32_mmu *m,
				    uint32_t ea, uint32_t *pa, uint32_t *mode, uint32_t *sr)
{
	struct htab h;
	uint64_t pte;
	uint32_t w1;

	*sr = m->sr[ea >> 28];
	if (*sr & PPC32_SR_T)
		return PPC32_NO_MAPPING;	/* direct-store: no page translation */
	if (!htab_of(mem, m, &h))
		return PPC32_BAD_HTAB;
	if (!pte_find(mem, &h, *sr & PPC32_SR_VSID, ea, &pte) ||
	    !guest_read_be32(mem, pte + 4, &w1))
		return PPC32_NO_MAPPING;
	*pa = (w1 & PTE_RPN) | (ea & (PPC32_PAGE - 1));
	*mode = w1 & PPC32_MODE;
	return PPC32_OK;
}

enum ppc32_xlate ppc32_lookup(const struct guest_mem *mem, const struct ppc32_mmu *m,
			      uint32_t ea, uint32_t *pa, uint32_t *mode)
{
	uint32_t sr;
	int i;

	for (i = 0; i < 8; i++)
		if (bat_match(m->dbat[i], m->msr, ea, pa, mode))
			return PPC32_OK;
	return page_lookup(mem, m, ea, pa, mode, &sr);
}

enum ppc32_xlate ppc32_data_xlate(const struct guest_mem *mem, const struct ppc32_mmu *m,
				  uint32_t ea, bool write, uint32_t *pa, uint32_t *mode)
{
	enum ppc32_xlate r;
	uint32_t md, sr;
	int i;

	if (!mode)
		mode = &md;
	if (!(m->msr & PPC_MSR_DR)) {
		*pa = ea;
		*mode = 0;
		return PPC32_OK;
	}
	for (i = 0; i < 8; i++) {
		if (!bat_match(m->dbat[i], m->msr, ea, pa, mode))
			continue;
		/* BAT PP: 00 none, x1 read-only, 10 read/write */
		if ((*mode & PPC32_PP) == 0 || (write && (*mode & PPC32_PP) != 2))
			return PPC32_PROTECTED;
		return PPC32_OK;
	}
	r = page_lookup(mem, m, ea, pa, mode, &sr);
	if (r != PPC32_OK)
		return r;
	if (!pp_allows(*mode & PPC32_PP, sr & ((m->msr & PPC_MSR_PR) ? PPC32_SR_KP : PPC32_SR_KS),
		       write))
		return PPC32_PROTECTED;
	return PPC32_OK;
}

int ppc32_htab_map(const struct guest_mem *mem, const struct ppc32_mmu *m, uint32_t ea,
		   uint32_t pa, uint32_t mode)
{
	uint32_t sr = m->sr[ea >> 28], vsid = sr & PPC32_SR_VSID, w0, w1;
	struct htab h;
	uint64_t pte;
	int sec, i;

	if (sr & PPC32_SR_T)
		return PPC32_NO_MAPPING;
	if (!htab_of(mem, m, &h))
		return PPC32_BAD_HTAB;
	w1 = (pa & PTE_RPN) | (mode & PPC32_MODE);
	if (pte_find(mem, &h, vsid, ea, &pte))
		return guest_write_be32(mem, pte + 4, w1) ? 1 : PPC32_BAD_HTAB;
	for (sec = 0; sec < 2; sec++) {
		uint64_t pteg = pteg_addr(&h, vsid, ea, sec);

		for (i = 0; i < PTEG_SLOTS; i++) {
			if (!guest_read_be32(mem, pteg + 8 * i, &w0))
				return PPC32_BAD_HTAB;
			if (w0 & PTE_V)
				continue;
			/* the second word first: a valid PTE is never half written */
			if (!guest_write_be32(mem, pteg + 8 * i + 4, w1) ||
			    !guest_write_be32(mem, pteg + 8 * i, pte_w0(vsid, ea, sec)))
				return PPC32_BAD_HTAB;
			return 0;
		}
	}
	return PPC32_NO_MAPPING;
}

int ppc32_htab_unmap(const struct guest_mem *mem, const struct ppc32_mmu *m, uint32_t ea)
{
	uint32_t sr = m->sr[ea >> 28];
	struct htab h;
	uint64_t pte;

	if (sr & PPC32_SR_T)
		return 0;
	if (!htab_of(mem, m, &h))
		return PPC32_BAD_HTAB;
	if (!pte_find(mem, &h, sr & PPC32_SR_VSID, ea, &pte))
		return 0;
	return guest_write_be32(mem, pte, 0) ? 1 : PPC32_BAD_HTAB;
}
