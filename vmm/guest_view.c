// SPDX-License-Identifier: GPL-2.0
#include "guest_view.h"

#include <string.h>

#include "be.h"

/* The host bytes behind va, at most up to the end of its page and n. */
static uint8_t *piece(const struct guest_view *v, uint32_t va, size_t *n, bool write)
{
	size_t room = PPC32_PAGE - (va & (PPC32_PAGE - 1));
	uint32_t pa;

	if (*n > room)
		*n = room;
	if (!v->mmu)
		pa = va;
	else if (ppc32_data_xlate(v->mem, v->mmu, va, write, &pa, NULL) != PPC32_OK)
		return NULL;
	return guest_ptr(v->mem, pa, *n);
}

bool gview_for_each(const struct guest_view *v, uint32_t va, uint64_t len, bool write,
		    bool (*fn)(uint8_t *host, size_t n, void *arg), void *arg)
{
	uint64_t done;
	int pass;

	if (len > (uint64_t)UINT32_MAX + 1 - va)
		return false;			/* wraps past 4 GiB */
	for (pass = 0; pass < 2; pass++) {
		for (done = 0; done < len;) {
			size_t n = len - done > PPC32_PAGE ? PPC32_PAGE : (size_t)(len - done);
			uint8_t *p = piece(v, (uint32_t)(va + done), &n, write);

			if (!p || (pass && !fn(p, n, arg)))
				return false;
			done += n;
		}
	}
	return true;
}

struct copy {
	uint8_t *buf;
	const uint8_t *src;
};

static bool copy_out(uint8_t *host, size_t n, void *arg)
{
	struct copy *c = arg;

	memcpy(c->buf, host, n);
	c->buf += n;
	return true;
}

static bool copy_in(uint8_t *host, size_t n, void *arg)
{
	struct copy *c = arg;

	memcpy(host, c->src, n);
	c->src += n;
	return true;
}

bool gview_read(const struct guest_view *v, uint32_t va, void *buf, size_t len)
{
	struct copy c = { .buf = buf };

	return gview_for_each(v, va, len, false, copy_out, &c);
}

bool gview_write(const struct guest_view *v, uint32_t va, const void *buf, size_t len)
{
	struct copy c = { .src = buf };

	return gview_for_each(v, va, len, true, copy_in, &c);
}

bool gview_read_be32(const struct guest_view *v, uint32_t va, uint32_t *val)
{
	uint8_t b[4];

	if (!gview_read(v, va, b, 4))
		return false;
	*val = be32_load(b);
	return true;
}

bool gview_write_be32(const struct guest_view *v, uint32_t va, uint32_t val)
{
	uint8_t b[4];

	be32_store(b, val);
	return gview_write(v, va, b, 4);
}

bool gview_read_str(const struct guest_view *v, uint32_t va, char *buf, size_t max)
{
	size_t got = 0;

	if (!max)
		return false;
	/* a page piece at a time, up to the NUL or max bytes */
	while (got < max) {
		size_t n = max - got;
		uint8_t *p;
		void *nul;

		if ((uint64_t)va + got > UINT32_MAX)
			return false;
		p = piece(v, (uint32_t)(va + got), &n, false);
		if (!p)
			return false;
		nul = memchr(p, 0, n);
		if (nul) {
			memcpy(buf + got, p, (size_t)((uint8_t *)nul - p) + 1);
			return true;
		}
		memcpy(buf + got, p, n);
		got += n;
	}
	return false;
}
