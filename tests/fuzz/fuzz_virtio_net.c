// SPDX-License-Identifier: GPL-2.0
/*
 * virtio-net behind the virtio-pci transport, driven by input (harness.c's
 * driver), on the tap back end over a datagram socketpair: frames the
 * guest sends land there, and frames of any size arrive from it.
 * Ops: the driver's, and (op byte 0xff) a frame arrives.
 */
#include <stdint.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../../devices/net.h"
#include "../../devices/virtio_net.h"
#include "harness.h"

#define RAM	(256u * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct virtio_net n;
	static struct guest_mem mem;
	struct fuzz_in in = { data, size };
	struct fuzz_virtio d = { .vp = &n.vp, .mem = &mem };
	int sv[2];

	if (!mem.host && guest_mem_alloc(&mem, RAM))
		abort();
	fuzz_socketpair(sv);
	virtio_net_setup(&n, netdev_tap_fd(sv[0]), 0);
	virtio_pci_init(&n.vp, &virtio_net_ops, &n, &mem);
	if (!n.nd || virtio_net_start(&n, NULL))
		abort();
	while (in_left(&in)) {
		if (in.p[0] == 0xff) {
			size_t len, got;
			const uint8_t *p;

			in_u8(&in);
			len = in_u16(&in);
			p = in_bytes(&in, len, &got);
			send(sv[1], p, got, MSG_DONTWAIT);
			netdev_pump(n.nd);
			continue;
		}
		fuzz_virtio_op(&d, &in);
	}
	netdev_close(n.nd);	/* and sv[0] */
	close(sv[1]);
	pthread_mutex_destroy(&n.vp.lock);
	return 0;
}
