// SPDX-License-Identifier: GPL-2.0
/*
 * input32: MOL's OSI keyboard and mouse.  Checks the calls' answers with
 * no input, then polls GET_ADB_KEY and GET_MOUSE for up to INPUT_SECS
 * seconds (or until the ADB 'q' key is released) and prints each event:
 *     input32: adb 0xNN raw N
 *     input32: mouse event 0xNN x N y N
 * so that a host-side script (molvm --script: type, mouse_move) can check
 * what arrived.
 */
#include "guest.h"
#include "osi.h"
#include "osi_sel.h"

#define OSI_KBD_CNTRL		50
#define OSI_GET_ADB_KEY		51
#define OSI_KEYCODE_TO_ADB	55
#define ADB_Q			0x0c
#ifndef INPUT_SECS
#define INPUT_SECS		4
#endif

void guest_main(void)
{
	unsigned long r[6];
	unsigned int ms, k, events = 0;

	con_set_writer(osi_writer);
	con_puts("input32: OSI keyboard and mouse\n");
	tap("GET_ADB_KEY with no key is -1",
	    osi_ret32(osi_call5r(OSI_GET_ADB_KEY, 0, 0, 0, 0, 0, r)) == 0xffffffffU, 0);
	tap("KEYCODE_TO_ADB(KEY_A = 30) is ADB 0x00",
	    osi_ret32(osi_call1(OSI_KEYCODE_TO_ADB, 30)) == 0, osi_call1(OSI_KEYCODE_TO_ADB, 30));
	tap("GET_MOUSE_DPI is 100", osi_ret32(osi_call1(OSI_GET_MOUSE_DPI, 0)) == 100, 0);
	tap("KBD_CNTRL answers 0", osi_ret32(osi_call1(OSI_KBD_CNTRL, 1)) == 0, 0);
	con_puts("input32: ready\n");

	for (ms = 0; ms < INPUT_SECS * 1000; ms += 5) {
		k = osi_ret32(osi_call5r(OSI_GET_ADB_KEY, 0, 0, 0, 0, 0, r));
		if (k != 0xffffffffU) {
			con_puts("input32: adb 0x");
			con_hex(k, 2);
			con_puts(" raw ");
			con_dec(r[0]);
			con_putc('\n');
			events++;
			if (k == (0x80 | ADB_Q))
				break;
			continue;
		}
		osi_call5r(OSI_GET_MOUSE, 0, 0, 0, 0, 0, r);
		if (r[4] & 0xc0) {
			con_puts("input32: mouse event 0x");
			con_hex(r[4], 2);
			con_puts(" x ");
			con_dec(r[0]);
			con_puts(" y ");
			con_dec(r[1]);
			con_putc('\n');
			events++;
		}
		osi_call1(OSI_USLEEP, 5000);
	}
	con_puts("input32: events ");
	con_dec(events);
	con_putc('\n');
	con_puts("input32: done\n");
	osi_exit();
}
