/* SPDX-License-Identifier: GPL-2.0 */
/*
 * virtio-sound (virtio 1.2, section 5.14; Linux CONFIG_SND_VIRTIO): one
 * PCM output stream, signed 16-bit little-endian, 1 or 2 channels, 8 to
 * 48 kHz, played through the VM's audio back end (ui/audio.h).  No jacks,
 * no channel maps, no capture.
 *
 * The guest's I/O messages are consumed in real time: a message is read
 * from guest memory and completed when the stream's playback position
 * reaches it (a timer on the main loop), not when it is queued.  That is
 * what the driver expects: Linux queues every period of its ring at START
 * and re-queues each one as it completes, before the application has
 * written the period's next data.  A stream that runs dry does not bank
 * time: it resumes where the next message arrives.
 */
#ifndef MOLVM_VIRTIO_SND_H
#define MOLVM_VIRTIO_SND_H

#include <stdint.h>

#include "virtio_pci.h"

struct audio;
struct event;
struct event_base;

#define VIRTIO_ID_SOUND		25
#define VIRTIO_SND_VQ_CONTROL	0
#define VIRTIO_SND_VQ_EVENT	1
#define VIRTIO_SND_VQ_TX	2
#define VIRTIO_SND_VQ_RX	3
#define VIRTIO_SND_CFG_LEN	12	/* struct virtio_snd_config */
#define VIRTIO_SND_PENDING	VIRTQ_MAX_SIZE
#define VIRTIO_SND_MSG_BUFS	16	/* descriptors of one I/O message we keep */

/* An I/O message waiting for its time: its chain, kept compactly. */
struct virtio_snd_msg {
	uint16_t head;
	uint16_t n_out, n_in;
	struct virtq_buf out[VIRTIO_SND_MSG_BUFS];
	struct virtq_buf in[2];
	uint64_t out_len, in_len;
};

enum virtio_snd_state {
	VIRTIO_SND_IDLE,	/* no parameters, or released */
	VIRTIO_SND_SET,		/* parameters set */
	VIRTIO_SND_PREPARED,	/* prepared or stopped */
	VIRTIO_SND_RUNNING,
};

struct virtio_snd {
	struct virtio_pci vp;
	struct audio *audio;		/* NULL: played into nothing */
	struct event *tick;		/* the playback clock, on the main loop */
	int64_t (*now_ns)(void);	/* the clock (tests replace it) */

	/* stream 0 (under vp.lock) */
	enum virtio_snd_state state;
	uint32_t buffer_bytes, period_bytes;
	uint8_t channels;
	uint32_t rate;
	int64_t start_ns;		/* when played_bytes was 0 */
	uint64_t played_bytes;
	struct virtio_snd_msg pending[VIRTIO_SND_PENDING];
	unsigned int head, count;

	struct virtq_chain chain;	/* scratch: what the queues hand in */
	struct virtq_chain io_chain;	/* scratch: a pending message, rebuilt */
	uint8_t data[8192];		/* scratch: PCM bytes on their way */
	int16_t pcm[4096];
};

extern const struct virtio_dev_ops virtio_snd_ops;
/* One with -audiodev (vmm/pci_devices.h) */
extern const struct pci_device_kind virtio_snd_kind;

void virtio_snd_setup(struct virtio_snd *s, struct audio *audio);
/* The playback clock ran to now: complete what is due.  Takes vp.lock. */
void virtio_snd_advance(struct virtio_snd *s);
/* The timer that calls virtio_snd_advance while a stream runs. */
int virtio_snd_start(struct virtio_snd *s, struct event_base *base);
void virtio_snd_exit(struct virtio_snd *s);

#endif
