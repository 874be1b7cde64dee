// SPDX-License-Identifier: GPL-2.0
/*
 * Evdev KEY_* to Apple Desktop Bus key codes (the "raw" ADB codes of the
 * Apple Extended Keyboard, as in Inside Macintosh: Text, "Virtual key
 * codes", and Linux drivers/macintosh/adbhid.c's table).  Codes not listed
 * have no ADB key.
 */
#include "adb_keymap.h"

#include <linux/input-event-codes.h>
#include <string.h>

static const struct { uint16_t evdev; uint8_t adb; } keys[] = {
	{ KEY_A, 0x00 }, { KEY_S, 0x01 }, { KEY_D, 0x02 }, { KEY_F, 0x03 },
	{ KEY_H, 0x04 }, { KEY_G, 0x05 }, { KEY_Z, 0x06 }, { KEY_X, 0x07 },
	{ KEY_C, 0x08 }, { KEY_V, 0x09 }, { KEY_102ND, 0x0a }, { KEY_B, 0x0b },
	{ KEY_Q, 0x0c }, { KEY_W, 0x0d }, { KEY_E, 0x0e }, { KEY_R, 0x0f },
	{ KEY_Y, 0x10 }, { KEY_T, 0x11 }, { KEY_1, 0x12 }, { KEY_2, 0x13 },
	{ KEY_3, 0x14 }, { KEY_4, 0x15 }, { KEY_6, 0x16 }, { KEY_5, 0x17 },
	{ KEY_EQUAL, 0x18 }, { KEY_9, 0x19 }, { KEY_7, 0x1a }, { KEY_MINUS, 0x1b },
	{ KEY_8, 0x1c }, { KEY_0, 0x1d }, { KEY_RIGHTBRACE, 0x1e }, { KEY_O, 0x1f },
	{ KEY_U, 0x20 }, { KEY_LEFTBRACE, 0x21 }, { KEY_I, 0x22 }, { KEY_P, 0x23 },
	{ KEY_ENTER, 0x24 }, { KEY_L, 0x25 }, { KEY_J, 0x26 }, { KEY_APOSTROPHE, 0x27 },
	{ KEY_K, 0x28 }, { KEY_SEMICOLON, 0x29 }, { KEY_BACKSLASH, 0x2a }, { KEY_COMMA, 0x2b },
	{ KEY_SLASH, 0x2c }, { KEY_N, 0x2d }, { KEY_M, 0x2e }, { KEY_DOT, 0x2f },
	{ KEY_TAB, 0x30 }, { KEY_SPACE, 0x31 }, { KEY_GRAVE, 0x32 }, { KEY_BACKSPACE, 0x33 },
	{ KEY_ESC, 0x35 }, { KEY_LEFTCTRL, 0x36 }, { KEY_LEFTMETA, 0x37 },
	{ KEY_LEFTSHIFT, 0x38 }, { KEY_CAPSLOCK, 0x39 }, { KEY_LEFTALT, 0x3a },
	{ KEY_LEFT, 0x3b }, { KEY_RIGHT, 0x3c }, { KEY_DOWN, 0x3d }, { KEY_UP, 0x3e },
	{ KEY_KPDOT, 0x41 }, { KEY_KPASTERISK, 0x43 }, { KEY_KPPLUS, 0x45 },
	{ KEY_NUMLOCK, 0x47 }, { KEY_KPSLASH, 0x4b }, { KEY_KPENTER, 0x4c },
	{ KEY_KPMINUS, 0x4e }, { KEY_KPEQUAL, 0x51 }, { KEY_KP0, 0x52 }, { KEY_KP1, 0x53 },
	{ KEY_KP2, 0x54 }, { KEY_KP3, 0x55 }, { KEY_KP4, 0x56 }, { KEY_KP5, 0x57 },
	{ KEY_KP6, 0x58 }, { KEY_KP7, 0x59 }, { KEY_KP8, 0x5b }, { KEY_KP9, 0x5c },
	{ KEY_F5, 0x60 }, { KEY_F6, 0x61 }, { KEY_F7, 0x62 }, { KEY_F3, 0x63 },
	{ KEY_F8, 0x64 }, { KEY_F9, 0x65 }, { KEY_F11, 0x67 }, { KEY_F13, 0x69 },
	{ KEY_F14, 0x6b }, { KEY_F10, 0x6d }, { KEY_F12, 0x6f }, { KEY_F15, 0x71 },
	{ KEY_INSERT, 0x72 }, { KEY_HELP, 0x72 }, { KEY_HOME, 0x73 }, { KEY_PAGEUP, 0x74 },
	{ KEY_DELETE, 0x75 }, { KEY_F4, 0x76 }, { KEY_END, 0x77 }, { KEY_F2, 0x78 },
	{ KEY_PAGEDOWN, 0x79 }, { KEY_F1, 0x7a }, { KEY_RIGHTSHIFT, 0x7b },
	{ KEY_RIGHTALT, 0x7c }, { KEY_RIGHTCTRL, 0x7d }, { KEY_RIGHTMETA, 0x37 },
	{ KEY_POWER, 0x7f },
};

void adb_keymap_default(uint8_t map[ADB_KEYMAP_SIZE])
{
	size_t i;

	memset(map, ADB_NONE, ADB_KEYMAP_SIZE);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		map[keys[i].evdev] = keys[i].adb;
}
