/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host side of the powermac machine's OSI devices: what the handlers
 * in osi_*.c keep between calls.  One per VM (vm->osi); NULL on machines
 * without them (pseries), where those selectors are "not available".
 * Only the vCPU thread touches it while the guest runs.
 */
#ifndef MOLVM_OSI_DEVICES_H
#define MOLVM_OSI_DEVICES_H

#include <stdbool.h>
#include <stddef.h>
#include <pthread.h>
#include <stdint.h>

#include "../ui/framebuffer.h"
#include "../vmm/irq.h"
#include "../vmm/powermac_platform.h"
#include "adb_keymap.h"
#include "of_fw.h"
#include "osi_ablk.h"
#include "osi_enet.h"
#include "osi_enet2.h"
#include "osi_sound.h"

struct vm;
struct drive_config;
struct netdev_config;

#define OSI_NVRAM_BYTES	0x2000	/* MOL src/drivers/nvram.c NVRAM_SIZE */

/*
 * The framebuffer: guest-visible memory of its own (a KVM memory slot
 * above RAM) at the address MOL gave ELF guests (src/drivers/video/
 * video.c: mbase 0x81000000), as large as MOL's MacOnLinuxVideo PCI BAR.
 */
#define OSI_FB_BASE	PMAC_FB_BASE
#define OSI_FB_SIZE	PMAC_FB_SIZE

/* osi-pic sources (the "interrupts" of the tree's nodes) */
#define OSI_PIC_SOURCES	32
#define OSI_IRQ_VIDEO	1
#define OSI_IRQ_TTY	2
#define OSI_IRQ_MOUSE	3
#define OSI_IRQ_KBD	4
#define OSI_IRQ_ABLK	5
#define OSI_IRQ_ENET	6
#define OSI_IRQ_SOUND	7

struct osi_pic {
	pthread_mutex_t lock;		/* sources change from any thread */
	uint32_t level, mask;
	bool cpu_line;			/* what the output last said */
	struct irq_line out;		/* vCPU 0's external interrupt */
};

struct osi_video {
	uint8_t *vram;			/* OSI_FB_SIZE bytes, mmap'd */
	int mode, depth_mode;		/* current, both from 0 */
	bool powered;
	uint32_t palette[256];		/* 0x00RRGGBB */
	struct framebuffer fb;		/* what ui/ shows */
	atomic_bool vbl_on;		/* VIDEO_CNTRL start/stop VBL */
	atomic_uint events;		/* VIDEO_ACK_IRQ's r4 */
	struct irq_line irq;		/* vertical blank */
};

#define OSI_KEY_QUEUE	64	/* keys waiting for GET_ADB_KEY (MOL: 16) */

struct osi_input {
	pthread_mutex_t lock;		/* the ui thread posts, the vCPU reads */
	uint8_t keymap[ADB_KEYMAP_SIZE];	/* evdev -> ADB, MAP_ADB_KEY changes it */
	uint8_t keys[OSI_KEY_QUEUE];
	uint16_t raw[OSI_KEY_QUEUE];
	unsigned int key_top, key_bot;
	int32_t dx, dy;			/* pending relative motion */
	int32_t abs_x, abs_y;
	bool abs_valid;
	uint32_t buttons;		/* bit 0 left, 1 right, 2 middle */
	struct irq_line kbd_irq, mouse_irq;
};

struct osi_devices {
	uint32_t tb_freq;		/* timebase ticks per second (MOL "mticks") */

	uint8_t nvram[OSI_NVRAM_BYTES];
	const char *nvram_path;		/* -nvram FILE, or NULL: not persisted */

	uint8_t *prom;			/* the device tree PROM_IFACE serves (libfdt) */
	size_t prom_size;		/* its buffer, with room for setprop */
	struct of_fw of;		/* Open Firmware: instances, claims (of_client.c) */

	struct osi_pic pic;
	struct ablk ablk;
	struct osi_input input;
	struct enet2 enet2;
	struct osi_video video;
	struct mac_enet menet;		/* the old network calls, same NIC as enet2 */
	/* The vertical-blank thread; the stop wakes it from its wait. */
	pthread_t vbl_thread;
	pthread_mutex_t vbl_lock;
	pthread_cond_t vbl_wake;
	bool vbl_stop;			/* under vbl_lock */
	bool vbl_started;
	bool tty_attached;		/* console input raises tty_irq */
	struct irq_line tty_irq;
	/* MOL's sound device, with -audiodev (osi_sound.c) */
	bool sound_present;
	struct osi_sound sound;
	struct irq_line sound_irq;
	struct event *sound_tick;	/* its clock, while it plays */
};

struct pmac_boot;

/*
 * Set up the devices: the tree (copied into a larger buffer), NVRAM from
 * nvram_path when the file exists, the firmware for RAM laid out as boot
 * says.  Errors are printed; returns -1.
 */
int osi_devices_init(struct vm *vm, uint32_t tb_freq, const void *fdt,
		     const char *nvram_path, const struct drive_config *drives, int nr_drives,
		     const struct netdev_config *net, const struct pmac_boot *boot);
/* Write NVRAM back to its file (if any); returns -1 on failure. */
int osi_devices_save(struct vm *vm);
void osi_devices_free(struct vm *vm);

/* osi_video.c: the framebuffer in its start-up mode (0 ok, -1 error). */
int osi_video_init(struct osi_video *v);
void osi_video_free(struct osi_video *v);
/* The default mode's geometry, for the device tree. */
void osi_video_default_mode(uint32_t *width, uint32_t *height, uint32_t *depth,
			    uint32_t *row_bytes);

/* osi_pic.c: the controller, its output on vCPU 0 (0 or -1); a device's line to
 * source irq; the level of a source's input. */
int osi_pic_init(struct vm *vm, struct osi_pic *pic);
void osi_pic_connect(struct osi_pic *pic, unsigned int irq, struct irq_line *line);
bool osi_pic_level(struct vm *vm, unsigned int irq);

/* osi_video.c: palette entry index (0..255; others ignored) = 0xRRGGBB */
void osi_video_set_color(struct vm *vm, unsigned int index, uint32_t rgb);

/* osi_video.c: one vertical blank (raises the video interrupt when the
 * guest asked for VBL interrupts). */
void osi_video_vblank(struct vm *vm);
/* Start/stop the 75 Hz vertical-blank thread (with the VM). */
int osi_video_start_vbl(struct vm *vm);
void osi_video_stop_vbl(struct vm *vm);

/* osi_input.c: take ui/input.h's events (init makes the OSI devices the
 * VM's sink; a machine with more consumers passes each event on to
 * osi_input_event itself). */
struct input_event;
void osi_input_init(struct vm *vm);
void osi_input_stop(struct vm *vm);
void osi_input_event(struct vm *vm, const struct input_event *ev);

/* osi_sound.c: with the event loop and the audio back end (vm->audio). */
int osi_sound_start(struct vm *vm);

/* osi_nvram.c: load/save the image file (0 ok, -1 error printed). */
int osi_nvram_load(struct osi_devices *d, const char *path);
/* A new NVRAM: MOL's default partitions (osi_nvram.c) */
void osi_nvram_default(uint8_t nv[OSI_NVRAM_BYTES]);
int osi_nvram_save(const struct osi_devices *d);

#endif
