/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MOL's asynchronous block device, "ABLK" (src/drivers/disk/ablk.c,
 * include/ablk_sh.h): disk images behind a request ring in guest memory.
 */
#ifndef MOLVM_OSI_ABLK_H
#define MOLVM_OSI_ABLK_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../devices/image.h"
#include "../vmm/irq.h"
#include "../vmm/ratelimit.h"

struct vm;
struct drive_config;

#define ABLK_MAX_UNITS	8
#define ABLK_SECTOR	512	/* MOL's block size (DISK_INFO counts these) */

struct ablk_unit {
	int fd;
	uint64_t size;			/* bytes */
	bool readonly;
	bool boot_hint;
	bool cdrom;			/* -cdrom: MOL's CD-ROM and removable flags */
	uint32_t events;		/* CNTRL get-events */
};

struct ablk {
	pthread_mutex_t lock;		/* vCPU thread vs. the I/O thread */
	struct ablk_unit units[ABLK_MAX_UNITS];
	int nr_units;

	/* the ring (channel 0) */
	uint32_t ring;			/* guest physical address, 0: none */
	uint32_t mask;			/* elements - 1 */
	uint32_t head;			/* MOL's req_head */
	bool running, active;
	uint32_t n_requests;		/* descriptors processed since start */
	uint32_t event;			/* an event is pending (IRQ_ACK r6) */
	struct irq_line irq;

	/* the request being worked on */
	int cur_unit;
	bool cur_write;
	uint64_t cur_pos;		/* bytes */

	/* The I/O thread: it works through the ring (active), dropping the
	 * lock around the file I/O; its stop, and its cancel (a vCPU's
	 * reset or stop, waiting on io.idle), end that I/O within a piece
	 * (devices/image.h). */
	struct image_worker io;
	struct ratelimit warn;		/* engine errors */
};

/* Open the -drive images (errors printed; -1). */
int ablk_open(struct vm *vm, struct ablk *a, const struct drive_config *drives, int n);
/* Start the I/O thread (errors printed; -1).  Without it (unit tests) a
 * kick works through the ring at once, on the caller's thread. */
int ablk_start(struct vm *vm, struct ablk *a);
void ablk_close(struct ablk *a);
/* One pass over the ring now (what a kick runs; tests call it). */
void ablk_do_work(struct vm *vm);

#endif
