// SPDX-License-Identifier: GPL-2.0
/*
 * virtio-input behind the virtio-pci transport, driven by input
 * (harness.c's driver: its config select/subsel writes too), with
 * keyboard and mouse events arriving from the host side in between.
 * Ops: the driver's, and (op byte 0xff) one host input event.
 */
#include <stdint.h>
#include <stdlib.h>

#include "../../devices/virtio_input.h"
#include "../../ui/input.h"
#include "harness.h"

#define RAM	(256u * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct virtio_input vi;
	static struct guest_mem mem;
	struct fuzz_in in = { data, size };
	struct fuzz_virtio d = { .vp = &vi.vp, .mem = &mem };

	if (!mem.host && guest_mem_alloc(&mem, RAM))
		abort();
	virtio_input_setup(&vi, in_u16(&in), in_u16(&in));
	virtio_pci_init(&vi.vp, &virtio_input_ops, &vi, &mem);
	while (in_left(&in)) {
		if (in.p[0] == 0xff) {
			struct input_event ev = { 0 };

			in_u8(&in);
			ev.kind = (enum input_kind)(in_u8(&in) % 4);
			ev.code = in_u16(&in);
			ev.down = in_u8(&in) & 1;
			ev.dx = (int32_t)in_u32(&in);
			ev.dy = (int32_t)in_u32(&in);
			ev.x = in_u32(&in);
			ev.y = in_u32(&in);
			ev.button = in_u8(&in);
			virtio_input_sink(&vi, &ev);
			continue;
		}
		fuzz_virtio_op(&d, &in);
	}
	pthread_mutex_destroy(&vi.vp.lock);
	return 0;
}
