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

/* What nwrom_patch found in the ROM's code (offsets into the segment
 * holding the entry point; -1: the pattern was not there). */
struct nwrom_patches {
	int64_t add_fix_at;		/* "add r4,r6,r8" -> "addi r4,r6,8" */
	int64_t timer_fix_at;		/* the decrementer calibration routine */
	uint32_t calibration;		/* what the replaced routine returns */
};

struct nwrom_info {
	uint32_t entry;			/* the ELF's entry point */
	uint32_t code_base, code_size;	/* the loaded segment holding the entry */
	struct nwrom_patches patches;
	uint32_t elf_offset;		/* where the ELF starts in the file */
	uint32_t toolbox_base, toolbox_size;	/* the compressed image in RAM */
	uint64_t image_start, image_end;	/* the loaded ELF segments */
};

/*
 * Check and load buf into guest RAM, then apply MOL's two ROM patches to
 * the code segment (nwrom_patch; tb_freq is the guest's timebase
 * frequency).  -1 with a one-line reason in err.
 */
int nwrom_load(const struct guest_mem *mem, const uint8_t *buf, size_t len, uint32_t tb_freq,
	       struct nwrom_info *info, char *err, size_t errlen);

/*
 * MOL's two patches of the NewWorld ROM's code (openbios arch/ppc/mol/
 * main.c patch_newworld_rom and newworld_timer_hack), by MOL's byte
 * patterns, on the big-endian code in code[0..len):
 *   - Apple's ROMs 2.4 and 3.0 compute a pointer with "add r4,r6,r8"
 *     where "addi r4,r6,8" was meant: every occurrence is fixed;
 *   - the routine that calibrates the decrementer against the VIA timer
 *     (which overflows on slow timebases, and molvm has no VIA) is
 *     replaced by one that returns the VIA ticks of 0xfffff timebase
 *     ticks at tb_freq (the VIA runs at 47/60 MHz): the first match.
 * Code that matches neither is left as it is; the result says what was
 * done.  Returns the number of places changed.
 */
int nwrom_patch(uint8_t *code, size_t len, uint32_t tb_freq, struct nwrom_patches *p);

#endif
