// SPDX-License-Identifier: GPL-2.0
/*
 * MOL's ENET2 rings (osi/osi_enet2.c) on a powermac VM whose "tap" is a
 * datagram socketpair: receive, transmit and overflow rings set up
 * anywhere, their slots written from input (buffers of any address and
 * size, split flags), frames of any size arriving, kicks, interrupts
 * acknowledged, the interface started, stopped and reset in any order.
 *
 * Ops: 0 poke RAM; 1 write slot u16 of ring u8; 2 a frame arrives; 3..7
 * one ENET2 call.
 */
#include <stdint.h>
#include <sys/socket.h>

#include "../../devices/net.h"
#include "../../osi/osi.h"
#include "../../osi/osi_devices.h"
#include "harness.h"

#define RAM	FUZZ_PMAC_RAM

static const uint32_t calls[] = {
	OSI_ENET2_OPEN, OSI_ENET2_CLOSE, OSI_ENET2_CNTRL, OSI_ENET2_RING_SETUP,
	OSI_ENET2_KICK, OSI_ENET2_GET_HWADDR, OSI_ENET2_IRQ_ACK,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	static struct fuzz_vm f;
	/* where each ring was put: RX, TX, RX overflow, TX overflow */
	uint32_t rings[4] = { 0x10000, 0x20000, 0x30000, 0x40000 };

	fuzz_powermac_init(&f, true);
	while (in_left(&in)) {
		uint8_t op = in_u8(&in) % 8;
		uint32_t args[6] = { 0 }, sel;
		size_t len, got;
		const uint8_t *p;
		int i;

		switch (op) {
		case 0:
			fuzz_poke(&in, &f.vm.mem);
			continue;
		case 1: {
			uint32_t at = rings[in_u8(&in) % 4] + 16 * (uint32_t)in_u16(&in);

			for (i = 0; i < 4; i++)
				guest_write_be32(&f.vm.mem, at + 4 * (uint32_t)i,
						 i == 0 ? in_u32(&in) % (RAM + 0x2000) : in_u32(&in));
			continue;
		}
		case 2:
			len = in_u16(&in);
			p = in_bytes(&in, len, &got);
			send(fuzz_net_peer(), p, got, MSG_DONTWAIT);
			netdev_pump(f.vm.osi->enet2.nd);
			continue;
		default:
			break;
		}
		sel = calls[in_u8(&in) % 7];
		for (i = 0; i < 6; i++)
			args[i] = in_u8(&in) & 1 ? in_u32(&in) : in_u8(&in);
		if (sel == OSI_ENET2_RING_SETUP) {
			uint32_t which = in_u8(&in) % 6;	/* 1..4 are rings */

			args[0] = which;
			args[1] = in_u32(&in) % (RAM + 0x1000);
			args[2] = 1u << (in_u8(&in) % 14);
			if (which >= 1 && which <= 4)
				rings[which - 1] = args[1];
		}
		fuzz_osi_call(&f, sel, args);
	}
	fuzz_powermac_free(&f);
	return 0;
}
