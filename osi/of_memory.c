// SPDX-License-Identifier: GPL-2.0
/*
 * Memory for Open Firmware clients: the claim/release services and the
 * methods of the /memory and mmu instances (IEEE 1275 6.3.2.6 and the
 * PowerPC binding's mmu node; MOL's OpenBIOS arch/ppc/mol/methods.c).
 *
 * Two ledgers, as OpenBIOS's ofmem keeps: physical RAM and virtual
 * address space.  At entry both hold what is in use (the images, the
 * firmware, its HTAB; the I/O ranges it maps, on the virtual side).  The
 * client interface's claim takes the same range in both and makes sure it
 * is mapped 1:1; /memory's claim takes RAM only, the mmu's claim address
 * space only, and the mmu's map/unmap/translate work on the client's
 * hashed page table, with the segment registers it has now.  Claims are
 * kept in 4 KiB pages.  Every range is checked: RAM claims stay in RAM,
 * nothing wraps past 4 GiB, alignments are powers of two.
 */
#include <libfdt.h>
#include <string.h>

#include "../vmm/powermac_boot.h"
#include "../vmm/ppc32_mmu.h"
#include "../vmm/vm.h"
#include "of_fw.h"
#include "osi_devices.h"

#define PAGE		((uint64_t)PPC32_PAGE)
#define SPACE		0x100000000ull		/* 4 GiB of address space */
/* map and unmap cover up to all 4 GiB in one call (a million pages, each
 * a page-table search) on the client's vCPU thread: they look at the VM's
 * stop every STOP_PAGES pages, so molvm's exit does not wait for the rest. */
#define STOP_PAGES	256
#define STOP_CHECK(c, i)	((i) % STOP_PAGES == 0 && vm_stopping((c)->vm))
#define VIRT_ALLOC_TOP	0x80000000ull		/* OpenBIOS ofmem_arch_get_virt_top */
#define AVAIL_CELLS	(2 * RANGE_SET_MAX + 2)

struct span {
	uint64_t base, end;			/* page-rounded [base, end) */
};

/* [addr, addr + size) in pages; false if empty or past 4 GiB */
static bool span_of(uint32_t addr, uint32_t size, struct span *s)
{
	uint64_t end = (uint64_t)addr + size;

	if (!size || end > SPACE)
		return false;
	s->base = addr & ~(PAGE - 1);
	s->end = (end + PAGE - 1) & ~(PAGE - 1);
	return true;
}

/* align: 0 = exactly at addr; otherwise a power of two, at least a page */
static bool align_ok(uint32_t *align)
{
	if (*align & (*align - 1))
		return false;
	if (*align && *align < PAGE)
		*align = (uint32_t)PAGE;
	return true;
}

void of_update_available(struct of_call *c)
{
	uint32_t cells[AVAIL_CELLS];
	int off = fdt_path_offset(c->prom.fdt, "/memory"), i, n;

	if (off < 0)
		return;
	n = pmac_available_cells(&c->fw->phys, c->fw->ram, cells, AVAIL_CELLS);
	for (i = 0; i < n; i++)
		cells[i] = cpu_to_fdt32(cells[i]);
	/* a full tree keeps the old list; the claims themselves stand */
	fdt_setprop(c->prom.fdt, off, "available", cells, (int)(sizeof(cells[0]) * (size_t)n));
}

/* Make [s) translate 1:1 with RAM attributes where it does not yet (the
 * firmware's own table only: an OF client's, never an ELF-boot guest's). */
static void map_1to1(struct of_call *c, const struct span *s)
{
	uint64_t a;

	if (!c->mmu || !c->fw->maps)
		return;
	for (a = s->base; a < s->end; a += PAGE) {
		uint32_t pa, mode;

		if (ppc32_lookup(&c->vm->mem, c->mmu, (uint32_t)a, &pa, &mode) == PPC32_OK &&
		    pa == a)
			continue;
		if (ppc32_htab_map(&c->vm->mem, c->mmu, (uint32_t)a, (uint32_t)a,
				   PMAC_OF_MODE_RAM) == 1)
			c->flush = true;
	}
}

/*
 * Take [addr, addr + size) (align 0) or an aligned free range of size
 * bytes from the ledgers named (phys, virt; RAM only when phys): its base,
 * or -1.
 */
static uint32_t take(struct of_call *c, uint32_t addr, uint32_t size, uint32_t align,
		     bool phys, bool virt)
{
	struct of_fw *fw = c->fw;
	uint64_t top = phys ? fw->ram : (virt ? VIRT_ALLOC_TOP : SPACE), base;
	struct range_set both;
	struct span s;
	int i;

	if (!align_ok(&align))
		return OF_ERR;
	if (!align) {
		if (!span_of(addr, size, &s) || (phys && s.end > fw->ram) ||
		    (phys && range_set_overlaps(&fw->phys, s.base, s.end - s.base)) ||
		    (virt && range_set_overlaps(&fw->virt, s.base, s.end - s.base)))
			return OF_ERR;
		base = addr;
	} else {
		/* a range free in every ledger involved */
		both = phys ? fw->phys : fw->virt;
		for (i = 0; phys && virt && i < fw->virt.n; i++)
			if (range_set_add(&both, fw->virt.r[i].base,
					  fw->virt.r[i].end - fw->virt.r[i].base))
				return OF_ERR;
		if (!span_of(0, size, &s) ||
		    !range_set_find_free(&both, 0, top, s.end, align, &base))
			return OF_ERR;
		s.base = base;
		s.end += base;
	}
	if (phys && range_set_add(&fw->phys, s.base, s.end - s.base))
		return OF_ERR;
	if (virt && range_set_add(&fw->virt, s.base, s.end - s.base)) {
		if (phys)
			range_set_remove(&fw->phys, s.base, s.end - s.base);
		return OF_ERR;
	}
	if (phys && virt)
		map_1to1(c, &s);
	if (phys)
		of_update_available(c);
	return (uint32_t)base;
}

static void give_back(struct of_call *c, uint32_t addr, uint32_t size, bool phys, bool virt)
{
	struct span s;

	if (!span_of(addr, size, &s))
		return;
	if (phys) {
		range_set_remove(&c->fw->phys, s.base, s.end - s.base);
		of_update_available(c);
	}
	if (virt)
		range_set_remove(&c->fw->virt, s.base, s.end - s.base);
}

/* claim ( virt size align -- baseaddr ): RAM and address space, 1:1 */
void of_svc_claim(struct of_call *c)
{
	c->r[0] = take(c, c->a[0], c->a[1], c->a[2], true, true);
}

/* release ( virt size -- ) */
void of_svc_release(struct of_call *c)
{
	give_back(c, c->a[0], c->a[1], true, true);
}

/* claim ( [addr] size align -- base ): the address only when align is 0 */
static uint32_t claim_method(struct of_call *c, const uint32_t *sa, uint32_t nsa, uint32_t *sr,
			     bool phys)
{
	if (!sa[0] && nsa < 3)
		return OF_THROW;
	sr[0] = take(c, sa[0] ? 0 : sa[2], sa[1], sa[0], phys, !phys);
	return sr[0] == OF_ERR ? OF_THROW : 0;
}

static uint32_t m_mem_claim(struct of_call *c, struct of_instance *in, const uint32_t *sa,
			    uint32_t nsa, uint32_t *sr)
{
	(void)in;
	return claim_method(c, sa, nsa, sr, true);
}

static uint32_t m_mmu_claim(struct of_call *c, struct of_instance *in, const uint32_t *sa,
			    uint32_t nsa, uint32_t *sr)
{
	(void)in;
	return claim_method(c, sa, nsa, sr, false);
}

/* release ( addr size -- ) */
static uint32_t m_mem_release(struct of_call *c, struct of_instance *in, const uint32_t *sa,
			      uint32_t nsa, uint32_t *sr)
{
	(void)in, (void)nsa, (void)sr;
	give_back(c, sa[1], sa[0], true, false);
	return 0;
}

static uint32_t m_mmu_release(struct of_call *c, struct of_instance *in, const uint32_t *sa,
			      uint32_t nsa, uint32_t *sr)
{
	(void)in, (void)nsa, (void)sr;
	give_back(c, sa[1], sa[0], false, true);
	return 0;
}

/* map ( phys virt size mode -- ): mode -1 is OpenBIOS's default, RAM-like
 * below 0x80000000 and from 0xffc00000 (the ROM), I/O-like between */
static uint32_t m_map(struct of_call *c, struct of_instance *in, const uint32_t *sa,
		      uint32_t nsa, uint32_t *sr)
{
	uint32_t mode = sa[0], virt = sa[2], phys = sa[3];
	struct span s;
	uint64_t a;

	(void)in, (void)nsa, (void)sr;
	if (!c->mmu || (virt ^ phys) & (PAGE - 1) || !span_of(virt, sa[1], &s) ||
	    (uint64_t)(phys & ~(PAGE - 1)) + (s.end - s.base) > SPACE)
		return OF_THROW;
	if (mode == (uint32_t)-1)
		mode = phys < 0x80000000u || phys >= 0xffc00000u ? PMAC_OF_MODE_RAM :
								  PMAC_OF_MODE_IO;
	phys &= ~(uint32_t)(PAGE - 1);
	for (a = s.base; a < s.end; a += PAGE) {
		int r;

		if (STOP_CHECK(c, (a - s.base) / PAGE))
			return OF_THROW;
		r = ppc32_htab_map(&c->vm->mem, c->mmu, (uint32_t)a,
				   phys + (uint32_t)(a - s.base), mode & PPC32_MODE);
		if (r < 0)
			return OF_THROW;
		if (r == 1)
			c->flush = true;
	}
	return 0;
}

/* unmap ( virt size -- ) */
static uint32_t m_unmap(struct of_call *c, struct of_instance *in, const uint32_t *sa,
			uint32_t nsa, uint32_t *sr)
{
	struct span s;
	uint64_t a;

	(void)in, (void)nsa, (void)sr;
	if (!c->mmu || !span_of(sa[1], sa[0], &s))
		return OF_THROW;
	for (a = s.base; a < s.end; a += PAGE) {
		int r;

		if (STOP_CHECK(c, (a - s.base) / PAGE))
			return OF_THROW;
		r = ppc32_htab_unmap(&c->vm->mem, c->mmu, (uint32_t)a);
		if (r < 0)
			return OF_THROW;
		if (r == 1)
			c->flush = true;
	}
	return 0;
}

/* translate ( virt -- false | phys mode true ) */
static uint32_t m_translate(struct of_call *c, struct of_instance *in, const uint32_t *sa,
			    uint32_t nsa, uint32_t *sr)
{
	uint32_t pa, mode;

	(void)in, (void)nsa;
	if (!c->mmu || ppc32_lookup(&c->vm->mem, c->mmu, sa[0], &pa, &mode) != PPC32_OK) {
		sr[0] = 0;
		return 0;
	}
	sr[0] = OF_TRUE;
	sr[1] = mode;
	sr[2] = pa;
	return 0;
}

const struct of_method of_memory_methods[] = {
	{ "claim", 2, m_mem_claim },
	{ "release", 2, m_mem_release },
	{ NULL, 0, NULL },
};

const struct of_method of_mmu_methods[] = {
	{ "claim", 2, m_mmu_claim },
	{ "release", 2, m_mmu_release },
	{ "map", 4, m_map },
	{ "unmap", 2, m_unmap },
	{ "translate", 1, m_translate },
	{ NULL, 0, NULL },
};
