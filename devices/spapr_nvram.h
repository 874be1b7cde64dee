/* SPDX-License-Identifier: GPL-2.0 */
/* The pseries NVRAM (devices/spapr_nvram.c). */
#ifndef MOLVM_SPAPR_NVRAM_H
#define MOLVM_SPAPR_NVRAM_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

struct rtas_args;

#define SPAPR_NVRAM_BYTES	0x10000		/* QEMU's spapr-nvram default size */

/* vm->pseries->nvram */
struct spapr_nvram {
	bool open;
	pthread_mutex_t lock;		/* RTAS calls come from any vCPU */
	const char *path;		/* -nvram FILE, or NULL: not kept */
	uint8_t buf[SPAPR_NVRAM_BYTES];
};

/* Fill nv from -nvram FILE (path), or a freshly formatted image when there
 * is no path or no such file.  Errors are printed; returns -1. */
int spapr_nvram_open(struct spapr_nvram *nv, const char *path);
/* Write the image back to its file (if any): 0, or -1 (printed). */
int spapr_nvram_close(struct spapr_nvram *nv);

/* A new image: one CHRP free-space partition over all of it. */
void spapr_nvram_format(uint8_t *buf, uint32_t size);
/* The CHRP partition-header checksum of a 16-byte header. */
uint8_t chrp_nvram_checksum(const uint8_t *hdr);

/* RTAS nvram-fetch(index, buffer, length) and nvram-store(same) ->
 * status, bytes moved */
void rtas_nvram_fetch(struct rtas_args *a);
void rtas_nvram_store(struct rtas_args *a);

#endif
