// SPDX-License-Identifier: GPL-2.0
/*
 * The pseries NVRAM: 64 KiB, as QEMU's spapr-nvram.  Linux finds it by a
 * node of device_type "nvram" with "#bytes" (arch/powerpc/platforms/
 * pseries/nvram.c, pSeries_nvram_init) and moves it through the RTAS calls
 * nvram-fetch and nvram-store (index, real buffer address, length ->
 * status, bytes moved; PAPR "NVRAM access"), 32 bytes a call.
 *
 * The contents are CHRP NVRAM partitions: 16-byte headers {signature,
 * checksum, length in 16-byte blocks (big-endian), 12-byte name}
 * (Linux arch/powerpc/kernel/nvram_64.c, QEMU hw/nvram/chrp_nvram.c).  A
 * new image is one free-space partition (signature 0x7f, name
 * "wwwwwwwwwwww") over the whole NVRAM, which Linux carves its
 * ibm,rtas-log and lnx,oops-log partitions out of.  (An all-zero NVRAM
 * reads as a zero-length partition: Linux stops scanning and logs
 * "Failed to find or create ... partition, err -28".)
 */
#include "spapr_nvram.h"

#include <string.h>

#include "../vmm/be.h"
#include "../vmm/guest_mem.h"
#include "../vmm/nvram_file.h"
#include "../vmm/pseries.h"
#include "../vmm/vcpu.h"
#include "../vmm/vm.h"
#include "rtas.h"

#define CHRP_HEADER_BYTES	16
#define CHRP_SIG_FREE		0x7f

uint8_t chrp_nvram_checksum(const uint8_t *hdr)
{
	/* The signature and bytes 2..15, summed with end-around carry
	 * (byte 1 is the checksum itself). */
	unsigned int sum = hdr[0], i;

	for (i = 2; i < CHRP_HEADER_BYTES; i++) {
		sum += hdr[i];
		if (sum > 0xff)
			sum = (sum + 1) & 0xff;
	}
	return (uint8_t)sum;
}

void spapr_nvram_format(uint8_t *buf, uint32_t size)
{
	memset(buf, 0, size);
	buf[0] = CHRP_SIG_FREE;
	be16_store(buf + 2, (uint16_t)(size / CHRP_HEADER_BYTES));
	memcpy(buf + 4, "wwwwwwwwwwww", 12);
	buf[1] = chrp_nvram_checksum(buf);
}

_Static_assert(SPAPR_NVRAM_BYTES / CHRP_HEADER_BYTES <= 0xffff, "CHRP length field");

int spapr_nvram_open(struct spapr_nvram *nv, const char *path)
{
	int r = path ? nvram_file_load(path, nv->buf, SPAPR_NVRAM_BYTES) : 1;

	if (r < 0)
		return -1;
	if (r > 0)
		spapr_nvram_format(nv->buf, SPAPR_NVRAM_BYTES);
	nv->path = path;
	pthread_mutex_init(&nv->lock, NULL);
	nv->open = true;
	return 0;
}

int spapr_nvram_close(struct spapr_nvram *nv)
{
	int r = 0;

	if (!nv->open)
		return 0;
	if (nv->path)
		r = nvram_file_save(nv->path, nv->buf, SPAPR_NVRAM_BYTES);
	pthread_mutex_destroy(&nv->lock);
	nv->open = false;
	return r;
}

/* The machine's NVRAM, or NULL. */
static struct spapr_nvram *nvram_of(const struct vm *vm)
{
	return vm->pseries && vm->pseries->nvram.open ? &vm->pseries->nvram : NULL;
}

/* The checked range of one call, or false (status and count set). */
static bool nvram_range(struct rtas_args *a, uint32_t *off, uint32_t *len)
{
	const struct vm *vm = a->vcpu->vm;

	if (a->nargs < 3 || a->nret < 2) {
		rtas_ret(a, 0, (uint32_t)RTAS_OUT_PARAM_ERROR);
		return false;
	}
	*off = a->args[0];
	*len = a->args[2];
	if (!nvram_of(vm)) {
		rtas_ret(a, 0, (uint32_t)RTAS_OUT_HW_ERROR);
		rtas_ret(a, 1, 0);
		return false;
	}
	if ((uint64_t)*off + *len > SPAPR_NVRAM_BYTES ||
	    !guest_range_ok(&vm->mem, a->args[1], *len)) {
		rtas_ret(a, 0, (uint32_t)RTAS_OUT_PARAM_ERROR);
		rtas_ret(a, 1, 0);
		return false;
	}
	return true;
}

/* One call: the NVRAM range to (fetch) or from (store) the guest buffer. */
static void nvram_move(struct rtas_args *a, bool store)
{
	struct spapr_nvram *nv = nvram_of(a->vcpu->vm);
	const struct guest_mem *mem = &a->vcpu->vm->mem;
	uint32_t off, len;

	if (!nvram_range(a, &off, &len))
		return;
	pthread_mutex_lock(&nv->lock);
	if (store)
		guest_read(mem, a->args[1], nv->buf + off, len);
	else
		guest_write(mem, a->args[1], nv->buf + off, len);
	pthread_mutex_unlock(&nv->lock);
	rtas_ret(a, 0, RTAS_OUT_SUCCESS);
	rtas_ret(a, 1, len);
}

void rtas_nvram_fetch(struct rtas_args *a)
{
	nvram_move(a, false);
}

void rtas_nvram_store(struct rtas_args *a)
{
	nvram_move(a, true);
}
