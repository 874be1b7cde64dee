// SPDX-License-Identifier: GPL-2.0
/*
 * OSI video: MOL's MacOnLinuxVideo interface (src/drivers/video/video.c,
 * src/include/video_sh.h).  A list of modes, each at depths 8 (palette),
 * 15 (x1r5g5b5) and 32 (x8r8g8b8), big-endian as a Mac's; the pixels live
 * in the framebuffer slot at OSI_FB_BASE, and every change is described to
 * ui/ through fb_set_mode()/fb_set_palette().
 *
 *   SET_VMODE(mode 1.., depth_mode 0..)  -- 0, or 1 for a bad pair
 *   GET_VMODE_INFO(mode, depth_mode)     -- 0/1; r4-r9 osi_get_vmode_info
 *                                           (mode 0: the default mode)
 *   GET_FB_INFO                          -- 0; r4-r8 osi_fb_info
 *   SET_COLOR(index, rgb)                -- 0; -1 for index >= 256; a
 *                                           negative index refreshes
 *   GET_COLOR(index)                     -- rgb, or -1
 *   VIDEO_ACK_IRQ                        -- 1 and r4 = events when the VBL
 *                                           interrupt was pending (it is
 *                                           lowered), else 0
 *   VIDEO_CNTRL(cmd)                     -- 0, or -1 for an unknown cmd;
 *                                           start/stop VBL interrupts
 *   SET_VIDEO_POWER(state)               -- 0 (state 0 = off ... 3 = on)
 */
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "../vmm/log.h"
#include "../vmm/vm.h"
#include "osi.h"
#include "osi_devices.h"

/* MOL's mode list (shared/OSI.md, from mollib's video modes) */
static const struct { uint16_t w, h; } modes[] = {
	{ 640, 480 }, { 800, 600 }, { 1024, 768 }, { 1152, 864 }, { 1280, 1024 },
	{ 1440, 960 }, { 1600, 1024 }, { 1600, 1200 }, { 1680, 1050 },
};
#define NR_MODES	((int)(sizeof(modes) / sizeof(modes[0])))
static const uint8_t depths[] = { 8, 15, 32 };
#define NR_DEPTHS	((int)sizeof(depths))
/* MOL's start-up mode: 640x480 at depth 32 */
#define DEFAULT_MODE	0
#define DEFAULT_DEPTH	2
/* DEFAULT_VBL_HZ in video.c, in the 16.16 form the record carries */
#define REFRESH_16_16	(75U << 16)

/* video_sh.h kVideoStopVBL ... kVideoUseHWCursor */
enum { VIDEO_STOP_VBL, VIDEO_START_VBL, VIDEO_ROUTE_IRQ, VIDEO_USE_HW_CURSOR };

static unsigned int bytes_per_pixel(int depth_mode)
{
	return depth_mode == 0 ? 1 : depth_mode == 1 ? 2 : 4;
}

static uint32_t row_bytes(int mode, int depth_mode)
{
	return modes[mode].w * bytes_per_pixel(depth_mode);
}

static enum fb_format format_of(int depth_mode)
{
	static const enum fb_format f[] = { FB_PAL8, FB_XRGB1555_BE, FB_XRGB8888_BE };

	return f[depth_mode];
}

/* Both from 0; unsigned, so "negative" guest values are simply too big. */
static bool mode_ok(uint32_t mode, uint32_t depth_mode)
{
	return mode < (uint32_t)NR_MODES && depth_mode < (uint32_t)NR_DEPTHS;
}

/* Tell ui/ what the guest now sees. */
static void publish(struct osi_video *v)
{
	if (!v->powered) {
		fb_set_mode(&v->fb, FB_OFF, 0, 0, 0, NULL);
		return;
	}
	fb_set_mode(&v->fb, format_of(v->depth_mode), modes[v->mode].w, modes[v->mode].h,
		    row_bytes(v->mode, v->depth_mode), v->vram);
}

/* A new mode starts with a grey ramp in the palette, as MOL's set_vmode. */
static void set_mode(struct osi_video *v, int mode, int depth_mode)
{
	unsigned int i;

	v->mode = mode;
	v->depth_mode = depth_mode;
	for (i = 0; i < 256; i++) {
		v->palette[i] = i << 16 | i << 8 | i;
		fb_set_palette(&v->fb, i, v->palette[i]);
	}
	publish(v);
}

void osi_video_default_mode(uint32_t *width, uint32_t *height, uint32_t *depth,
			    uint32_t *rb)
{
	*width = modes[DEFAULT_MODE].w;
	*height = modes[DEFAULT_MODE].h;
	*depth = depths[DEFAULT_DEPTH];
	*rb = row_bytes(DEFAULT_MODE, DEFAULT_DEPTH);
}

int osi_video_init(struct osi_video *v)
{
	void *p = mmap(NULL, OSI_FB_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED) {
		pr_err("cannot allocate the %u MiB framebuffer", OSI_FB_SIZE >> 20);
		return -1;
	}
	v->vram = p;
	v->powered = true;
	fb_init(&v->fb);
	set_mode(v, DEFAULT_MODE, DEFAULT_DEPTH);
	return 0;
}

void osi_video_free(struct osi_video *v)
{
	if (v->vram)
		munmap(v->vram, OSI_FB_SIZE);
	v->vram = NULL;
}

static struct osi_video *video_of(struct vcpu *vcpu)
{
	return &vcpu->vm->osi->video;
}

uint32_t osi_set_vmode(struct vcpu *vcpu, uint64_t *gpr)
{
	uint32_t mode = osi_arg(gpr, 0) - 1, depth_mode = osi_arg(gpr, 1);

	if (!mode_ok(mode, depth_mode))
		return 1;
	set_mode(video_of(vcpu), (int)mode, (int)depth_mode);
	return 0;
}

uint32_t osi_get_vmode_info(struct vcpu *vcpu, uint64_t *gpr)
{
	uint32_t mode = osi_arg(gpr, 0) - 1, depth_mode = osi_arg(gpr, 1);

	(void)vcpu;
	if (mode == UINT32_MAX) {
		mode = DEFAULT_MODE;
		depth_mode = DEFAULT_DEPTH;
	}
	if (!mode_ok(mode, depth_mode))
		return 1;
	/* osi_get_vmode_info_t, big-endian halfwords packed in r4..r9 */
	osi_set_ret(gpr, 0, (uint32_t)NR_MODES << 16 | (mode + 1));
	osi_set_ret(gpr, 1, (uint32_t)NR_DEPTHS << 16 | depth_mode);
	osi_set_ret(gpr, 2, (uint32_t)modes[mode].w << 16 | modes[mode].h);
	osi_set_ret(gpr, 3, REFRESH_16_16);
	osi_set_ret(gpr, 4, depths[depth_mode]);
	osi_set_ret(gpr, 5, row_bytes(mode, depth_mode) << 16 | 0 /* offset */);
	return 0;
}

/* osi_fb_info_t in r4..r8: mphys, row bytes, width, height, depth */
uint32_t osi_get_fb_info(struct vcpu *vcpu, uint64_t *gpr)
{
	struct osi_video *v = video_of(vcpu);

	osi_set_ret(gpr, 0, OSI_FB_BASE);
	osi_set_ret(gpr, 1, row_bytes(v->mode, v->depth_mode));
	osi_set_ret(gpr, 2, modes[v->mode].w);
	osi_set_ret(gpr, 3, modes[v->mode].h);
	osi_set_ret(gpr, 4, depths[v->depth_mode]);
	return 0;
}

void osi_video_set_color(struct vm *vm, unsigned int index, uint32_t rgb)
{
	struct osi_video *v = &vm->osi->video;

	if (index >= 256)
		return;
	v->palette[index] = rgb & 0xffffff;
	fb_set_palette(&v->fb, index, rgb & 0xffffff);
}

uint32_t osi_set_color(struct vcpu *vcpu, uint64_t *gpr)
{
	int32_t index = (int32_t)osi_arg(gpr, 0);

	if (index >= 256)
		return OSI_ERR;
	if (index < 0)
		return 0;	/* "refresh": every entry is already published */
	osi_video_set_color(vcpu->vm, (unsigned int)index, osi_arg(gpr, 1));
	return 0;
}

uint32_t osi_get_color(struct vcpu *vcpu, uint64_t *gpr)
{
	uint32_t index = osi_arg(gpr, 0);

	return index < 256 ? video_of(vcpu)->palette[index] : OSI_ERR;
}

uint32_t osi_video_ack_irq(struct vcpu *vcpu, uint64_t *gpr)
{
	struct osi_video *v = video_of(vcpu);

	if (!irq_level(&v->irq))
		return 0;
	irq_set_level(&v->irq, 0);
	osi_set_ret(gpr, 0, atomic_exchange(&video_of(vcpu)->events, 0));
	return 1;
}

uint32_t osi_video_cntrl(struct vcpu *vcpu, uint64_t *gpr)
{
	switch (osi_arg(gpr, 0)) {
	case VIDEO_STOP_VBL:
		atomic_store(&video_of(vcpu)->vbl_on, false);
		return 0;
	case VIDEO_START_VBL:
		atomic_store(&video_of(vcpu)->vbl_on, true);
		return 0;
	case VIDEO_ROUTE_IRQ:
		return 0;	/* one controller: nothing to route */
	case VIDEO_USE_HW_CURSOR:
		return 0;	/* software cursor */
	default:
		return OSI_ERR;
	}
}

/* SET_VIDEO_POWER(state): Mac OS kAVPowerOff 0 ... kAVPowerOn 3; anything
 * but "on" blanks the display. */
uint32_t osi_set_video_power(struct vcpu *vcpu, uint64_t *gpr)
{
	struct osi_video *v = video_of(vcpu);
	bool on = osi_arg(gpr, 0) == 3;

	if (on != v->powered) {
		v->powered = on;
		publish(v);
	}
	return 0;
}

/* The refresh rate the mode records announce (REFRESH_16_16). */
#define VBL_NSEC	(1000000000L / 75)

void osi_video_vblank(struct vm *vm)
{
	struct osi_video *v = &vm->osi->video;

	atomic_fetch_add(&v->fb.vblank_count, 1);
	if (atomic_load(&v->vbl_on))
		irq_set_level(&v->irq, 1);
}

/* A tick every VBL_NSEC until the stop, which wakes the wait at once
 * (a sleep would hold the teardown up to a frame: 13 ms). */
static void *vbl_thread(void *arg)
{
	struct vm *vm = arg;
	struct osi_devices *osi = vm->osi;
	struct timespec next;

	clock_gettime(CLOCK_MONOTONIC, &next);
	pthread_mutex_lock(&osi->vbl_lock);
	while (!osi->vbl_stop && !vm_stopping(vm)) {
		next.tv_nsec += VBL_NSEC;
		if (next.tv_nsec >= 1000000000L) {
			next.tv_sec++;
			next.tv_nsec -= 1000000000L;
		}
		while (!osi->vbl_stop &&
		       pthread_cond_timedwait(&osi->vbl_wake, &osi->vbl_lock, &next) != ETIMEDOUT)
			;
		if (osi->vbl_stop)
			break;
		pthread_mutex_unlock(&osi->vbl_lock);
		osi_video_vblank(vm);
		pthread_mutex_lock(&osi->vbl_lock);
	}
	pthread_mutex_unlock(&osi->vbl_lock);
	return NULL;
}

int osi_video_start_vbl(struct vm *vm)
{
	struct osi_devices *osi = vm->osi;
	pthread_condattr_t attr;
	int r;

	pthread_mutex_init(&osi->vbl_lock, NULL);
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&osi->vbl_wake, &attr);
	pthread_condattr_destroy(&attr);
	osi->vbl_stop = false;
	r = pthread_create(&osi->vbl_thread, NULL, vbl_thread, vm);
	if (r) {
		pr_err("cannot start the vertical-blank thread: %s", strerror(r));
		pthread_cond_destroy(&osi->vbl_wake);
		pthread_mutex_destroy(&osi->vbl_lock);
		return -1;
	}
	pthread_setname_np(osi->vbl_thread, "osi-vblank");
	osi->vbl_started = true;
	return 0;
}

void osi_video_stop_vbl(struct vm *vm)
{
	struct osi_devices *osi = vm->osi;

	if (osi && osi->vbl_started) {
		pthread_mutex_lock(&osi->vbl_lock);
		osi->vbl_stop = true;
		pthread_cond_signal(&osi->vbl_wake);
		pthread_mutex_unlock(&osi->vbl_lock);
		pthread_join(osi->vbl_thread, NULL);
		pthread_cond_destroy(&osi->vbl_wake);
		pthread_mutex_destroy(&osi->vbl_lock);
		osi->vbl_started = false;
	}
}
