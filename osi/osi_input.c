// SPDX-License-Identifier: GPL-2.0
/*
 * OSI keyboard and mouse (MOL src/drivers/osi_keyboard.c, osi_mouse.c,
 * include/mouse_sh.h), fed by ui/input.h's sink from any thread.
 *
 *   GET_ADB_KEY      -- ADB code (bit 7 set on release), r4 = the raw key
 *                       (the evdev code), or -1 when the queue is empty;
 *                       lowers the keyboard interrupt
 *   KBD_CNTRL(cmd)   -- 0; empties the queue (MOL zaps it for any command)
 *   KEYCODE_TO_ADB(raw) -- ADB code, or -1 when unmapped
 *   MAP_ADB_KEY(raw, adb) -- 0, or -1 for raw >= 256 or adb >= 128
 *   SAVE_KEYMAPPING  -- 0 (molvm keeps the mapping for this run only)
 *   GET_MOUSE        -- old interrupt level; r4..r8 = osi_mouse_t
 *                       {x, y, width, height, event}: a pending relative
 *                       move (event 64) or absolute position (event 128),
 *                       buttons in bits 0-2
 *   ACK_MOUSE_IRQ    -- old interrupt level, now low
 *   GET_MOUSE_DPI, MOUSE_CNTRL(0 = get dpi) -- the resolution
 */
#include <pthread.h>
#include <string.h>

#include "../ui/input.h"
#include "../vmm/vm.h"
#include "osi.h"
#include "osi_devices.h"

/* mouse_sh.h event bits */
#define MOUSE_BUTTONS		7
#define MOUSE_MOVE_DELTA	64
#define MOUSE_MOVE_TO		128
#define MOUSE_CNTRL_GET_DPI	0
#define MOUSE_CNTRL_ROUTE_IRQ	1
/* A classic Mac mouse's resolution (Apple's ADB mouse: 100 dpi). */
#define MOUSE_DPI		100

/* Motion piles up while the guest does not read it: it saturates
 * instead of overflowing (found by fuzz_osi). */
static int32_t add_motion(int32_t sum, int32_t d)
{
	int64_t v = (int64_t)sum + d;

	return v > INT32_MAX ? INT32_MAX : v < INT32_MIN ? INT32_MIN : (int32_t)v;
}

static void input_sink(void *arg, const struct input_event *ev)
{
	struct vm *vm = arg;
	struct osi_input *in = &vm->osi->input;
	bool kbd = false, mouse = false;

	pthread_mutex_lock(&in->lock);
	switch (ev->kind) {
	case INPUT_KEY: {
		uint8_t adb = ev->code < ADB_KEYMAP_SIZE ? in->keymap[ev->code] : ADB_NONE;
		unsigned int next = (in->key_top + 1) % OSI_KEY_QUEUE;

		if (adb == ADB_NONE || next == in->key_bot)
			break;		/* unmapped, or the queue is full: dropped */
		in->keys[in->key_top] = (uint8_t)(adb | (ev->down ? 0 : 0x80));
		in->raw[in->key_top] = ev->code;
		in->key_top = next;
		kbd = true;
		break;
	}
	case INPUT_MOUSE_REL:
		in->dx = add_motion(in->dx, ev->dx);
		in->dy = add_motion(in->dy, ev->dy);
		mouse = true;
		break;
	case INPUT_MOUSE_ABS:
		in->abs_x = (int32_t)ev->x;
		in->abs_y = (int32_t)ev->y;
		in->abs_valid = true;
		mouse = true;
		break;
	case INPUT_MOUSE_BUTTON:
		if (ev->button < 3) {
			/* left, right, middle -> MOL's buttons 1, 2, 3 */
			uint32_t bit = 1U << ev->button;

			in->buttons = ev->down ? in->buttons | bit : in->buttons & ~bit;
			mouse = true;
		}
		break;
	}
	pthread_mutex_unlock(&in->lock);
	if (kbd)
		irq_set_level(&in->kbd_irq, 1);
	if (mouse)
		irq_set_level(&in->mouse_irq, 1);
}

void osi_input_init(struct vm *vm)
{
	struct osi_input *in = &vm->osi->input;

	pthread_mutex_init(&in->lock, NULL);
	adb_keymap_default(in->keymap);
	input_set_sink(&vm->input, input_sink, vm);
}

void osi_input_stop(struct vm *vm)
{
	input_set_sink(&vm->input, NULL, NULL);
}

static struct osi_input *input_of(struct vcpu *vcpu)
{
	return &vcpu->vm->osi->input;
}

uint32_t osi_get_adb_key(struct vcpu *vcpu, uint64_t *gpr)
{
	struct osi_input *in = input_of(vcpu);
	uint32_t r = OSI_ERR;

	pthread_mutex_lock(&in->lock);
	if (in->key_top != in->key_bot) {
		r = in->keys[in->key_bot];
		osi_set_ret(gpr, 0, in->raw[in->key_bot]);
		in->key_bot = (in->key_bot + 1) % OSI_KEY_QUEUE;
	}
	/* Level: low only once the queue is empty. */
	irq_set_level(&in->kbd_irq, in->key_top != in->key_bot);
	pthread_mutex_unlock(&in->lock);
	return r;
}

uint32_t osi_kbd_cntrl(struct vcpu *vcpu, uint64_t *gpr)
{
	struct osi_input *in = input_of(vcpu);

	(void)gpr;
	pthread_mutex_lock(&in->lock);
	in->key_bot = in->key_top;
	irq_set_level(&in->kbd_irq, 0);
	pthread_mutex_unlock(&in->lock);
	return 0;
}

uint32_t osi_keycode_to_adb(struct vcpu *vcpu, uint64_t *gpr)
{
	struct osi_input *in = input_of(vcpu);
	uint32_t raw = osi_arg(gpr, 0), r = OSI_ERR;

	pthread_mutex_lock(&in->lock);
	if (raw < ADB_KEYMAP_SIZE && in->keymap[raw] != ADB_NONE)
		r = in->keymap[raw];
	pthread_mutex_unlock(&in->lock);
	return r;
}

uint32_t osi_map_adb_key(struct vcpu *vcpu, uint64_t *gpr)
{
	struct osi_input *in = input_of(vcpu);
	uint32_t raw = osi_arg(gpr, 0), adb = osi_arg(gpr, 1);

	if (raw >= ADB_KEYMAP_SIZE || adb >= 0x80)
		return OSI_ERR;
	pthread_mutex_lock(&in->lock);
	in->keymap[raw] = (uint8_t)adb;
	pthread_mutex_unlock(&in->lock);
	return 0;
}

uint32_t osi_save_keymapping(struct vcpu *vcpu, uint64_t *gpr)
{
	(void)vcpu;
	(void)gpr;
	return 0;
}

uint32_t osi_get_mouse(struct vcpu *vcpu, uint64_t *gpr)
{
	struct osi_input *in = input_of(vcpu);
	uint32_t event, was_high = irq_level(&in->mouse_irq);

	pthread_mutex_lock(&in->lock);
	event = in->buttons & MOUSE_BUTTONS;
	osi_set_ret(gpr, 0, 0);
	osi_set_ret(gpr, 1, 0);
	osi_set_ret(gpr, 2, 0);
	osi_set_ret(gpr, 3, 0);
	if (in->dx || in->dy) {
		osi_set_ret(gpr, 0, (uint32_t)in->dx);
		osi_set_ret(gpr, 1, (uint32_t)in->dy);
		event |= MOUSE_MOVE_DELTA;
	} else if (in->abs_valid) {
		struct framebuffer *fb = &vcpu->vm->osi->video.fb;

		osi_set_ret(gpr, 0, (uint32_t)in->abs_x);
		osi_set_ret(gpr, 1, (uint32_t)in->abs_y);
		osi_set_ret(gpr, 2, fb->width);
		osi_set_ret(gpr, 3, fb->height);
		event |= MOUSE_MOVE_TO;
	}
	osi_set_ret(gpr, 4, event);
	in->dx = in->dy = 0;
	in->abs_valid = false;
	pthread_mutex_unlock(&in->lock);
	irq_set_level(&in->mouse_irq, 0);
	return was_high;
}

uint32_t osi_ack_mouse_irq(struct vcpu *vcpu, uint64_t *gpr)
{
	struct osi_input *in = input_of(vcpu);
	uint32_t was_high = irq_level(&in->mouse_irq);

	(void)gpr;
	irq_set_level(&in->mouse_irq, 0);
	return was_high;
}

uint32_t osi_get_mouse_dpi(struct vcpu *vcpu, uint64_t *gpr)
{
	(void)vcpu;
	(void)gpr;
	return MOUSE_DPI;
}

uint32_t osi_mouse_cntrl(struct vcpu *vcpu, uint64_t *gpr)
{
	(void)vcpu;
	switch (osi_arg(gpr, 0)) {
	case MOUSE_CNTRL_GET_DPI:
		return MOUSE_DPI;
	case MOUSE_CNTRL_ROUTE_IRQ:
		return 0;	/* one controller: nothing to route */
	default:
		return 1;	/* MOL's answer to an unknown command */
	}
}
