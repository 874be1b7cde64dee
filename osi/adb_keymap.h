/* SPDX-License-Identifier: GPL-2.0 */
/* Linux evdev key codes (ui/input.h's currency) to ADB key codes. */
#ifndef MOLVM_ADB_KEYMAP_H
#define MOLVM_ADB_KEYMAP_H

#include <stdint.h>

#define ADB_KEYMAP_SIZE	256	/* evdev codes below this are mappable */
#define ADB_NONE	0xff	/* no ADB key for this code */

/* The default table: ADB_KEYMAP_SIZE entries, ADB_NONE where unmapped. */
void adb_keymap_default(uint8_t map[ADB_KEYMAP_SIZE]);

#endif
