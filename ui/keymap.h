/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Key codes into the common currency of ui/input.h, the Linux evdev
 * KEY_* code: from USB HID keyboard usages (which SDL scancodes are),
 * from key names (the control socket's sendkey, QEMU's qcode spelling),
 * from characters (the control socket's type, a US layout) and from X11
 * keysyms (VNC).
 */
#ifndef MOLVM_KEYMAP_H
#define MOLVM_KEYMAP_H

#include <stdbool.h>
#include <stdint.h>

/* USB HID Usage Tables 1.12, keyboard page (0x07).  0: no such key. */
uint16_t keymap_hid_to_evdev(uint32_t usage);

/* "a", "ret", "ctrl", "f1", "meta_l" ...; 0 when unknown. */
uint16_t keymap_name_to_evdev(const char *name);

/* The key and whether Shift is needed to type c on a US keyboard;
 * false when c cannot be typed. */
bool keymap_char_to_evdev(char c, uint16_t *code, bool *shift);

/* An X11 keysym (what VNC clients send) to the key that produces it on
 * a US keyboard; 0 when there is none. */
uint16_t keymap_keysym_to_evdev(uint32_t keysym);

#endif
