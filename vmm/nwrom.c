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
static long find_elf(const uint8_t *buf, size_t len)
{
	size_t off;

	for (off = 0; off + 52 <= len; off += 4)
		if (!memcmp(buf + off, "\177ELF\001\002", 6) && be16_load(buf + off + 18) == 20)
			return (long)off;
	return -1;
}

int nwrom_load(const struct guest_mem *mem, const uint8_t *buf, size_t len,
	       struct nwrom_info *info, char *err, size_t errlen)
{
	char why[200];
	struct load_result res;
	const uint8_t *elf;
	uint32_t phoff, phentsize, phnum, i;
	uint64_t elf_len, end = 0;
	long off;

	memset(info, 0, sizeof(*info));
	if (len < sizeof(chrp_boot) - 1 || memcmp(buf, chrp_boot, sizeof(chrp_boot) - 1))
		return set_err(err, errlen, "not a NewWorld Mac OS ROM (no %s header)", chrp_boot);
	off = find_elf(buf, len);
	if (off < 0)
		return set_err(err, errlen, "not a NewWorld Mac OS ROM (no 32-bit PowerPC ELF image)");
	elf = buf + off;
	elf_len = len - (size_t)off;
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
	return 0;
}
