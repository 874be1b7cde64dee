// SPDX-License-Identifier: GPL-2.0
/*
 * BOOT_HELPER(what, ...): services MOL's boot loaders used
 * (src/booter/booter.c osip_boot_helper, src/lib/unicode.c):
 *   ASCII2UNICODE(dest, src, maxlen) -- chars   ISO-8859-1 -> UTF-16BE
 *   UNICODE2ASCII(dest, src, srclen, maxlen) -- chars
 *   GET_STR_RES(key, buf, len, index, argnum) -- 0: molvm has no MOL
 *       resource file, so no key is ever found (MOL's "not found")
 *   GET_RAM_SIZE -- bytes of guest RAM
 * Any other "what", or a string outside RAM, returns -1.
 */
#include <string.h>

#include "../vmm/vm.h"
#include "osi.h"

/* Longest string converted, in characters: boot loaders convert file and
 * volume names (HFS+ allows 255). */
#define BOOTH_MAX_CHARS	1024

/* maxlen counts the terminating NUL, as in MOL: at most maxlen - 1 chars. */
static uint32_t ascii_to_unicode(struct guest_mem *mem, uint32_t dest, uint32_t src,
				 int32_t maxlen)
{
	char s[BOOTH_MAX_CHARS + 1];
	uint8_t u[2 * (BOOTH_MAX_CHARS + 1)];
	size_t n, i;

	if (maxlen <= 0)
		return 0;
	if (maxlen > BOOTH_MAX_CHARS + 1)
		maxlen = BOOTH_MAX_CHARS + 1;
	/* Read at most maxlen - 1 chars; a longer string is cut there. */
	for (n = 0; n < (size_t)maxlen - 1; n++) {
		uint8_t c;

		if (!guest_read(mem, src + n, &c, 1))
			return OSI_ERR;
		if (!c)
			break;
		s[n] = (char)c;
	}
	for (i = 0; i < n; i++) {
		u[2 * i] = 0;
		u[2 * i + 1] = (uint8_t)s[i];
	}
	u[2 * n] = u[2 * n + 1] = 0;
	if (!guest_write(mem, dest, u, 2 * (n + 1)))
		return OSI_ERR;
	return (uint32_t)n;
}

/* Characters outside Latin-1 are dropped, as MOL did. */
static uint32_t unicode_to_ascii(struct guest_mem *mem, uint32_t dest, uint32_t src,
				 int32_t srclen, int32_t maxlen)
{
	char a[BOOTH_MAX_CHARS + 1];
	size_t n = 0;
	int32_t i;

	if (maxlen <= 0)
		return 0;
	if (maxlen > BOOTH_MAX_CHARS + 1)
		maxlen = BOOTH_MAX_CHARS + 1;
	if (srclen > 4 * BOOTH_MAX_CHARS)
		srclen = 4 * BOOTH_MAX_CHARS;
	for (i = 0; i < srclen && n < (size_t)maxlen - 1; i++) {
		uint8_t u[2];

		if (!guest_read(mem, src + 2 * (uint32_t)i, u, 2))
			return OSI_ERR;
		if (u[0] || !u[1])
			continue;
		a[n++] = (char)u[1];
	}
	a[n] = 0;
	if (!guest_write(mem, dest, a, n + 1))
		return OSI_ERR;
	return (uint32_t)n;
}

uint32_t osi_boot_helper(struct vcpu *vcpu, uint64_t *gpr)
{
	struct guest_mem *mem = &vcpu->vm->mem;

	switch (osi_arg(gpr, 0)) {
	case OSI_BOOTH_ASCII2UNICODE:
		return ascii_to_unicode(mem, osi_arg(gpr, 1), osi_arg(gpr, 2),
					(int32_t)osi_arg(gpr, 3));
	case OSI_BOOTH_UNICODE2ASCII:
		return unicode_to_ascii(mem, osi_arg(gpr, 1), osi_arg(gpr, 2),
					(int32_t)osi_arg(gpr, 3), (int32_t)osi_arg(gpr, 4));
	case OSI_BOOTH_GET_STR_RES:
		return 0;
	case OSI_BOOTH_GET_RAM_SIZE:
		/* a 32-bit answer: a pseries guest may have 4 GiB or more */
		return vcpu->vm->mem.size > UINT32_MAX ? UINT32_MAX : (uint32_t)vcpu->vm->mem.size;
	default:
		return OSI_ERR;
	}
}
