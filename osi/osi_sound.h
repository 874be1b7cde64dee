/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MOL's sound device (mol-src/src/drivers/sound.c; the ABI in
 * include/sound_sh.h, OSI_SOUND_API_VERSION 2), played through the VM's
 * audio back end (ui/audio.h).  Two ways for a guest to play:
 *  - classic Mac OS (MOL's MOLAudio extension): SOUND_WRITE hands a
 *    buffer; the device takes it and raises its interrupt when it wants
 *    the next one (MOL's double buffer, dbufsize = kSoundGetBufsize), and
 *    SOUND_IRQ_ACK lowers it;
 *  - OS X (MolAudio.kext): kSoundSetupRing names a ring of fragments in
 *    guest memory that the device plays round and round, interrupting at
 *    each wrap; kSoundGetRingSample says where it is.
 * Formats: U8, S16 big- or little-endian, mono or stereo; 8 to 48 kHz.
 * The device consumes the guest's sound in real time, a fragment at a time,
 * on a main-loop clock; a guest that runs dry is not made up for
 * afterwards (no silence is invented).
 *
 * The device is at the top of osi_sound.c, the OSI selectors below it.
 */
#ifndef MOLVM_OSI_SOUND_H
#define MOLVM_OSI_SOUND_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

struct audio;
struct guest_mem;

/* sound_sh.h */
#define OSI_SOUND_API_VERSION	2
#define SOUND_CHECK_API		(-1)
#define SOUND_STOP		0
#define SOUND_START		1
#define SOUND_GET_BUFSIZE	2
#define SOUND_ROUTE_IRQ		3
#define SOUND_FLUSH		4
#define SOUND_RESUME		5
#define SOUND_QUERY_FORMAT	6
#define SOUND_SET_FORMAT	7
#define SOUND_PAUSE		9
#define SOUND_SETUP_RING	10
#define SOUND_GET_RING_SAMPLE	11
#define SOUND_OSX_DRIVER_VERSION	12
#define SOUND_CLASSIC_DRIVER_VERSION	13
#define SOUND_GET_SAMPLE_OFFSET	14
#define SOUND_GET_SAMPLE_LATENCY	15
#define SOUND_FMT_U8		1
#define SOUND_FMT_S16_BE	2
#define SOUND_FMT_S16_LE	4
#define SOUND_FMT_STEREO	16

#define OSI_SOUND_FRAGSIZE	4096	/* bytes: MOL's nosound fragment */
#define OSI_SOUND_BUFSIZE	(2 * OSI_SOUND_FRAGSIZE)	/* MOL: dbufsize = 2 frags */
#define OSI_SOUND_QUEUE		(4 * OSI_SOUND_BUFSIZE)	/* what SOUND_WRITE may queue */

struct osi_sound {
	pthread_mutex_t lock;		/* vCPU thread vs. the clock on the main loop */
	const struct guest_mem *mem;
	struct audio *audio;
	void (*set_irq)(void *opaque, int level);
	void *irq_opaque;
	int64_t (*now_ns)(void);	/* the clock (tests replace it) */

	int format;			/* 0: none set */
	uint32_t rate, bpf;		/* Hz, bytes per frame */
	bool started, paused;
	int64_t start_ns;		/* when played was 0 */
	uint64_t played;		/* bytes */
	uint64_t timestamp;		/* ns of the last ring wrap (IRQ_ACK's r4:r5) */
	bool raised;			/* the interrupt as last driven */

	/* classic: what SOUND_WRITE queued, guest bytes as they were */
	uint8_t queue[OSI_SOUND_QUEUE];
	uint32_t q_head, q_len;
	bool want_irq;			/* a buffer was taken: say so */

	/* OS X: the ring in guest memory */
	uint32_t ring, ring_frags, ring_ind;

	int16_t pcm[OSI_SOUND_FRAGSIZE];
};

void osi_sound_init(struct osi_sound *s, const struct guest_mem *mem, struct audio *audio,
		    void (*set_irq)(void *opaque, int level), void *opaque);
void osi_sound_destroy(struct osi_sound *s);

/* SOUND_CNTL(cmd, a, b): MOL's return value (-1: refused). */
int32_t osi_sound_cntl(struct osi_sound *s, int32_t cmd, uint32_t a, uint32_t b);
/* SOUND_WRITE(phys, len, restart): 0, or -1 for a bad buffer. */
int32_t osi_sound_write(struct osi_sound *s, uint32_t phys, uint32_t len);
/* SOUND_IRQ_ACK: lowers the interrupt; *ts = the last wrap's time (ns).
 * Returns whether it was raised. */
int32_t osi_sound_irq_ack(struct osi_sound *s, uint64_t *ts);
/* The clock: play what is due now (the main loop calls it every few ms). */
void osi_sound_advance(struct osi_sound *s);
/* set_irq for an irq_line (vmm/irq.h) as opaque. */
void osi_sound_line(void *opaque, int level);

#endif
