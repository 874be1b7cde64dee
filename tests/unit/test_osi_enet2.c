// SPDX-License-Identifier: GPL-2.0
/* OSI ENET2 rings, with a socketpair standing in for the tap (the tap
 * back end of devices/net.h on its fd). */
#include <event2/event.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../../devices/net.h"
#include "../../osi/osi.h"
#include "../../osi/osi_devices.h"
#include "../../vmm/be.h"
#include "osi_call.h"

#define RX	0x10000
#define TX	0x11000
#define RXBUF	0x20000
#define TXBUF	0x30000

static void el(struct fake_vm *f, uint32_t ring, int i, uint32_t buf, uint32_t bsize,
	       uint32_t psize, uint32_t flags)
{
	uint8_t *p = f->vm.mem.host + ring + 16 * i;

	be32_store(p, buf);
	be32_store(p + 4, bsize);
	be32_store(p + 8, psize);
	be32_store(p + 12, flags);
}

START_TEST(rings_through_a_socket)
{
	struct fake_vm f;
	uint64_t gpr[32];
	int sv[2];
	uint8_t frame[64], got[128];
	struct enet2 *e;

	fake_powermac_init(&f, 1 << 20, NULL);
	e = &f.vm.osi->enet2;
	/* Without -netdev the interface is not there. */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_CALL_AVAILABLE, OSI_ENET2_KICK), 0);
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv), 0);
	fcntl(sv[0], F_SETFL, O_NONBLOCK);	/* as molvm opens the tap */
	e->nd = netdev_tap_fd(sv[0]);
	ck_assert_int_eq(enet2_start(&f.vm), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_CALL_AVAILABLE, OSI_ENET2_KICK), 1);

	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET2_CNTRL, 0, 1), 0);	/* API 1 */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET2_CNTRL, 0, 2), OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET2_CNTRL, 1), 1);	/* no rings yet */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET2_RING_SETUP, 1, RX, 4), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET2_RING_SETUP, 2, TX, 4), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET2_RING_SETUP, 2, TX, 3), OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET2_RING_SETUP, 9, TX, 4), OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET2_RING_SETUP, 1, 0xfffff000, 4), OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET2_CNTRL, 1), 0);	/* start */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET2_GET_HWADDR, 0), 0);
	ck_assert_uint_eq(gpr[4], 0x024d4f4c);
	ck_assert_uint_eq(gpr[5], 0x00010000);

	/* TX: one 60-byte frame */
	memset(f.vm.mem.host + TXBUF, 0x77, 60);
	el(&f, TX, 0, TXBUF, 1518, 60, 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET2_KICK, 0), 0);
	ck_assert_int_eq(read(sv[1], got, sizeof(got)), 60);
	ck_assert_uint_eq(got[59], 0x77);
	ck_assert_uint_eq(be32_load(f.vm.mem.host + TX + 8), 0);	/* psize cleared */

	/* RX: a frame from the "tap" lands in slot 0 and interrupts */
	el(&f, RX, 0, RXBUF, 1518, 0, 0);
	el(&f, RX, 1, RXBUF + 2048, 1518, 0, 0);
	memset(frame, 0x42, sizeof(frame));
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_PIC_UNMASK_IRQ, OSI_IRQ_ENET), 0);
	ck_assert_int_eq(write(sv[1], frame, sizeof(frame)), sizeof(frame));
	netdev_pump(f.vm.osi->enet2.nd);
	ck_assert_uint_eq(be32_load(f.vm.mem.host + RX + 8), 64);
	ck_assert_uint_eq(f.vm.mem.host[RXBUF + 63], 0x42);
	ck_assert(osi_pic_level(&f.vm, OSI_IRQ_ENET));
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET2_IRQ_ACK, 1, 0), 1);
	ck_assert(!osi_pic_level(&f.vm, OSI_IRQ_ENET));
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET2_IRQ_ACK, 1, 1), 0);

	/* A bad TX buffer stops the interface; KICK then answers 1. */
	el(&f, TX, 1, 0xfffff000, 1518, 100, 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET2_KICK, 0), 1);
	ck_assert(!e->running);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET2_KICK, 0), 1);
	close(sv[1]);
	fake_powermac_destroy(&f);
}
END_TEST

/* A transmit ring with more frames than a pass takes (DEFER_BATCH): KICK
 * sends one pass, the main loop's next turn the rest.  It used to send a
 * whole ring (4096 frames of up to 64 KiB) holding the device lock the
 * main loop's receive waits on. */
START_TEST(transmit_in_passes)
{
	struct fake_vm f;
	uint64_t gpr[32];
	uint8_t got[128];
	int sv[2], i, frames = 0;

	fake_powermac_init(&f, 1 << 20, NULL);
	f.vm.base = event_base_new();
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv), 0);
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	f.vm.osi->enet2.nd = netdev_tap_fd(sv[0]);
	ck_assert_int_eq(enet2_start(&f.vm), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET2_RING_SETUP, 1, RX, 4), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET2_RING_SETUP, 2, TX, 128), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET2_CNTRL, 1), 0);	/* start */
	memset(f.vm.mem.host + TXBUF, 0x77, 60);
	for (i = 0; i < 100; i++)
		el(&f, TX, i, TXBUF, 1518, 60, 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET2_KICK, 0), 0);
	while (recv(sv[1], got, sizeof(got), MSG_DONTWAIT) == 60)
		frames++;
	ck_assert_int_eq(frames, DEFER_BATCH);
	ck_assert_uint_eq(be32_load(f.vm.mem.host + TX + 16 * (DEFER_BATCH - 1) + 8), 0);
	ck_assert_uint_eq(be32_load(f.vm.mem.host + TX + 16 * DEFER_BATCH + 8), 60);
	event_base_loop(f.vm.base, EVLOOP_NONBLOCK);
	while (recv(sv[1], got, sizeof(got), MSG_DONTWAIT) == 60)
		frames++;
	ck_assert_int_eq(frames, 100);
	ck_assert_uint_eq(be32_load(f.vm.mem.host + TX + 16 * 99 + 8), 0);
	close(sv[1]);
	fake_powermac_destroy(&f);
	event_base_free(f.vm.base);
}
END_TEST

/* kEnet2SplitBufferFlag (enet2_sh.h 1): a slot continues in the same slot
 * of the overflow ring.  Receive fills the head buffer's bsize, then the
 * overflow buffer's, and psize is the whole frame; transmit sends the
 * head's psize, then the overflow slot's psize (not its bsize). */
START_TEST(split_buffers)
{
	struct fake_vm f;
	uint64_t gpr[32];
	int sv[2], i;
	uint8_t frame[100], got[256];

	fake_powermac_init(&f, 1 << 20, NULL);
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv), 0);
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	f.vm.osi->enet2.nd = netdev_tap_fd(sv[0]);
	ck_assert_int_eq(enet2_start(&f.vm), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET2_RING_SETUP, 1, RX, 4), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET2_RING_SETUP, 2, TX, 4), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET2_RING_SETUP, 3, RX + 0x100, 4), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET2_RING_SETUP, 4, TX + 0x100, 4), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET2_CNTRL, 1), 0);

	/* RX: 24 bytes in the slot, the other 76 in the overflow buffer */
	el(&f, RX, 0, RXBUF, 24, 0, 1);
	el(&f, RX + 0x100, 0, RXBUF + 0x800, 1500, 0, 0);
	el(&f, RX, 1, RXBUF + 0x1000, 1500, 0, 0);	/* posted, as drivers do */
	for (i = 0; i < 100; i++)
		frame[i] = (uint8_t)i;
	ck_assert_int_eq(write(sv[1], frame, sizeof(frame)), sizeof(frame));
	netdev_pump(f.vm.osi->enet2.nd);
	ck_assert_uint_eq(be32_load(f.vm.mem.host + RX + 8), 100);
	ck_assert_mem_eq(f.vm.mem.host + RXBUF, frame, 24);
	ck_assert_uint_eq(f.vm.mem.host[RXBUF + 24], 0);	/* not past bsize */
	ck_assert_mem_eq(f.vm.mem.host + RXBUF + 0x800, frame + 24, 76);

	/* TX: 14 header bytes, 46 from the overflow slot whose bsize is larger */
	memset(f.vm.mem.host + TXBUF, 0xee, 14);
	memset(f.vm.mem.host + TXBUF + 0x800, 0xaa, 200);
	el(&f, TX + 0x100, 0, TXBUF + 0x800, 200, 46, 0);
	el(&f, TX, 0, TXBUF, 14, 14, 1);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET2_KICK, 0), 0);
	ck_assert_int_eq(read(sv[1], got, sizeof(got)), 60);
	ck_assert_uint_eq(got[13], 0xee);
	ck_assert_uint_eq(got[14], 0xaa);
	ck_assert_uint_eq(got[59], 0xaa);

	/* a split slot whose overflow buffer is outside RAM stops it */
	el(&f, TX + 0x100, 1, 0xfffff000, 200, 100, 0);
	el(&f, TX, 1, TXBUF, 14, 14, 1);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET2_KICK, 0), 1);
	ck_assert(!f.vm.osi->enet2.running);
	close(sv[1]);
	fake_powermac_destroy(&f);
}
END_TEST

Suite *osi_enet2_suite(void)
{
	Suite *s = suite_create("osi_enet2");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, rings_through_a_socket);
	tcase_add_test(tc, split_buffers);
	tcase_add_test(tc, transmit_in_passes);
	suite_add_tcase(s, tc);
	return s;
}
