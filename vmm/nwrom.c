// SPDX-License-Identifier: GPL-2.0
#include "nwrom.h"

#include <string.h>

#include "be.h"
#include "log.h"
#include "loader.h"

/* The header every NewWorld "Mac OS ROM" file starts with: a CHRP boot
 * script (Open Firmware's bootinfo format, as in Apple's Mac OS ROM). */
static const char chrp_boot[] = "<CHRP-BOOT>";

/* The ELF image: MOL searched the file for its header; it is 4-byte
 * aligned, big-endian, 32-bit, PowerPC (EM_PPC = 20). */
static bool find_elf(const uint8_t *buf, size_t len, size_t *at)
{
	size_t off;

	for (off = 0; off + 52 <= len; off += 4)
		if (!memcmp(buf + off, "\177ELF\001\002", 6) && be16_load(buf + off + 18) == 20) {
			*at = off;
			return true;
		}
	return false;
}

/* MOL's patterns (openbios arch/ppc/mol/main.c), big-endian words. */
static const uint32_t add_bug[] = {
	0x7c7d1b78,	/* mr   r29,r3 */
	0x7c9c2378,	/* mr   r28,r4 */
	0x7cc33378,	/* mr   r3,r6 */
	0x7c864214,	/* add  r4,r6,r8: the bug, word 3 */
	0x80b10000,	/* lwz  r5,0(r17) */
	0x38a500e8,	/* addi r5,r5,232 */
};
#define ADD_BUG_WORD	3
#define ADDI_R4_R6_8	0x38860008u

/* Apple's decrementer calibration: counts the VIA timer while the
 * decrementer runs down 0xfffff ticks, with interrupts off. */
static const uint32_t timer_calib[] = {
	0x7d0000a6, 0x5507045e, 0x7ce00124, 0x4c00012c, 0x38e00000, 0x3c80000f, 0x6084ffff,
	0x98830c00, 0x7c0006ac, 0x98830a00, 0x7c0006ac, 0x7c9603a6, 0x4c00012c, 0x7cb602a6,
	0x2c050000, 0x4181fff8, 0x7c0004ac, 0x88830a00, 0x7c0006ac, 0x88a30800, 0x7c0006ac,
	0x88c30a00, 0x7c0006ac, 0x7c043040, 0x40a2ffe4, 0x5085442e, 0x7ca500d0, 0x54a5043e,
	0x7c053840, 0x7ca72b78, 0x4082ff9c, 0x7ca32b78, 0x7d000124, 0x4c00012c, 0x4e800020,
};

#define NWORDS(a)	(sizeof(a) / sizeof((a)[0]))

static bool match(const uint8_t *at, const uint32_t *words, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (be32_load(at + 4 * i) != words[i])
			return false;
	return true;
}

int nwrom_patch(uint8_t *code, size_t len, uint32_t tb_freq, struct nwrom_patches *p)
{
	size_t off;
	int n = 0;

	p->add_fix_at = -1;
	p->timer_fix_at = -1;
	/* VIA ticks in the time of 0xfffff timebase ticks: MOL's
	 * OSI_MticksToUsecs(0xfffff * 47) / 60 */
	p->calibration = tb_freq ? (uint32_t)(0xfffffull * 47 * 1000000 / tb_freq / 60) : 0;
	for (off = 0; off + sizeof(add_bug) <= len; off += 4) {
		if (!match(code + off, add_bug, NWORDS(add_bug)))
			continue;
		be32_store(code + off + 4 * ADD_BUG_WORD, ADDI_R4_R6_8);
		if (p->add_fix_at < 0)
			p->add_fix_at = (int64_t)(off + 4 * ADD_BUG_WORD);
		n++;
	}
	for (off = 0; tb_freq && off + sizeof(timer_calib) <= len; off += 4) {
		if (!match(code + off, timer_calib, NWORDS(timer_calib)))
			continue;
		/* li r3,calibration (lis + ori); blr */
		be32_store(code + off, 0x3c600000u | p->calibration >> 16);
		be32_store(code + off + 4, 0x60630000u | (p->calibration & 0xffff));
		be32_store(code + off + 8, 0x4e800020u);
		p->timer_fix_at = (int64_t)off;
		n++;
		break;
	}
	return n;
}

/* The PT_LOAD segment whose loaded bytes hold the entry point, as MOL
 * chose the segment to patch; false if none does. */
static bool code_segment(const uint8_t *elf, uint32_t phoff, uint32_t phentsize, uint32_t phnum,
			 uint32_t entry, uint32_t *base, uint32_t *size)
{
	uint32_t i;

	for (i = 0; i < phnum; i++) {
		const uint8_t *ph = elf + phoff + (uint64_t)i * phentsize;
		uint32_t vaddr = be32_load(ph + 8), filesz = be32_load(ph + 16);
		uint32_t memsz = be32_load(ph + 20), s = filesz < memsz ? filesz : memsz;

		if (be32_load(ph) == 1 && entry >= vaddr && entry - vaddr < s) {
			*base = be32_load(ph + 12);	/* loaded at p_paddr */
			*size = s;
			return true;
		}
	}
	return false;
}

int nwrom_load(const struct guest_mem *mem, const uint8_t *buf, size_t len, uint32_t tb_freq,
	       struct nwrom_info *info, char *err, size_t errlen)
{
	uint8_t *code;
	char why[200];
	struct load_result res;
	const uint8_t *elf;
	uint32_t phoff, phentsize, phnum, i;
	uint64_t elf_len, end = 0;
	size_t off;

	memset(info, 0, sizeof(*info));
	if (len < sizeof(chrp_boot) - 1 || memcmp(buf, chrp_boot, sizeof(chrp_boot) - 1))
		return set_err(err, errlen, "not a NewWorld Mac OS ROM (no %s header)", chrp_boot);
	if (!find_elf(buf, len, &off))
		return set_err(err, errlen, "not a NewWorld Mac OS ROM (no 32-bit PowerPC ELF image)");
	elf = buf + off;
	elf_len = len - off;
	phoff = be32_load(elf + 28);
	phentsize = be16_load(elf + 42);
	phnum = be16_load(elf + 44);
	if (phentsize < 32 || !phnum || phoff > elf_len ||
	    (uint64_t)phnum * phentsize > elf_len - phoff)
		return set_err(err, errlen, "ROM ELF image: bad program headers");
	/* The compressed toolbox follows the last segment's file data. */
	for (i = 0; i < phnum; i++) {
		const uint8_t *ph = elf + phoff + (uint64_t)i * phentsize;
		uint64_t seg_end = (uint64_t)be32_load(ph + 4) + be32_load(ph + 16);

		if (be32_load(ph) == 1 && seg_end > end)	/* PT_LOAD */
			end = seg_end;
	}
	if (!end || end > elf_len)
		return set_err(err, errlen, "ROM ELF image: segments outside the file");
	if (load_elf(mem, elf, (size_t)end, &res, why, sizeof(why)))
		return set_err(err, errlen, "ROM ELF image: %s", why);
	if (end == elf_len)
		return set_err(err, errlen, "no toolbox image after the ROM's ELF image");
	info->entry = (uint32_t)res.entry;
	info->elf_offset = (uint32_t)off;
	info->image_start = res.low;
	info->image_end = res.high;
	info->toolbox_base = NWROM_TOOLBOX_BASE;
	info->toolbox_size = (uint32_t)(elf_len - end);
	if (res.high > NWROM_TOOLBOX_BASE && res.low < NWROM_TOOLBOX_BASE + info->toolbox_size)
		return set_err(err, errlen, "ROM ELF image overlaps the toolbox image at 0x%x",
			       NWROM_TOOLBOX_BASE);
	if (!guest_write(mem, NWROM_TOOLBOX_BASE, elf + end, info->toolbox_size))
		return set_err(err, errlen, "the %u-byte toolbox image does not fit in %llu MiB of RAM "
			       "at 0x%x", info->toolbox_size,
			       (unsigned long long)(mem->size >> 20), NWROM_TOOLBOX_BASE);
	if (!code_segment(elf, phoff, phentsize, phnum, info->entry, &info->code_base,
			  &info->code_size))
		return set_err(err, errlen, "ROM ELF image: the entry point 0x%x is in no segment",
			       info->entry);
	code = guest_ptr(mem, info->code_base, info->code_size);
	if (!code)
		return set_err(err, errlen, "ROM ELF image: its code segment is outside RAM");
	nwrom_patch(code, info->code_size, tb_freq, &info->patches);
	return 0;
}
