// SPDX-License-Identifier: GPL-2.0
/*
 * virtio-blk behind the virtio-pci transport, driven by input (harness.c's
 * driver: registers, config space, queues set up anywhere, descriptor
 * chains of any shape), on a 64 KiB image, read-write or read-only.
 * Requests are served on the kicking thread (no I/O thread here).
 */
#include <stdint.h>
#include <stdlib.h>

#include "../../devices/virtio_blk.h"
#include "harness.h"

#define RAM	(256u * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct virtio_blk b;
	static struct guest_mem mem;
	struct fuzz_in in = { data, size };
	struct fuzz_virtio d = { .vp = &b.vp, .mem = &mem };
	char err[256];

	if (!mem.host && guest_mem_alloc(&mem, RAM))
		abort();
	if (virtio_blk_open(&b, fuzz_image(), in_u8(&in) & 1, err, sizeof(err)))
		abort();
	virtio_pci_init(&b.vp, &virtio_blk_ops, &b, &mem);
	while (in_left(&in))
		fuzz_virtio_op(&d, &in);
	virtio_blk_close(&b);
	pthread_mutex_destroy(&b.vp.lock);
	return 0;
}
