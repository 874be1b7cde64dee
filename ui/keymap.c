// SPDX-License-Identifier: GPL-2.0
#include "keymap.h"

#include <linux/input-event-codes.h>
#include <string.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Indexed by HID usage ID (USB HID Usage Tables 1.12, section 10). */
static const uint16_t hid_keys[0xe8] = {
	[0x04] = KEY_A, [0x05] = KEY_B, [0x06] = KEY_C, [0x07] = KEY_D,
	[0x08] = KEY_E, [0x09] = KEY_F, [0x0a] = KEY_G, [0x0b] = KEY_H,
	[0x0c] = KEY_I, [0x0d] = KEY_J, [0x0e] = KEY_K, [0x0f] = KEY_L,
	[0x10] = KEY_M, [0x11] = KEY_N, [0x12] = KEY_O, [0x13] = KEY_P,
	[0x14] = KEY_Q, [0x15] = KEY_R, [0x16] = KEY_S, [0x17] = KEY_T,
	[0x18] = KEY_U, [0x19] = KEY_V, [0x1a] = KEY_W, [0x1b] = KEY_X,
	[0x1c] = KEY_Y, [0x1d] = KEY_Z,
	[0x1e] = KEY_1, [0x1f] = KEY_2, [0x20] = KEY_3, [0x21] = KEY_4,
	[0x22] = KEY_5, [0x23] = KEY_6, [0x24] = KEY_7, [0x25] = KEY_8,
	[0x26] = KEY_9, [0x27] = KEY_0,
	[0x28] = KEY_ENTER, [0x29] = KEY_ESC, [0x2a] = KEY_BACKSPACE,
	[0x2b] = KEY_TAB, [0x2c] = KEY_SPACE, [0x2d] = KEY_MINUS,
	[0x2e] = KEY_EQUAL, [0x2f] = KEY_LEFTBRACE, [0x30] = KEY_RIGHTBRACE,
	[0x31] = KEY_BACKSLASH, [0x32] = KEY_BACKSLASH, [0x33] = KEY_SEMICOLON,
	[0x34] = KEY_APOSTROPHE, [0x35] = KEY_GRAVE, [0x36] = KEY_COMMA,
	[0x37] = KEY_DOT, [0x38] = KEY_SLASH, [0x39] = KEY_CAPSLOCK,
	[0x3a] = KEY_F1, [0x3b] = KEY_F2, [0x3c] = KEY_F3, [0x3d] = KEY_F4,
	[0x3e] = KEY_F5, [0x3f] = KEY_F6, [0x40] = KEY_F7, [0x41] = KEY_F8,
	[0x42] = KEY_F9, [0x43] = KEY_F10, [0x44] = KEY_F11, [0x45] = KEY_F12,
	[0x46] = KEY_SYSRQ, [0x47] = KEY_SCROLLLOCK, [0x48] = KEY_PAUSE,
	[0x49] = KEY_INSERT, [0x4a] = KEY_HOME, [0x4b] = KEY_PAGEUP,
	[0x4c] = KEY_DELETE, [0x4d] = KEY_END, [0x4e] = KEY_PAGEDOWN,
	[0x4f] = KEY_RIGHT, [0x50] = KEY_LEFT, [0x51] = KEY_DOWN, [0x52] = KEY_UP,
	[0x53] = KEY_NUMLOCK, [0x54] = KEY_KPSLASH, [0x55] = KEY_KPASTERISK,
	[0x56] = KEY_KPMINUS, [0x57] = KEY_KPPLUS, [0x58] = KEY_KPENTER,
	[0x59] = KEY_KP1, [0x5a] = KEY_KP2, [0x5b] = KEY_KP3, [0x5c] = KEY_KP4,
	[0x5d] = KEY_KP5, [0x5e] = KEY_KP6, [0x5f] = KEY_KP7, [0x60] = KEY_KP8,
	[0x61] = KEY_KP9, [0x62] = KEY_KP0, [0x63] = KEY_KPDOT,
	[0x64] = KEY_102ND, [0x65] = KEY_COMPOSE, [0x66] = KEY_POWER,
	[0x67] = KEY_KPEQUAL,
	[0x68] = KEY_F13, [0x69] = KEY_F14, [0x6a] = KEY_F15, [0x6b] = KEY_F16,
	[0x6c] = KEY_F17, [0x6d] = KEY_F18, [0x6e] = KEY_F19, [0x6f] = KEY_F20,
	[0x70] = KEY_F21, [0x71] = KEY_F22, [0x72] = KEY_F23, [0x73] = KEY_F24,
	[0x7f] = KEY_MUTE, [0x80] = KEY_VOLUMEUP, [0x81] = KEY_VOLUMEDOWN,
	[0xe0] = KEY_LEFTCTRL, [0xe1] = KEY_LEFTSHIFT, [0xe2] = KEY_LEFTALT,
	[0xe3] = KEY_LEFTMETA, [0xe4] = KEY_RIGHTCTRL, [0xe5] = KEY_RIGHTSHIFT,
	[0xe6] = KEY_RIGHTALT, [0xe7] = KEY_RIGHTMETA,
};

uint16_t keymap_hid_to_evdev(uint32_t usage)
{
	return usage < N(hid_keys) ? hid_keys[usage] : 0;
}

struct key_name {
	const char *name;
	uint16_t code;
};

/* QEMU's QKeyCode names (qapi/ui.json), plus "cmd"/"option" for Mac users. */
static const struct key_name names[] = {
	{ "a", KEY_A }, { "b", KEY_B }, { "c", KEY_C }, { "d", KEY_D },
	{ "e", KEY_E }, { "f", KEY_F }, { "g", KEY_G }, { "h", KEY_H },
	{ "i", KEY_I }, { "j", KEY_J }, { "k", KEY_K }, { "l", KEY_L },
	{ "m", KEY_M }, { "n", KEY_N }, { "o", KEY_O }, { "p", KEY_P },
	{ "q", KEY_Q }, { "r", KEY_R }, { "s", KEY_S }, { "t", KEY_T },
	{ "u", KEY_U }, { "v", KEY_V }, { "w", KEY_W }, { "x", KEY_X },
	{ "y", KEY_Y }, { "z", KEY_Z },
	{ "0", KEY_0 }, { "1", KEY_1 }, { "2", KEY_2 }, { "3", KEY_3 },
	{ "4", KEY_4 }, { "5", KEY_5 }, { "6", KEY_6 }, { "7", KEY_7 },
	{ "8", KEY_8 }, { "9", KEY_9 },
	{ "ret", KEY_ENTER }, { "esc", KEY_ESC }, { "backspace", KEY_BACKSPACE },
	{ "tab", KEY_TAB }, { "spc", KEY_SPACE }, { "minus", KEY_MINUS },
	{ "equal", KEY_EQUAL }, { "bracket_left", KEY_LEFTBRACE },
	{ "bracket_right", KEY_RIGHTBRACE }, { "backslash", KEY_BACKSLASH },
	{ "semicolon", KEY_SEMICOLON }, { "apostrophe", KEY_APOSTROPHE },
	{ "grave_accent", KEY_GRAVE }, { "comma", KEY_COMMA }, { "dot", KEY_DOT },
	{ "slash", KEY_SLASH }, { "caps_lock", KEY_CAPSLOCK },
	{ "f1", KEY_F1 }, { "f2", KEY_F2 }, { "f3", KEY_F3 }, { "f4", KEY_F4 },
	{ "f5", KEY_F5 }, { "f6", KEY_F6 }, { "f7", KEY_F7 }, { "f8", KEY_F8 },
	{ "f9", KEY_F9 }, { "f10", KEY_F10 }, { "f11", KEY_F11 }, { "f12", KEY_F12 },
	{ "insert", KEY_INSERT }, { "home", KEY_HOME }, { "pgup", KEY_PAGEUP },
	{ "delete", KEY_DELETE }, { "end", KEY_END }, { "pgdn", KEY_PAGEDOWN },
	{ "right", KEY_RIGHT }, { "left", KEY_LEFT }, { "down", KEY_DOWN }, { "up", KEY_UP },
	{ "ctrl", KEY_LEFTCTRL }, { "ctrl_r", KEY_RIGHTCTRL },
	{ "shift", KEY_LEFTSHIFT }, { "shift_r", KEY_RIGHTSHIFT },
	{ "alt", KEY_LEFTALT }, { "alt_r", KEY_RIGHTALT },
	{ "meta_l", KEY_LEFTMETA }, { "meta_r", KEY_RIGHTMETA },
	{ "cmd", KEY_LEFTMETA }, { "option", KEY_LEFTALT },
	{ "power", KEY_POWER },
};

uint16_t keymap_name_to_evdev(const char *name)
{
	size_t i;

	for (i = 0; i < N(names); i++)
		if (!strcmp(names[i].name, name))
			return names[i].code;
	return 0;
}

/* US layout: the unshifted and shifted character on each key. */
static const struct {
	char plain, shifted;
	uint16_t code;
} us_keys[] = {
	{ '1', '!', KEY_1 }, { '2', '@', KEY_2 }, { '3', '#', KEY_3 },
	{ '4', '$', KEY_4 }, { '5', '%', KEY_5 }, { '6', '^', KEY_6 },
	{ '7', '&', KEY_7 }, { '8', '*', KEY_8 }, { '9', '(', KEY_9 },
	{ '0', ')', KEY_0 }, { '-', '_', KEY_MINUS }, { '=', '+', KEY_EQUAL },
	{ '[', '{', KEY_LEFTBRACE }, { ']', '}', KEY_RIGHTBRACE },
	{ '\\', '|', KEY_BACKSLASH }, { ';', ':', KEY_SEMICOLON },
	{ '\'', '"', KEY_APOSTROPHE }, { '`', '~', KEY_GRAVE },
	{ ',', '<', KEY_COMMA }, { '.', '>', KEY_DOT }, { '/', '?', KEY_SLASH },
	{ ' ', 0, KEY_SPACE }, { '\n', 0, KEY_ENTER }, { '\t', 0, KEY_TAB },
};

bool keymap_char_to_evdev(char c, uint16_t *code, bool *shift)
{
	char name[2] = { 0, 0 };
	size_t i;

	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
		name[0] = (char)(c | 0x20);
		*code = keymap_name_to_evdev(name);
		*shift = c >= 'A' && c <= 'Z';
		return true;
	}
	for (i = 0; i < N(us_keys); i++) {
		if (c == us_keys[i].plain || (us_keys[i].shifted && c == us_keys[i].shifted)) {
			*code = us_keys[i].code;
			*shift = c != us_keys[i].plain;
			return true;
		}
	}
	return false;
}

/* X11 keysyms (X11/keysymdef.h), the RFB protocol's key currency (RFC 6143
 * 7.5.4), for the keys that are not printable Latin-1 characters. */
static const struct {
	uint32_t keysym;
	uint16_t code;
} keysyms[] = {
	{ 0xff08, KEY_BACKSPACE }, { 0xff09, KEY_TAB }, { 0xff0d, KEY_ENTER },
	{ 0xff13, KEY_PAUSE }, { 0xff14, KEY_SCROLLLOCK }, { 0xff15, KEY_SYSRQ },
	{ 0xff1b, KEY_ESC }, { 0xffff, KEY_DELETE },
	{ 0xff50, KEY_HOME }, { 0xff51, KEY_LEFT }, { 0xff52, KEY_UP },
	{ 0xff53, KEY_RIGHT }, { 0xff54, KEY_DOWN }, { 0xff55, KEY_PAGEUP },
	{ 0xff56, KEY_PAGEDOWN }, { 0xff57, KEY_END }, { 0xff61, KEY_SYSRQ },
	{ 0xff63, KEY_INSERT }, { 0xff67, KEY_COMPOSE }, { 0xff7f, KEY_NUMLOCK },
	{ 0xff8d, KEY_KPENTER }, { 0xffaa, KEY_KPASTERISK }, { 0xffab, KEY_KPPLUS },
	{ 0xffad, KEY_KPMINUS }, { 0xffae, KEY_KPDOT }, { 0xffaf, KEY_KPSLASH },
	{ 0xffbd, KEY_KPEQUAL },
	{ 0xffb0, KEY_KP0 }, { 0xffb1, KEY_KP1 }, { 0xffb2, KEY_KP2 }, { 0xffb3, KEY_KP3 },
	{ 0xffb4, KEY_KP4 }, { 0xffb5, KEY_KP5 }, { 0xffb6, KEY_KP6 }, { 0xffb7, KEY_KP7 },
	{ 0xffb8, KEY_KP8 }, { 0xffb9, KEY_KP9 },
	/* the keypad with Num Lock off */
	{ 0xff95, KEY_KP7 }, { 0xff96, KEY_KP4 }, { 0xff97, KEY_KP8 }, { 0xff98, KEY_KP6 },
	{ 0xff99, KEY_KP2 }, { 0xff9a, KEY_KP9 }, { 0xff9b, KEY_KP3 }, { 0xff9c, KEY_KP1 },
	{ 0xff9d, KEY_KP5 }, { 0xff9e, KEY_KP0 }, { 0xff9f, KEY_KPDOT },
	{ 0xffbe, KEY_F1 }, { 0xffbf, KEY_F2 }, { 0xffc0, KEY_F3 }, { 0xffc1, KEY_F4 },
	{ 0xffc2, KEY_F5 }, { 0xffc3, KEY_F6 }, { 0xffc4, KEY_F7 }, { 0xffc5, KEY_F8 },
	{ 0xffc6, KEY_F9 }, { 0xffc7, KEY_F10 }, { 0xffc8, KEY_F11 }, { 0xffc9, KEY_F12 },
	{ 0xffe1, KEY_LEFTSHIFT }, { 0xffe2, KEY_RIGHTSHIFT }, { 0xffe3, KEY_LEFTCTRL },
	{ 0xffe4, KEY_RIGHTCTRL }, { 0xffe5, KEY_CAPSLOCK }, { 0xffe7, KEY_LEFTMETA },
	{ 0xffe8, KEY_RIGHTMETA }, { 0xffe9, KEY_LEFTALT }, { 0xffea, KEY_RIGHTALT },
	{ 0xffeb, KEY_LEFTMETA }, { 0xffec, KEY_RIGHTMETA },
	{ 0xfe03, KEY_RIGHTALT },	/* ISO_Level3_Shift: AltGr */
};

uint16_t keymap_keysym_to_evdev(uint32_t keysym)
{
	uint16_t code;
	bool shift;
	size_t i;

	/* Latin-1 keysyms are the characters: the key that types them on a
	 * US keyboard (the client sends Shift as a key of its own). */
	if (keysym >= 0x20 && keysym < 0x7f)
		return keymap_char_to_evdev((char)keysym, &code, &shift) ? code : 0;
	for (i = 0; i < N(keysyms); i++)
		if (keysyms[i].keysym == keysym)
			return keysyms[i].code;
	return 0;
}
