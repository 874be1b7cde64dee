// SPDX-License-Identifier: GPL-2.0
#include "osi_sound.h"

#include <event2/event.h>
#include <string.h>
#include <time.h>

#include "../ui/audio.h"
#include "../vmm/guest_mem.h"
#include "../vmm/irq.h"
#include "../vmm/log.h"
#include "../vmm/vm.h"
#include "osi.h"
#include "osi_devices.h"

#define TICK_US		5000	/* the clock's period while playing */

#define MAX_WRITE	(1u << 20)	/* one SOUND_WRITE buffer at most */

static const uint32_t rates[] = { 8000, 11025, 16000, 22050, 32000, 44100, 48000 };

static int64_t monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void osi_sound_init(struct osi_sound *s, const struct guest_mem *mem, struct audio *audio,
		    void (*set_irq)(void *opaque, int level), void *opaque)
{
	memset(s, 0, sizeof(*s));
	pthread_mutex_init(&s->lock, NULL);
	s->mem = mem;
	s->audio = audio;
	s->set_irq = set_irq;
	s->irq_opaque = opaque;
	s->now_ns = monotonic_ns;
}

void osi_sound_destroy(struct osi_sound *s)
{
	pthread_mutex_destroy(&s->lock);
}

static void irq(struct osi_sound *s, int level)
{
	s->raised = level != 0;
	if (s->set_irq)
		s->set_irq(s->irq_opaque, level);
}

/* MOL sound_calc_bpf */
static uint32_t bytes_per_frame(int format)
{
	return ((format & SOUND_FMT_U8) ? 1u : 2u) * ((format & SOUND_FMT_STEREO) ? 2u : 1u);
}

static bool format_ok(uint32_t format, uint32_t rate)
{
	uint32_t kind = format & ~(uint32_t)SOUND_FMT_STEREO;
	size_t i;

	if (kind != SOUND_FMT_U8 && kind != SOUND_FMT_S16_BE && kind != SOUND_FMT_S16_LE)
		return false;
	for (i = 0; i < sizeof(rates) / sizeof(rates[0]); i++)
		if (rates[i] == rate)
			return true;
	return false;
}

/* n bytes of the guest's format to the back end. */
static void play(struct osi_sound *s, const uint8_t *b, uint32_t n)
{
	uint32_t i, samples = n / (s->bpf / ((s->format & SOUND_FMT_STEREO) ? 2 : 1));

	if (!s->audio)
		return;
	for (i = 0; i < samples; i++) {
		if (s->format & SOUND_FMT_U8)
			s->pcm[i] = (int16_t)((b[i] - 128) * 256);
		else if (s->format & SOUND_FMT_S16_LE)
			s->pcm[i] = (int16_t)(b[2 * i] | b[2 * i + 1] << 8);
		else
			s->pcm[i] = (int16_t)(b[2 * i] << 8 | b[2 * i + 1]);
	}
	audio_write(s->audio, s->pcm, n / s->bpf);
}

/* One fragment's worth (or what is there) from the queue or the ring;
 * false when there is nothing to play.  With the lock held. */
static bool play_fragment(struct osi_sound *s)
{
	uint8_t frag[OSI_SOUND_FRAGSIZE];
	uint32_t n;

	if (s->ring) {
		uint64_t gpa = (uint64_t)s->ring + (uint64_t)s->ring_ind * OSI_SOUND_FRAGSIZE;

		if (!guest_read(s->mem, gpa, frag, OSI_SOUND_FRAGSIZE))
			return false;
		play(s, frag, OSI_SOUND_FRAGSIZE);
		s->played += OSI_SOUND_FRAGSIZE;
		if (++s->ring_ind == s->ring_frags) {
			s->ring_ind = 0;
			s->timestamp = (uint64_t)s->now_ns();
			irq(s, 1);
		}
		return true;
	}
	n = s->q_len < OSI_SOUND_FRAGSIZE ? s->q_len : OSI_SOUND_FRAGSIZE;
	n -= n % s->bpf;
	if (!n)
		return false;
	/* the queue is a ring of bytes: copy out in up to two pieces */
	{
		uint32_t first = OSI_SOUND_QUEUE - s->q_head < n ? OSI_SOUND_QUEUE - s->q_head : n;

		memcpy(frag, s->queue + s->q_head, first);
		memcpy(frag + first, s->queue, n - first);
	}
	s->q_head = (s->q_head + n) % OSI_SOUND_QUEUE;
	s->q_len -= n;
	play(s, frag, n);
	s->played += n;
	/* Room for another buffer: ask for it (MOL raises the interrupt once
	 * it has taken the buffer it was given). */
	if (s->want_irq && s->q_len <= OSI_SOUND_BUFSIZE) {
		s->want_irq = false;
		irq(s, 1);
	}
	return true;
}

void osi_sound_advance(struct osi_sound *s)
{
	uint64_t byte_rate, due;
	int64_t now;

	pthread_mutex_lock(&s->lock);
	byte_rate = (uint64_t)s->rate * s->bpf;
	if (!s->started || s->paused || !byte_rate) {
		pthread_mutex_unlock(&s->lock);
		return;
	}
	now = s->now_ns();
	due = now > s->start_ns ? (uint64_t)(now - s->start_ns) * byte_rate / 1000000000 : 0;
	while (s->played + OSI_SOUND_FRAGSIZE <= due)
		if (!play_fragment(s)) {
			/* dry: no credit; the next sound starts when it comes */
			s->start_ns = now - (int64_t)(s->played * 1000000000 / byte_rate);
			break;
		}
	pthread_mutex_unlock(&s->lock);
}

static int32_t start(struct osi_sound *s)
{
	if (s->started || !s->format)
		return -1;
	if (s->audio && audio_start(s->audio, s->rate, (s->format & SOUND_FMT_STEREO) ? 2 : 1))
		return -1;
	s->started = true;
	s->paused = false;
	s->ring_ind = 0;
	s->played = 0;
	s->start_ns = s->now_ns();
	return 0;
}

static void stop(struct osi_sound *s)
{
	if (!s->started)
		return;
	s->started = false;
	s->q_head = s->q_len = 0;
	s->want_irq = false;
	irq(s, 0);
	if (s->audio)
		audio_stop(s->audio);
}

int32_t osi_sound_cntl(struct osi_sound *s, int32_t cmd, uint32_t a, uint32_t b)
{
	int32_t r = 0;

	pthread_mutex_lock(&s->lock);
	switch (cmd) {
	case SOUND_CHECK_API:
		r = a == OSI_SOUND_API_VERSION ? 0 : -1;
		break;
	case SOUND_OSX_DRIVER_VERSION:
		break;
	case SOUND_CLASSIC_DRIVER_VERSION:
		r = a < 2 ? -1 : 0;	/* MOL: "install the latest MOLAudio" */
		break;
	case SOUND_QUERY_FORMAT:
		r = s->started ? 1 : format_ok(a, b) ? 0 : -1;
		break;
	case SOUND_SET_FORMAT:
		if (s->started && (s->format != (int)a || s->rate != b))
			r = 1;
		else if (!format_ok(a, b))
			r = -1;
		else {
			s->format = (int)a;
			s->rate = b;
			s->bpf = bytes_per_frame((int)a);
		}
		break;
	case SOUND_GET_BUFSIZE:
		r = OSI_SOUND_BUFSIZE;
		break;
	case SOUND_START:
		r = start(s);
		break;
	case SOUND_STOP:
		stop(s);
		break;
	case SOUND_FLUSH:
	case SOUND_ROUTE_IRQ:		/* old-world only */
		break;
	case SOUND_PAUSE:
		s->paused = s->started;
		break;
	case SOUND_RESUME:
		if (s->paused) {
			s->paused = false;
			s->start_ns = s->now_ns() - (int64_t)(s->played * 1000000000 /
							       ((uint64_t)s->rate * s->bpf));
		}
		break;
	case SOUND_SETUP_RING:		/* bufsize, buffer */
		if (!b) {
			s->ring = 0;
		} else if (!s->format || a < OSI_SOUND_FRAGSIZE || a > (4u << 20) ||
			   !guest_range_ok(s->mem, b, a)) {
			r = -1;
		} else {
			s->ring = b;
			s->ring_frags = a / OSI_SOUND_FRAGSIZE;
			s->ring_ind = 0;
		}
		break;
	case SOUND_GET_RING_SAMPLE:
		r = s->bpf ? (int32_t)(s->ring_ind * OSI_SOUND_FRAGSIZE / s->bpf) : 0;
		break;
	case SOUND_GET_SAMPLE_OFFSET:
		r = 0;
		break;
	case SOUND_GET_SAMPLE_LATENCY:
		r = OSI_SOUND_FRAGSIZE / (s->bpf ? s->bpf : 1);
		break;
	default:
		r = -1;
		break;
	}
	pthread_mutex_unlock(&s->lock);
	return r;
}

int32_t osi_sound_write(struct osi_sound *s, uint32_t phys, uint32_t len)
{
	uint32_t tail, first;
	int32_t r = 0;

	pthread_mutex_lock(&s->lock);
	if (!phys || !len || len > MAX_WRITE || !guest_range_ok(s->mem, phys, len) || !s->bpf) {
		r = -1;
	} else {
		len -= len % s->bpf;
		/* A guest that writes ahead of the clock loses what does not
		 * fit (MOL overwrote its pending buffer). */
		if (len > OSI_SOUND_QUEUE - s->q_len)
			len = OSI_SOUND_QUEUE - s->q_len;
		tail = (s->q_head + s->q_len) % OSI_SOUND_QUEUE;
		first = OSI_SOUND_QUEUE - tail < len ? OSI_SOUND_QUEUE - tail : len;
		guest_read(s->mem, phys, s->queue + tail, first);
		guest_read(s->mem, (uint64_t)phys + first, s->queue, len - first);
		s->q_len += len;
		s->want_irq = true;
		if (s->q_len <= OSI_SOUND_BUFSIZE) {
			/* taken at once: ask for the next one now */
			s->want_irq = false;
			irq(s, 1);
		}
	}
	pthread_mutex_unlock(&s->lock);
	return r;
}

int32_t osi_sound_irq_ack(struct osi_sound *s, uint64_t *ts)
{
	int32_t r;

	pthread_mutex_lock(&s->lock);
	*ts = s->timestamp;
	r = s->raised;
	irq(s, 0);
	pthread_mutex_unlock(&s->lock);
	return r;
}

/* ---- the OSI selectors (powermac, with -audiodev) ------------------------------ */

void osi_sound_line(void *opaque, int level)
{
	irq_set_level(opaque, level);
}

bool osi_sound_present(const struct vm *vm)
{
	return vm->osi && vm->osi->sound_present;
}

static void on_tick(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	osi_sound_advance(arg);
}

int osi_sound_start(struct vm *vm)
{
	struct osi_devices *d = vm->osi;

	if (!d || !d->sound_present)
		return 0;
	d->sound.audio = vm->audio;
	d->sound_tick = event_new(vm->base, -1, EV_PERSIST, on_tick, &d->sound);
	if (!d->sound_tick) {
		pr_err("OSI sound: cannot set up its clock");
		return -1;
	}
	return 0;
}

/* SOUND_CNTL(cmd, a, b); the clock runs while the sound is started. */
uint32_t osi_sound_cntl_call(struct vcpu *vcpu, uint64_t *gpr)
{
	struct osi_devices *d = vcpu->vm->osi;
	int32_t cmd = (int32_t)osi_arg(gpr, 0);
	int32_t r = osi_sound_cntl(&d->sound, cmd, osi_arg(gpr, 1), osi_arg(gpr, 2));

	if (d->sound_tick && cmd == SOUND_START && !r) {
		struct timeval tv = { 0, TICK_US };

		event_add(d->sound_tick, &tv);
	} else if (d->sound_tick && cmd == SOUND_STOP) {
		event_del_noblock(d->sound_tick);
	}
	return (uint32_t)r;
}

/* SOUND_WRITE(physbuf, len, restart) */
uint32_t osi_sound_write_call(struct vcpu *vcpu, uint64_t *gpr)
{
	return (uint32_t)osi_sound_write(&vcpu->vm->osi->sound, osi_arg(gpr, 0), osi_arg(gpr, 1));
}

/* SOUND_SET_VOLUME(hwvol, speaker, mute): accepted, not applied (the
 * host's mixer sets the volume). */
uint32_t osi_sound_set_volume(struct vcpu *vcpu, uint64_t *gpr)
{
	(void)vcpu;
	(void)gpr;
	return 0;
}

/* SOUND_IRQ_ACK: whether the interrupt was raised; r4:r5 = the time of the
 * last ring wrap in timebase ticks (MOL's get_timestamp). */
uint32_t osi_sound_irq_ack_call(struct vcpu *vcpu, uint64_t *gpr)
{
	struct osi_devices *d = vcpu->vm->osi;
	uint64_t ns, tb;
	int32_t r = osi_sound_irq_ack(&d->sound, &ns);

	/* ns * tb_freq overflows 64 bits after hours: whole seconds and the
	 * rest apart (exact; 32-bit hosts have no 128-bit integers). */
	tb = ns / 1000000000u * d->tb_freq + ns % 1000000000u * d->tb_freq / 1000000000u;
	osi_set_ret(gpr, 0, (uint32_t)(tb >> 32));
	osi_set_ret(gpr, 1, (uint32_t)tb);
	return (uint32_t)r;
}
