// SPDX-License-Identifier: GPL-2.0
/* The powermac entry: which kind, and the firmware's RAM (powermac_boot.h). */
#include "powermac_boot.h"

#include <stdio.h>
#include <string.h>

#include "../osi/of_client.h"
#include "../osi/osi.h"
#include "powermac_platform.h"

#define MiB		(1u << 20)
#define ALIGN_UP(x, a)	(((x) + (a) - 1) & ~(uint64_t)((a) - 1))

/* What OpenBIOS's page-fault handler mapped 1:1 with I/O attributes and
 * molvm maps up front: the devices a client may touch with translation
 * on before it maps them itself (the Mac OS ROM reads the VIA at
 * 0x80816c00 so: OpenBIOS ofmem.c ea_to_phys lets exactly that address
 * pass silently). */
static const struct { uint32_t base, size; } io_windows[] = {
	{ PMAC_MACIO_BASE, PMAC_MACIO_SIZE },
	{ PMAC_FB_BASE, PMAC_FB_SIZE },
	{ PMAC_GRACKLE_CFG_ADDR, PPC32_PAGE },
	{ PMAC_GRACKLE_CFG_DATA, PPC32_PAGE },
};

bool pmac_boot_of_client(enum pmac_firmware fw, bool rom, bool linked_virtual)
{
	if (fw != PMAC_FW_AUTO)
		return fw == PMAC_FW_OF;
	return rom || linked_virtual;
}

uint32_t pmac_htab_size(uint64_t ram)
{
	uint32_t size = 0x10000;

	while (size < (32u << 20) && (uint64_t)size * 128 < ram)
		size <<= 1;
	return size;
}

static int fail(char *err, size_t errlen, const char *msg)
{
	snprintf(err, errlen, "%s", msg);
	return -1;
}

int pmac_boot_layout(struct pmac_boot *b, uint64_t ram, bool of_client, uint64_t img_lo,
		     uint64_t img_hi, uint64_t initrd_size, uint32_t extra, uint32_t extra_size,
		     char *err, size_t errlen)
{
	uint64_t top, lo = img_lo & ~(uint64_t)(PPC32_PAGE - 1), hi = ALIGN_UP(img_hi, PPC32_PAGE);
	size_t i;
	int r = 0;

	memset(b, 0, sizeof(*b));
	range_set_init(&b->phys);
	range_set_init(&b->virt);
	b->of_client = of_client;
	b->ram = ram;
	if (ram > 0x80000000u || ram < MiB)
		return fail(err, errlen, "powermac RAM must be 1 MiB .. 2 GiB");
	b->htab_size = of_client ? pmac_htab_size(ram) : PMAC_ELF_HTAB_SIZE;
	b->htab = (uint32_t)((ram - b->htab_size) & ~(uint64_t)(b->htab_size - 1));
	top = b->htab;
	if (of_client) {
		b->fw = b->htab - PMAC_OF_FW_SIZE;
		b->ci_entry = b->fw;
		b->stack = b->fw + PMAC_OF_FW_SIZE - PMAC_OF_STACK_GAP;
		top = b->fw;
		if (initrd_size) {
			uint64_t at = ALIGN_UP(hi + 0x4000, MiB);

			if (initrd_size > top || at > top - initrd_size)
				return fail(err, errlen, "-initrd does not fit in RAM above the image");
			b->initrd = (uint32_t)at;
			b->initrd_size = (uint32_t)initrd_size;
		}
	} else {
		b->stack = b->htab - PMAC_OF_STACK_GAP;	/* MOL: RAM - 64 KiB - 32 */
		if (initrd_size)
			return fail(err, errlen,
				    "-initrd needs the Open Firmware entry (-M powermac,firmware=of)");
	}
	if (hi > top)
		return fail(err, errlen, "the image reaches into the firmware's memory at the top of RAM; give more RAM (-m)");

	r |= range_set_add(&b->phys, lo, hi - lo);
	r |= range_set_add(&b->phys, b->initrd, ALIGN_UP(b->initrd_size, PPC32_PAGE));
	r |= range_set_add(&b->phys, extra, ALIGN_UP(extra_size, PPC32_PAGE));
	r |= range_set_add(&b->phys, top, ram - top);
	b->virt = b->phys;
	if (of_client)
		for (i = 0; i < sizeof(io_windows) / sizeof(io_windows[0]); i++)
			r |= range_set_add(&b->virt, io_windows[i].base, io_windows[i].size);
	return r ? fail(err, errlen, "too many firmware ranges") : 0;
}

void pmac_boot_mmu(const struct pmac_boot *b, struct ppc32_mmu *m)
{
	int i;

	memset(m, 0, sizeof(*m));
	m->msr = PMAC_OF_MSR;
	m->sdr1 = ppc32_sdr1(b->htab, b->htab_size);
	for (i = 0; i < 16; i++)
		m->sr[i] = PMAC_OF_SR(i);
}

static int map_1to1(const struct guest_mem *mem, const struct ppc32_mmu *m, uint64_t base,
		    uint64_t size, uint32_t mode)
{
	uint64_t a;

	for (a = base; a < base + size; a += PPC32_PAGE)
		if (ppc32_htab_map(mem, m, (uint32_t)a, (uint32_t)a, mode) < 0)
			return -1;
	return 0;
}

int pmac_boot_install(const struct guest_mem *mem, const struct pmac_boot *b)
{
	uint32_t stub[OF_STUB_WORDS];
	struct ppc32_mmu m;
	uint8_t *htab = guest_ptr(mem, b->htab, b->htab_size);
	size_t i;

	if (!b->of_client || !htab)
		return -1;
	memset(htab, 0, b->htab_size);
	pmac_boot_mmu(b, &m);
	if (map_1to1(mem, &m, 0, b->ram, PMAC_OF_MODE_RAM))
		return -1;
	for (i = 0; i < sizeof(io_windows) / sizeof(io_windows[0]); i++)
		if (map_1to1(mem, &m, io_windows[i].base, io_windows[i].size, PMAC_OF_MODE_IO))
			return -1;
	of_osi_stub(OSI_OF_INTERFACE, stub);
	for (i = 0; i < OF_STUB_WORDS; i++)
		if (!guest_write_be32(mem, b->ci_entry + 4 * i, stub[i]))
			return -1;
	return 0;
}

int pmac_available_cells(const struct range_set *phys, uint64_t ram, uint32_t *cells, int max)
{
	uint64_t at = 0;
	int i, n = 0;

	for (i = 0; i <= phys->n && n + 2 <= max; i++) {
		uint64_t end = i < phys->n ? phys->r[i].base : ram;

		if (end > ram)
			end = ram;
		if (end > at) {
			cells[n++] = (uint32_t)at;
			cells[n++] = (uint32_t)(end - at);
		}
		if (i < phys->n && phys->r[i].end > at)
			at = phys->r[i].end;
		if (at >= ram)
			break;
	}
	return n;
}
