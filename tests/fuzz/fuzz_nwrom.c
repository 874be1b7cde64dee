// SPDX-License-Identifier: GPL-2.0
/*
 * MOL's two Mac OS ROM patches (vmm/nwrom.c nwrom_patch) on code made of
 * input.  The ROM is the user's file, or one the ROM search found on a
 * disk the guest may have written.  Beyond memory safety: only the words
 * the result names change, the "add" fix at every match and the timer
 * routine at one, and a second pass over patched code finds nothing.
 *
 * Input: u8 timebase choice (a few real ones, or a u32 from input), then
 * the code, patched in a buffer of exactly its size.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../vmm/nwrom.h"
#include "harness.h"

static const uint32_t tb_freqs[] = { 512000000, 33333333, 24576000, 16666666, 1, 0 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	uint8_t pick = in_u8(&in);
	uint32_t tb = pick & 0x80 ? in_u32(&in) : tb_freqs[pick % 6];
	struct nwrom_patches p, again;
	uint8_t *code, *orig;
	size_t len = in.n, off;
	int n;

	code = malloc(len ? len : 1);
	orig = malloc(len ? len : 1);
	if (!code || !orig)
		abort();
	memcpy(code, in.p, len);
	memcpy(orig, in.p, len);
	n = nwrom_patch(code, len, tb, &p);
	if (n < 0 || (n > 0) != (p.add_fix_at >= 0 || p.timer_fix_at >= 0))
		abort();
	if (p.add_fix_at >= (int64_t)len || p.timer_fix_at >= (int64_t)len)
		abort();
	for (off = 0; off + 4 <= len; off += 4) {
		uint32_t was = (uint32_t)orig[off] << 24 | orig[off + 1] << 16 | orig[off + 2] << 8 | orig[off + 3];
		uint32_t now = (uint32_t)code[off] << 24 | code[off + 1] << 16 | code[off + 2] << 8 | code[off + 3];
		bool in_timer = p.timer_fix_at >= 0 && off >= (size_t)p.timer_fix_at &&
				off < (size_t)p.timer_fix_at + 12;

		/* outside the timer routine, only "add r4,r6,r8" -> "addi r4,r6,8" */
		if (was != now && !in_timer && !(was == 0x7c864214 && now == 0x38860008))
			abort();
	}
	if (len % 4 && memcmp(code + len - len % 4, orig + len - len % 4, len % 4))
		abort();	/* a partial last word is never written */
	nwrom_patch(code, len, tb, &again);
	if (again.add_fix_at >= 0)
		abort();	/* every add bug was fixed in the first pass */
	free(code);
	free(orig);
	return 0;
}
