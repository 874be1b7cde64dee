// SPDX-License-Identifier: GPL-2.0
/* The old OSI ENET calls (MOL's enet.nw), a socketpair standing in for
 * the tap, and hostile arguments. */
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../../osi/osi.h"
#include "../../devices/net.h"
#include "../../osi/osi_devices.h"
#include "../../vmm/be.h"
#include "osi_call.h"

#define BUF	0x20000
#define ENET_ID	0x00010800	/* mol-enet-0's "reg" phys.hi: bus 1, device 1 */

static int sv[2];

static void frame_to_guest(const uint8_t *dst, size_t len, uint8_t fill)
{
	uint8_t f[2048];

	memset(f, fill, sizeof(f));
	memcpy(f, dst, 6);
	ck_assert_int_eq(write(sv[1], f, len), (ssize_t)len);
}

static void nic(struct fake_vm *f)
{
	fake_powermac_init(f, 1 << 20, NULL);
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv), 0);
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	fcntl(sv[1], F_SETFL, O_NONBLOCK);
	f->vm.osi->enet2.nd = netdev_tap_fd(sv[0]);
	ck_assert_int_eq(enet2_start(&f->vm), 0);
}

/* what the main loop does when the tap has frames */
static void pump(struct fake_vm *f)
{
	netdev_pump(f->vm.osi->enet2.nd);
}

START_TEST(frames_both_ways)
{
	static const uint8_t mine[6] = { 0x02, 0x4d, 0x4f, 0x4c, 0x00, 0x01 };
	static const uint8_t other[6] = { 0x02, 0, 0, 0, 0, 9 };
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	struct fake_vm f;
	uint64_t gpr[32];
	uint8_t got[2048];
	uint8_t *ram;

	fake_powermac_init(&f, 1 << 20, NULL);
	/* without -netdev the calls are not there */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_CALL_AVAILABLE, OSI_ENET_OPEN), 0);
	fake_powermac_destroy(&f);
	nic(&f);
	ram = f.vm.mem.host;
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_CALL_AVAILABLE, OSI_ENET_SEND_PACKET), 1);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_OPEN, ENET_ID), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_OPEN, 0x00011800), OSI_ERR);	/* mol-blk */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_GET_ADDR, 0, BUF), 0);
	ck_assert_mem_eq(ram + BUF, mine, 6);

	/* not started: frames are not kept */
	frame_to_guest(mine, 60, 0x11);
	pump(&f);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_GET_STATUS, 0), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_CONTROL, 0, 1), 0);	/* start */
	frame_to_guest(mine, 60, 0x22);
	frame_to_guest(other, 70, 0x33);	/* someone else's: dropped */
	frame_to_guest(bcast, 1600, 0x44);	/* broadcast, cut to 1514 */
	frame_to_guest(mine, 10, 0x55);		/* runt: dropped */
	pump(&f);
	ck_assert(osi_pic_level(&f.vm, OSI_IRQ_ENET));
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_GET_STATUS, 0), 0x10000 | 60);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_GET_PACKET, 0, BUF), 0);
	ck_assert_mem_eq(ram + BUF, mine, 6);
	ck_assert_uint_eq(ram[BUF + 59], 0x22);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_GET_STATUS, 0), 0x10000 | 1514);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_GET_PACKET, 0, BUF), 0);
	ck_assert_uint_eq(ram[BUF + 1513], 0x44);
	ck_assert_uint_eq(ram[BUF + 1514], 0);	/* nothing past the frame */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_GET_STATUS, 0), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_GET_PACKET, 0, BUF), OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_CONTROL, 0, 0), 0);	/* ack */
	ck_assert(!osi_pic_level(&f.vm, OSI_IRQ_ENET));

	/* send */
	memset(ram + BUF, 0x66, 100);
	memcpy(ram + BUF, other, 6);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_SEND_PACKET, 0, BUF, 100), 0);
	ck_assert_int_eq(read(sv[1], got, sizeof(got)), 100);
	ck_assert_mem_eq(got, ram + BUF, 100);

	/* multicast filters: a multicast address */
	ram[BUF] = 0x01;
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_ADD_MULTI, 0, BUF), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_DEL_MULTI, 0, BUF), 0);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_CLOSE, 0), 0);
	close(sv[1]);
	fake_powermac_destroy(&f);
}
END_TEST

START_TEST(hostile_arguments)
{
	static const uint8_t mine[6] = { 0x02, 0x4d, 0x4f, 0x4c, 0x00, 0x01 };
	struct fake_vm f;
	uint64_t gpr[32];
	uint8_t got[2048];
	int i;

	nic(&f);
	/* other interface numbers */
	for (i = 1; i < 4; i++) {
		ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_GET_STATUS, (uint32_t)-i), OSI_ERR);
		ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_CONTROL, (uint32_t)i, 1), OSI_ERR);
		ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_SEND_PACKET, (uint32_t)i, BUF, 60),
				  OSI_ERR);
	}
	/* addresses outside RAM, wrapping, straddling its end */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_GET_ADDR, 0, 0xfffffffc), OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_GET_ADDR, 0, (1 << 20) - 3), OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_SEND_PACKET, 0, (1 << 20) - 50, 60), OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_SEND_PACKET, 0, 0xffffff00, 0x200), OSI_ERR);
	/* sizes: none, too large, huge */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_SEND_PACKET, 0, BUF, 0), OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_SEND_PACKET, 0, BUF, 1515), OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_SEND_PACKET, 0, BUF, 0xffffffff), OSI_ERR);
	ck_assert_int_eq(read(sv[1], got, sizeof(got)), -1);	/* nothing went out */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_ADD_MULTI, 0, 0xfffffffe), OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_ADD_MULTI, 0, BUF), OSI_ERR);	/* unicast */

	/* a frame fetched to a bad address: an error, and it is gone */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_CONTROL, 0, 1), 0);
	frame_to_guest(mine, 60, 1);
	frame_to_guest(mine, 61, 2);
	pump(&f);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_GET_PACKET, 0, 0xfffff000), OSI_ERR);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_GET_STATUS, 0), 0x10000 | 61);
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_GET_PACKET, 0, 0), 0);	/* 0: drop */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_GET_STATUS, 0), 0);

	/* a flood: 32 frames kept, the rest dropped, none lost track of */
	for (i = 0; i < 40; i++)
		frame_to_guest(mine, 60 + (size_t)i, (uint8_t)i);
	pump(&f);
	for (i = 0; i < 32; i++) {
		ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_GET_STATUS, 0),
				  0x10000 | (60 + (uint32_t)i));
		ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_GET_PACKET, 0, BUF), 0);
	}
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_GET_STATUS, 0), 0);
	ck_assert_uint_eq(f.vm.osi->menet.dropped, 8);
	/* stop empties the queue and lowers the interrupt */
	frame_to_guest(mine, 60, 7);
	pump(&f);
	ck_assert(osi_pic_level(&f.vm, OSI_IRQ_ENET));
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_CONTROL, 0, 2), 0);
	ck_assert(!osi_pic_level(&f.vm, OSI_IRQ_ENET));
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_GET_PACKET, 0, BUF), OSI_ERR);
	/* unknown control commands are ignored, as MOL did */
	ck_assert_uint_eq(osi_calln(&f, gpr, OSI_ENET_CONTROL, 0, 0xdead), 0);
	close(sv[1]);
	fake_powermac_destroy(&f);
}
END_TEST

Suite *osi_enet_suite(void)
{
	Suite *s = suite_create("osi-enet");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, frames_both_ways);
	tcase_add_test(tc, hostile_arguments);
	suite_add_tcase(s, tc);
	return s;
}
