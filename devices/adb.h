/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Apple Desktop Bus behind VIA-CUDA, with the two devices MOL put on
 * it (src/drivers/adb.c): an Apple Extended Keyboard at address 2 and a
 * mouse at address 3, fed from the VM's input sink (ui/input.h).  The
 * protocol is Apple's (Guide to the Macintosh Family Hardware, "Apple
 * Desktop Bus"; Linux drivers/macintosh/adb.c and adbhid.c use it):
 *
 *   command byte  addr << 4 | 0000 SendReset, 0001 Flush,
 *                             10rr Listen register rr, 11rr Talk register rr
 *   register 3    (talk) 2 bytes: 0x40 | SRQ enable << 5 | address,
 *                 handler ID; (listen) 2 bytes: new address and SRQ
 *                 enable, then handler ID or a command: 0x00 or 0xfe move
 *                 the device to the new address, 0xfd and 0xff do nothing,
 *                 a handler ID the device knows changes its protocol
 *                 (keyboard 1-3, mouse 1-2)
 *   keyboard r0   2 bytes: key codes, bit 7 set on release, 0xff = none;
 *                 no reply while no key is queued
 *   keyboard r2   2 bytes: modifier and LED state (0xff 0xff: none)
 *   mouse r0      2 bytes: bit 7 = button up, then 7-bit two's complement
 *                 motion, Y first, X second; no reply without motion or a
 *                 button change
 *
 * Talking to an address with no device, or to a register a device has no
 * data for, times out (adb_request returns -1).  A device with data
 * pending raises a service request, which CUDA's autopoll turns into an
 * unsolicited packet (adb_poll).
 *
 * Thread safety: the input sink posts from the UI/script thread, the CUDA
 * talks from the vCPU thread; the bus has its own lock.
 */
#ifndef MOLVM_ADB_H
#define MOLVM_ADB_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "../osi/adb_keymap.h"
#include "../ui/input.h"

#define ADB_KBD_ADDR	2
#define ADB_MOUSE_ADDR	3
#define ADB_KEY_QUEUE	32		/* MOL: 16 */
#define ADB_MAX_REPLY	8

struct adb_device {
	uint8_t addr;			/* where it answers now */
	uint8_t handler;
	bool srq_enable;
};

struct adb_bus {
	pthread_mutex_t lock;
	struct adb_device kbd, mouse;
	uint8_t keymap[ADB_KEYMAP_SIZE];	/* evdev -> ADB */
	uint8_t keys[ADB_KEY_QUEUE];
	unsigned int key_top, key_bot;
	uint8_t leds;			/* keyboard register 2, as listened */
	int32_t dx, dy;			/* mouse motion not yet reported */
	uint32_t buttons;		/* bit 0 left, 1 right */
	uint32_t reported_buttons;
	int32_t abs_x, abs_y;		/* last absolute position */
	bool abs_valid;
};

void adb_init(struct adb_bus *b);
/*
 * One ADB transaction: cmd (the command byte), data (Listen's 0..8
 * bytes).  Talk fills reply and returns its length (2); Listen, Flush and
 * SendReset return 0; a timeout (nobody at the address, nothing to say,
 * a malformed Listen) returns -1.
 */
int adb_request(struct adb_bus *b, uint8_t cmd, const uint8_t *data, int len,
		uint8_t reply[ADB_MAX_REPLY]);
/* A device has data: its service request is up. */
bool adb_pending(struct adb_bus *b);
/* Autopoll: Talk register 0 of the first device with data; *cmd gets the
 * command byte.  The reply length, or -1 when nobody has data. */
int adb_poll(struct adb_bus *b, uint8_t *cmd, uint8_t reply[ADB_MAX_REPLY]);
/* An event from the input sink; true when a device got data. */
bool adb_input(struct adb_bus *b, const struct input_event *ev);

#endif
