/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A NewWorld "Mac OS ROM" file (-rom FILE), loaded the way MOL's firmware
 * did (mollib's openbios mol/main.c, load_newworld_rom): a "<CHRP-BOOT>"
 * boot-script header, then a 32-bit PowerPC ELF image (usually at 0x4000)
 * whose segments go to their physical addresses, then the compressed
 * toolbox image (everything after the last segment), which goes to
 * NWROM_TOOLBOX_BASE and is announced in /rom/macos.
 */
#ifndef MOLVM_NWROM_H
#define MOLVM_NWROM_H

#include <stddef.h>
#include <stdint.h>

#include "guest_mem.h"

#define NWROM_TOOLBOX_BASE	0x1100000U	/* MOL's ROM_BASE */
#define NWROM_MAX_SIZE		(32U << 20)	/* real ROM files are ~4 MiB */

struct nwrom_info {
	uint32_t entry;			/* the ELF's entry point */
	uint32_t elf_offset;		/* where the ELF starts in the file */
	uint32_t toolbox_base, toolbox_size;	/* the compressed image in RAM */
	uint64_t image_start, image_end;	/* the loaded ELF segments */
};

/* Check and load buf into guest RAM.  -1 with a one-line reason in err. */
int nwrom_load(const struct guest_mem *mem, const uint8_t *buf, size_t len,
	       struct nwrom_info *info, char *err, size_t errlen);

#endif
