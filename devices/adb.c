// SPDX-License-Identifier: GPL-2.0
/* The ADB bus: keyboard and mouse (adb.h). */
#include "adb.h"

#include <string.h>

#define CMD_ADDR(c)	((c) >> 4)
#define CMD_REG(c)	((c) & 3)
#define CMD_KIND(c)	((c) & 0x0c)
#define KIND_TALK	0x0c
#define KIND_LISTEN	0x08
#define CMD_RESET	0x00
#define CMD_FLUSH	0x01

/* Apple Extended Keyboard (handler 2; 1 standard, 3 with distinct
 * right-hand modifiers); mouse at 100 dpi (handler 1) or 200 (2) */
#define KBD_HANDLER	2
#define MOUSE_HANDLER	2

void adb_init(struct adb_bus *b)
{
	memset(b, 0, sizeof(*b));
	pthread_mutex_init(&b->lock, NULL);
	b->kbd.addr = ADB_KBD_ADDR;
	b->kbd.handler = KBD_HANDLER;
	b->mouse.addr = ADB_MOUSE_ADDR;
	b->mouse.handler = MOUSE_HANDLER;
	b->leds = 0xff;
	adb_keymap_default(b->keymap);
}

/* Caller holds b->lock. */
static bool kbd_has_data(const struct adb_bus *b)
{
	return b->key_top != b->key_bot;
}

static bool mouse_has_data(const struct adb_bus *b)
{
	return b->dx || b->dy || b->buttons != b->reported_buttons;
}

static int kbd_talk0(struct adb_bus *b, uint8_t *reply)
{
	int i;

	if (!kbd_has_data(b))
		return -1;
	for (i = 0; i < 2; i++) {
		reply[i] = 0xff;
		if (kbd_has_data(b)) {
			reply[i] = b->keys[b->key_bot];
			b->key_bot = (b->key_bot + 1) % ADB_KEY_QUEUE;
		}
	}
	return 2;
}

static uint8_t motion(int32_t *d, bool button_down)
{
	int32_t v = *d < -64 ? -64 : *d > 63 ? 63 : *d;

	*d -= v;
	return (uint8_t)((button_down ? 0 : 0x80) | (v & 0x7f));
}

static int mouse_talk0(struct adb_bus *b, uint8_t *reply)
{
	if (!mouse_has_data(b))
		return -1;
	reply[0] = motion(&b->dy, b->buttons & 1);
	reply[1] = motion(&b->dx, b->buttons & 2);
	b->reported_buttons = b->buttons;
	return 2;
}

static struct adb_device *device_at(struct adb_bus *b, uint8_t addr)
{
	/* A device answers at its own address; the keyboard first, as MOL
	 * found them (a move never lets two answer at once here). */
	if (b->kbd.addr == addr)
		return &b->kbd;
	if (b->mouse.addr == addr)
		return &b->mouse;
	return NULL;
}

static int listen3(struct adb_bus *b, struct adb_device *d, const uint8_t *data, int len)
{
	bool kbd = d == &b->kbd;

	if (len != 2)
		return -1;
	d->srq_enable = data[0] & 0x20;
	switch (data[1]) {
	case 0x00:
	case 0xfe:
		/* move, unless another device already answers there */
		if ((data[0] & 0xf) && !device_at(b, data[0] & 0xf))
			d->addr = data[0] & 0xf;
		break;
	case 0xfd:	/* move if the activator is pressed: it never is */
	case 0xff:	/* self-test */
		break;
	default:
		if (kbd ? data[1] >= 1 && data[1] <= 3 : data[1] >= 1 && data[1] <= 2)
			d->handler = data[1];
		break;
	}
	return 0;
}

int adb_request(struct adb_bus *b, uint8_t cmd, const uint8_t *data, int len,
		uint8_t reply[ADB_MAX_REPLY])
{
	struct adb_device *d;
	int r = -1;

	if (len < 0 || len > ADB_MAX_REPLY)
		return -1;
	pthread_mutex_lock(&b->lock);
	if ((cmd & 0x0f) == CMD_RESET) {
		/* SendReset: every device back to its own address, no data */
		b->kbd.addr = ADB_KBD_ADDR;
		b->mouse.addr = ADB_MOUSE_ADDR;
		b->key_bot = b->key_top;
		b->dx = b->dy = 0;
		b->reported_buttons = b->buttons;
		r = 0;
		goto out;
	}
	d = device_at(b, CMD_ADDR(cmd));
	if (!d)
		goto out;
	if ((cmd & 0x0f) == CMD_FLUSH) {
		if (d == &b->kbd)
			b->key_bot = b->key_top;
		else
			b->dx = b->dy = 0;
		r = 0;
	} else if (CMD_KIND(cmd) == KIND_TALK) {
		switch (CMD_REG(cmd)) {
		case 0:
			r = d == &b->kbd ? kbd_talk0(b, reply) : mouse_talk0(b, reply);
			break;
		case 2:
			if (d == &b->kbd) {
				reply[0] = 0xff;	/* no modifier held */
				reply[1] = b->leds;
				r = 2;
			}
			break;
		case 3:
			reply[0] = (uint8_t)(0x40 | (d->srq_enable ? 0x20 : 0) | d->addr);
			reply[1] = d->handler;
			r = 2;
			break;
		}
	} else if (CMD_KIND(cmd) == KIND_LISTEN) {
		if (CMD_REG(cmd) == 3)
			r = listen3(b, d, data, len);
		else if (CMD_REG(cmd) == 2 && d == &b->kbd && len == 2)
			b->leds = data[1], r = 0;
		else
			r = 0;	/* accepted, nothing to keep */
	}
out:
	pthread_mutex_unlock(&b->lock);
	return r;
}

bool adb_pending(struct adb_bus *b)
{
	bool r;

	pthread_mutex_lock(&b->lock);
	r = kbd_has_data(b) || mouse_has_data(b);
	pthread_mutex_unlock(&b->lock);
	return r;
}

int adb_poll(struct adb_bus *b, uint8_t *cmd, uint8_t reply[ADB_MAX_REPLY])
{
	int r = -1;

	pthread_mutex_lock(&b->lock);
	if (kbd_has_data(b)) {
		*cmd = (uint8_t)(b->kbd.addr << 4 | KIND_TALK);
		r = kbd_talk0(b, reply);
	} else if (mouse_has_data(b)) {
		*cmd = (uint8_t)(b->mouse.addr << 4 | KIND_TALK);
		r = mouse_talk0(b, reply);
	}
	pthread_mutex_unlock(&b->lock);
	return r;
}

/* Motion not yet reported, bounded: a guest that never polls cannot make
 * it grow without limit. */
#define MOTION_LIMIT	(1 << 20)

static void add_motion(int32_t *acc, int64_t d)
{
	int64_t v = (int64_t)*acc + d;

	*acc = (int32_t)(v > MOTION_LIMIT ? MOTION_LIMIT : v < -MOTION_LIMIT ? -MOTION_LIMIT : v);
}

bool adb_input(struct adb_bus *b, const struct input_event *ev)
{
	bool got = false;

	pthread_mutex_lock(&b->lock);
	switch (ev->kind) {
	case INPUT_KEY: {
		uint8_t code = ev->code < ADB_KEYMAP_SIZE ? b->keymap[ev->code] : ADB_NONE;
		unsigned int next = (b->key_top + 1) % ADB_KEY_QUEUE;

		if (code == ADB_NONE || next == b->key_bot)
			break;		/* unmapped, or the queue is full: dropped */
		b->keys[b->key_top] = (uint8_t)(code | (ev->down ? 0 : 0x80));
		b->key_top = next;
		got = true;
		break;
	}
	case INPUT_MOUSE_REL:
		add_motion(&b->dx, ev->dx);
		add_motion(&b->dy, ev->dy);
		got = true;
		break;
	case INPUT_MOUSE_ABS:
		/* ADB mice are relative: report the way from the last position */
		if (b->abs_valid) {
			add_motion(&b->dx, (int64_t)ev->x - b->abs_x);
			add_motion(&b->dy, (int64_t)ev->y - b->abs_y);
			got = true;
		}
		b->abs_x = (int32_t)ev->x;
		b->abs_y = (int32_t)ev->y;
		b->abs_valid = true;
		break;
	case INPUT_MOUSE_BUTTON:
		/* left and right; ADB's mice have two buttons at most here */
		if (ev->button < 2) {
			uint32_t bit = 1U << ev->button;

			b->buttons = ev->down ? b->buttons | bit : b->buttons & ~bit;
			got = true;
		}
		break;
	}
	pthread_mutex_unlock(&b->lock);
	return got;
}
