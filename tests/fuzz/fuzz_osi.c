// SPDX-License-Identifier: GPL-2.0
/*
 * OSI dispatch on a powermac VM with every OSI device (ABLK drive, ENET2,
 * video, input, NVRAM, the Open Firmware tree): any selector, any
 * arguments, guest RAM the input writes, and the host side's events
 * (console and input typed, frames arriving, vertical blanks) in between.
 *
 * Ops: 0 poke RAM; 1 OSI call (u8 selector, six u32 arguments); 2 OSI
 * call with a 32-bit selector; 3 host event (u8 kind, then its data).
 * USLEEP is not called: it sleeps, by design, up to a second.
 */
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

#include "../../devices/console.h"
#include "../../devices/net.h"
#include "../../osi/osi.h"
#include "../../osi/osi_devices.h"
#include "../../ui/input.h"
#include "harness.h"

#define RAM	FUZZ_PMAC_RAM

static void host_event(struct fuzz_vm *f, struct fuzz_in *in)
{
	struct input_event ev = { 0 };
	size_t len, got;
	const uint8_t *p;

	switch (in_u8(in) % 5) {
	case 0:
		len = in_u8(in);
		p = in_bytes(in, len, &got);
		console_input(f->vm.con, p, got);
		break;
	case 1:
		ev.kind = (enum input_kind)(in_u8(in) % 4);
		ev.code = in_u16(in);
		ev.down = in_u8(in) & 1;
		ev.dx = (int32_t)in_u32(in);
		ev.dy = (int32_t)in_u32(in);
		ev.x = in_u32(in);
		ev.y = in_u32(in);
		ev.button = in_u8(in);
		input_post(&f->vm.input, &ev);
		break;
	case 2:
		len = in_u16(in);
		p = in_bytes(in, len, &got);
		send(fuzz_net_peer(), p, got, MSG_DONTWAIT);
		netdev_pump(f->vm.osi->enet2.nd);
		break;
	case 3:
		ablk_do_work(&f->vm);
		break;
	default:
		osi_video_vblank(&f->vm);
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	static struct fuzz_vm f;

	fuzz_powermac_init(&f, true);
	while (in_left(&in)) {
		uint32_t sel, args[6];
		uint8_t op = in_u8(&in) % 4;
		int i;

		if (op == 0) {
			fuzz_poke(&in, &f.vm.mem);
			continue;
		}
		if (op == 3) {
			host_event(&f, &in);
			continue;
		}
		sel = op == 1 ? in_u8(&in) % OSI_NR_SELECTORS : in_u32(&in);
		for (i = 0; i < 6; i++)
			args[i] = in_u32(&in);
		if (sel != OSI_USLEEP)
			fuzz_osi_call(&f, sel, args);
	}
	fuzz_powermac_free(&f);
	return 0;
}
