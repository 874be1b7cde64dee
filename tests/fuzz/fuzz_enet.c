// SPDX-License-Identifier: GPL-2.0
/*
 * MOL's first network interface, the old OSI_ENET calls (osi/osi_enet.c,
 * what MOL's Mac OS driver enet.nw uses), on the NIC it shares with
 * ENET2: frames from the back end go to its queue while ENET2 does not
 * run, to ENET2's ring when it does.  Frames of any size and address
 * arrive (most for the NIC's MAC or a multicast group, so they are
 * queued), and the calls come with any arguments: the interface id
 * right (0, and mol-enet-0's reg word for OPEN) or not, buffers anywhere.
 *
 * Ops: 0 poke RAM; 1 an OSI_ENET call (u8 pick, args); 2 a frame arrives
 * (u8 destination kind, u16 length, bytes); 3 ENET2 set up and started,
 * or stopped (u8).
 */
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

#include "../../devices/net.h"
#include "../../osi/osi.h"
#include "../../osi/osi_devices.h"
#include "../../vmm/powermac_platform.h"
#include "harness.h"

#define RAM	FUZZ_PMAC_RAM

static const uint32_t calls[] = {
	OSI_ENET_OPEN, OSI_ENET_CLOSE, OSI_ENET_GET_ADDR, OSI_ENET_GET_STATUS,
	OSI_ENET_CONTROL, OSI_ENET_ADD_MULTI, OSI_ENET_DEL_MULTI, OSI_ENET_GET_PACKET,
	OSI_ENET_SEND_PACKET,
};
#define NR_CALLS	(sizeof(calls) / sizeof(calls[0]))

/* A number the way a driver passes them: small, an address in RAM, or any. */
static uint32_t some_arg(struct fuzz_in *in)
{
	uint8_t k = in_u8(in);

	return k & 0x80 ? in_u32(in) : k & 0x40 ? in_u32(in) % RAM : k & 0x3f;
}

static void enet_call(struct fuzz_vm *f, struct fuzz_in *in)
{
	uint32_t args[6] = { 0 }, sel = calls[in_u8(in) % NR_CALLS];
	uint8_t id = in_u8(in);
	int i;

	for (i = 1; i < 6; i++)
		args[i] = some_arg(in);
	if (id & 0x80)
		args[0] = in_u32(in);
	else if (sel == OSI_ENET_OPEN)
		/* mol-enet-0's "reg" phys.hi, as enet.nw passes it */
		args[0] = PMAC_PCI_HI(PMAC_P2P_BUS, PMAC_DEV_MOL_ENET0, 0, 0);
	fuzz_osi_call(f, sel, args);
}

static void frame_arrives(struct fuzz_vm *f, struct fuzz_in *in)
{
	static uint8_t frame[2048];
	uint8_t kind = in_u8(in) % 4;
	size_t len = in_u16(in) % sizeof(frame), got;
	const uint8_t *p = in_bytes(in, len, &got);

	memset(frame, 0, sizeof(frame));
	memcpy(frame, p, got);
	if (kind == 0 && len >= 6)
		memcpy(frame, f->vm.osi->enet2.mac, 6);		/* for us */
	else if (kind == 1 && len >= 6)
		memset(frame, 0xff, 6);				/* broadcast */
	send(fuzz_net_peer(), frame, len, MSG_DONTWAIT);
	netdev_pump(f->vm.osi->enet2.nd);
}

static void enet2_toggle(struct fuzz_vm *f, struct fuzz_in *in)
{
	uint32_t args[6] = { 0 };

	if (in_u8(in) & 1) {
		args[0] = 2;			/* ENET2_STOP */
		fuzz_osi_call(f, OSI_ENET2_CNTRL, args);
		return;
	}
	args[0] = 1, args[1] = 0x10000, args[2] = 8;	/* RX ring */
	fuzz_osi_call(f, OSI_ENET2_RING_SETUP, args);
	args[0] = 2, args[1] = 0x11000;			/* TX ring */
	fuzz_osi_call(f, OSI_ENET2_RING_SETUP, args);
	args[0] = 1, args[1] = 0, args[2] = 0;		/* ENET2_START */
	fuzz_osi_call(f, OSI_ENET2_CNTRL, args);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	static struct fuzz_vm f;

	fuzz_powermac_init(&f, true);
	while (in_left(&in)) {
		switch (in_u8(&in) % 4) {
		case 0:
			fuzz_poke(&in, &f.vm.mem);
			break;
		case 1:
			enet_call(&f, &in);
			break;
		case 2:
			frame_arrives(&f, &in);
			break;
		default:
			enet2_toggle(&f, &in);
			break;
		}
	}
	fuzz_powermac_free(&f);
	return 0;
}
