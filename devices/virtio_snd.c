// SPDX-License-Identifier: GPL-2.0
#include "virtio_snd.h"

#include <event2/event.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../ui/audio.h"
#include "../vmm/le.h"
#include "../vmm/log.h"
#include "../vmm/vm.h"

/* Request codes and status (virtio 1.2, 5.14.6) */
#define R_JACK_INFO		0x0001
#define R_JACK_REMAP		0x0002
#define R_PCM_INFO		0x0100
#define R_PCM_SET_PARAMS	0x0101
#define R_PCM_PREPARE		0x0102
#define R_PCM_RELEASE		0x0103
#define R_PCM_START		0x0104
#define R_PCM_STOP		0x0105
#define R_CHMAP_INFO		0x0200
#define S_OK			0x8000
#define S_BAD_MSG		0x8001
#define S_NOT_SUPP		0x8002

#define FMT_S16			5	/* VIRTIO_SND_PCM_FMT_S16 */
#define PCM_INFO_LEN		32	/* struct virtio_snd_pcm_info */
#define SET_PARAMS_LEN		24	/* struct virtio_snd_pcm_set_params */
#define MAX_BUFFER_BYTES	(4u << 20)
#define TICK_MS			5

/* VIRTIO_SND_PCM_RATE_* index -> Hz; the ones offered (8 to 48 kHz). */
static const uint32_t rates[] = { 5512, 8000, 11025, 16000, 22050, 32000, 44100, 48000 };
#define RATES_OFFERED	0xfeull		/* bits 1..7: 8000..48000 */

static int64_t monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void virtio_snd_setup(struct virtio_snd *s, struct audio *audio)
{
	s->audio = audio;
	s->now_ns = monotonic_ns;
	s->state = VIRTIO_SND_IDLE;
	s->head = s->count = 0;
}

static uint64_t snd_features(void *dev)
{
	(void)dev;
	return 0;		/* no VIRTIO_SND_F_* in virtio 1.2 */
}

/* struct virtio_snd_config: jacks 0, streams 1, chmaps 0 */
static void snd_config_read(void *dev, uint32_t off, uint8_t *data, uint32_t len)
{
	uint8_t cfg[VIRTIO_SND_CFG_LEN] = { 0 };

	(void)dev;
	le32_store(cfg + 4, 1);
	memcpy(data, cfg + off, len);	/* checked by the transport */
}

/* ---- I/O messages ------------------------------------------------------------ */

static struct virtq_chain *as_chain(struct virtio_snd *s, const struct virtio_snd_msg *m)
{
	struct virtq_chain *c = &s->io_chain;

	c->head = m->head;
	c->n_out = m->n_out;
	c->n_in = m->n_in;
	memcpy(c->out, m->out, sizeof(m->out[0]) * m->n_out);
	memcpy(c->in, m->in, sizeof(m->in[0]) * m->n_in);
	c->out_len = m->out_len;
	c->in_len = m->in_len;
	return c;
}

/* Hand a message back with its struct virtio_snd_pcm_status (in the
 * last 8 writable bytes).  With vp.lock held. */
static bool complete_io(struct virtio_snd *s, struct virtq *q, const struct virtq_chain *c,
			uint32_t status)
{
	uint8_t st[8];
	size_t put;

	le32_store(st, status);
	le32_store(st + 4, 0);		/* latency_bytes */
	put = c->in_len >= 8 ? virtq_write(s->vp.mem, c, c->in_len - 8, st, 8) : 0;
	return virtq_push(s->vp.mem, q, c->head, (uint32_t)put);
}

/* The PCM bytes of message m (after its 4-byte xfer header) to the audio
 * back end: little-endian S16 frames, a partial frame dropped. */
static void play(struct virtio_snd *s, const struct virtq_chain *c)
{
	uint64_t off = 4, end = c->out_len;
	unsigned int frame = 2u * s->channels;

	while (off + frame <= end) {
		size_t n = end - off > sizeof(s->data) ? sizeof(s->data) : (size_t)(end - off), i;

		n -= n % frame;
		n = virtq_read(s->vp.mem, c, off, s->data, n);
		n -= n % frame;
		if (!n)
			break;
		for (i = 0; i < n / 2; i++)
			s->pcm[i] = (int16_t)le16_load(s->data + 2 * i);
		if (s->audio)
			audio_write(s->audio, s->pcm, n / frame);
		off += n;
	}
}

static uint64_t msg_bytes(const struct virtio_snd_msg *m)
{
	return m->out_len - 4;
}

/* Every pending message back to the guest unplayed (stop, release,
 * reset).  With vp.lock held. */
static void flush_pending(struct virtio_snd *s)
{
	struct virtq *q = virtio_pci_queue(&s->vp, VIRTIO_SND_VQ_TX);
	bool any = false;

	while (s->count) {
		if (q && complete_io(s, q, as_chain(s, &s->pending[s->head]), S_OK))
			any = true;
		s->head = (s->head + 1) % VIRTIO_SND_PENDING;
		s->count--;
	}
	if (any)
		virtio_pci_interrupt(&s->vp);
}

/* With vp.lock held. */
static void advance_locked(struct virtio_snd *s)
{
	struct virtq *q = virtio_pci_queue(&s->vp, VIRTIO_SND_VQ_TX);
	uint64_t byte_rate = (uint64_t)s->rate * 2 * s->channels, due;
	int64_t now = s->now_ns();
	bool any = false;

	if (s->state != VIRTIO_SND_RUNNING || !q || !byte_rate)
		return;
	due = now > s->start_ns ? (uint64_t)(now - s->start_ns) * byte_rate / 1000000000 : 0;
	while (s->count && s->played_bytes + msg_bytes(&s->pending[s->head]) <= due) {
		const struct virtq_chain *c = as_chain(s, &s->pending[s->head]);

		play(s, c);
		s->played_bytes += msg_bytes(&s->pending[s->head]);
		s->head = (s->head + 1) % VIRTIO_SND_PENDING;
		s->count--;
		if (complete_io(s, q, c, S_OK))
			any = true;
	}
	/* Run dry: no credit for the silence; the next message starts now. */
	if (!s->count && s->played_bytes < due)
		s->start_ns = now - (int64_t)(s->played_bytes * 1000000000 / byte_rate);
	if (any)
		virtio_pci_interrupt(&s->vp);
}

void virtio_snd_advance(struct virtio_snd *s)
{
	virtio_pci_lock(&s->vp);
	advance_locked(s);
	virtio_pci_unlock(&s->vp);
}

static void on_tick(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	virtio_snd_advance(arg);
}

/* Take the guest's new I/O messages. */
static void take_tx(struct virtio_snd *s, struct virtq *q)
{
	bool any = false;

	while (virtio_pci_pop(&s->vp, q, &s->chain) == 1) {
		struct virtq_chain *c = &s->chain;
		struct virtio_snd_msg *m;
		uint8_t hdr[4];
		bool ok = c->out_len >= 4 && c->in_len >= 8 && c->n_out <= VIRTIO_SND_MSG_BUFS &&
			  c->n_in <= 2 && virtq_read(s->vp.mem, c, 0, hdr, 4) == 4 &&
			  le32_load(hdr) == 0 && s->state >= VIRTIO_SND_SET &&
			  s->count < VIRTIO_SND_PENDING;

		if (!ok) {
			if (complete_io(s, q, c, S_BAD_MSG))
				any = true;
			continue;
		}
		m = &s->pending[(s->head + s->count++) % VIRTIO_SND_PENDING];
		m->head = c->head;
		m->n_out = (uint16_t)c->n_out;
		m->n_in = (uint16_t)c->n_in;
		memcpy(m->out, c->out, sizeof(c->out[0]) * c->n_out);
		memcpy(m->in, c->in, sizeof(c->in[0]) * c->n_in);
		m->out_len = c->out_len;
		m->in_len = c->in_len;
	}
	if (any)
		virtio_pci_interrupt(&s->vp);
	advance_locked(s);	/* a stream that ran dry resumes at once */
}

/* ---- control requests ---------------------------------------------------------- */

/* struct virtio_snd_query_info: code, start_id, count, size */
static uint32_t pcm_info(struct virtio_snd *s, const struct virtq_chain *c, uint32_t *put)
{
	uint8_t req[16], info[PCM_INFO_LEN] = { 0 };
	uint32_t start, count, size, i;

	if (virtq_read(s->vp.mem, c, 0, req, 16) != 16)
		return S_BAD_MSG;
	start = le32_load(req + 4);
	count = le32_load(req + 8);
	size = le32_load(req + 12);
	if (start > 1 || count > 1 - start || size < PCM_INFO_LEN || size > 256 ||
	    c->in_len < 4 + (uint64_t)count * size)
		return S_BAD_MSG;
	/* hda_fn_nid 0, features 0, formats, rates, direction output, 1..2 channels */
	le64_store(info + 8, 1ull << FMT_S16);
	le64_store(info + 16, RATES_OFFERED);
	info[24] = 0;
	info[25] = 1;
	info[26] = 2;
	for (i = 0; i < count; i++) {
		uint8_t zero[256] = { 0 };

		virtq_write(s->vp.mem, c, 4 + (uint64_t)i * size, zero, size);
		virtq_write(s->vp.mem, c, 4 + (uint64_t)i * size, info, PCM_INFO_LEN);
	}
	*put = 4 + count * size;
	return S_OK;
}

static uint32_t set_params(struct virtio_snd *s, const struct virtq_chain *c)
{
	uint8_t p[SET_PARAMS_LEN];
	uint32_t buffer, period, features;
	uint8_t channels, format, rate;

	if (virtq_read(s->vp.mem, c, 0, p, sizeof(p)) != sizeof(p) || le32_load(p + 4) != 0)
		return S_BAD_MSG;
	if (s->state == VIRTIO_SND_RUNNING)
		return S_BAD_MSG;
	buffer = le32_load(p + 8);
	period = le32_load(p + 12);
	features = le32_load(p + 16);
	channels = p[20];
	format = p[21];
	rate = p[22];
	if (!period || buffer % period || buffer > MAX_BUFFER_BYTES)
		return S_BAD_MSG;
	if (features || format != FMT_S16 || channels < 1 || channels > 2 ||
	    rate >= sizeof(rates) / sizeof(rates[0]) || !(RATES_OFFERED & (1ull << rate)))
		return S_NOT_SUPP;
	s->buffer_bytes = buffer;
	s->period_bytes = period;
	s->channels = channels;
	s->rate = rates[rate];
	s->state = VIRTIO_SND_SET;
	return S_OK;
}

static uint32_t pcm_request(struct virtio_snd *s, uint32_t code, const struct virtq_chain *c)
{
	uint8_t p[8];

	if (virtq_read(s->vp.mem, c, 0, p, 8) != 8 || le32_load(p + 4) != 0)
		return S_BAD_MSG;
	switch (code) {
	case R_PCM_PREPARE:
		if (s->state == VIRTIO_SND_IDLE || s->state == VIRTIO_SND_RUNNING)
			return S_BAD_MSG;
		if (s->audio && audio_start(s->audio, s->rate, s->channels))
			return S_NOT_SUPP;
		s->state = VIRTIO_SND_PREPARED;
		return S_OK;
	case R_PCM_START:
		if (s->state != VIRTIO_SND_PREPARED)
			return S_BAD_MSG;
		s->state = VIRTIO_SND_RUNNING;
		s->start_ns = s->now_ns();
		s->played_bytes = 0;
		if (s->tick) {
			struct timeval tv = { 0, TICK_MS * 1000 };

			event_add(s->tick, &tv);
		}
		return S_OK;
	case R_PCM_STOP:
		if (s->state != VIRTIO_SND_RUNNING)
			return S_BAD_MSG;
		advance_locked(s);
		s->state = VIRTIO_SND_PREPARED;
		/* Never event_del() here: a vCPU thread holding vp.lock would
		 * wait for a tick that waits for the lock. */
		if (s->tick)
			event_del_noblock(s->tick);
		flush_pending(s);
		if (s->audio)
			audio_stop(s->audio);
		return S_OK;
	case R_PCM_RELEASE:
		if (s->state == VIRTIO_SND_RUNNING)
			return S_BAD_MSG;
		flush_pending(s);
		s->state = VIRTIO_SND_IDLE;
		return S_OK;
	}
	return S_NOT_SUPP;
}

static void control(struct virtio_snd *s, struct virtq *q)
{
	bool any = false;

	while (virtio_pci_pop(&s->vp, q, &s->chain) == 1) {
		const struct virtq_chain *c = &s->chain;
		uint8_t hdr[4], st[4];
		uint32_t code, status = S_BAD_MSG, put = 4;

		if (c->in_len < 4) {
			any |= virtq_push(s->vp.mem, q, c->head, 0);
			continue;
		}
		if (virtq_read(s->vp.mem, c, 0, hdr, 4) == 4) {
			code = le32_load(hdr);
			switch (code) {
			case R_PCM_INFO:
				status = pcm_info(s, c, &put);
				break;
			case R_PCM_SET_PARAMS:
				status = set_params(s, c);
				break;
			case R_PCM_PREPARE:
			case R_PCM_RELEASE:
			case R_PCM_START:
			case R_PCM_STOP:
				status = pcm_request(s, code, c);
				break;
			case R_JACK_INFO:
			case R_CHMAP_INFO:
			case R_JACK_REMAP:
				status = S_BAD_MSG;	/* there are none */
				break;
			default:
				status = S_NOT_SUPP;
				break;
			}
		}
		if (status != S_OK)
			put = 4;
		le32_store(st, status);
		virtq_write(s->vp.mem, c, 0, st, 4);
		any |= virtq_push(s->vp.mem, q, c->head, put);
	}
	if (any)
		virtio_pci_interrupt(&s->vp);
}

/* Capture is not offered: RX buffers go back empty. */
static void drain(struct virtio_snd *s, struct virtq *q)
{
	bool any = false;

	while (virtio_pci_pop(&s->vp, q, &s->chain) == 1)
		any |= virtq_push(s->vp.mem, q, s->chain.head, 0);
	if (any)
		virtio_pci_interrupt(&s->vp);
}

static void snd_notify(struct virtio_pci *vp, void *dev, uint16_t qi)
{
	struct virtio_snd *s = dev;
	struct virtq *q = virtio_pci_queue(vp, qi);

	if (!q)
		return;
	switch (qi) {
	case VIRTIO_SND_VQ_CONTROL:
		control(s, q);
		break;
	case VIRTIO_SND_VQ_TX:
		take_tx(s, q);
		break;
	case VIRTIO_SND_VQ_RX:
		drain(s, q);
		break;
	default:
		break;		/* event buffers wait: there are no events */
	}
}

static void snd_reset(void *dev)
{
	struct virtio_snd *s = dev;

	if (s->tick)
		event_del_noblock(s->tick);
	if (s->state == VIRTIO_SND_RUNNING && s->audio)
		audio_stop(s->audio);
	s->state = VIRTIO_SND_IDLE;
	s->head = s->count = 0;	/* the transport cleared the queues */
}

int virtio_snd_start(struct virtio_snd *s, struct event_base *base)
{
	s->tick = event_new(base, -1, EV_PERSIST, on_tick, s);
	return s->tick ? 0 : -1;
}

void virtio_snd_exit(struct virtio_snd *s)
{
	if (s->tick)
		event_free(s->tick);
	s->tick = NULL;
}

const struct virtio_dev_ops virtio_snd_ops = {
	.name = "virtio-sound",
	.virtio_id = VIRTIO_ID_SOUND,
	.class_code = 0x040100,		/* multimedia, audio */
	.num_queues = 4,
	.config_len = VIRTIO_SND_CFG_LEN,
	.features = snd_features,
	.config_read = snd_config_read,
	.notify = snd_notify,
	.reset = snd_reset,
};

/* ---- on the PCI bus (vmm/pci_devices.h): one with -audiodev ---------------------- */

static int snd_count(const struct vm_config *cfg)
{
	return cfg->audiodev ? 1 : 0;
}

static struct pci_function *snd_create(struct vm *vm, int i)
{
	struct virtio_snd *s = calloc(1, sizeof(*s));

	(void)i;
	if (!s) {
		pr_err("virtio-sound: out of memory");
		return NULL;
	}
	virtio_pci_init(&s->vp, &virtio_snd_ops, s, &vm->mem);
	virtio_snd_setup(s, NULL);
	return &s->vp.fn;
}

/* The back end is opened by then (vmm/main.c). */
static int snd_open(struct vm *vm, struct pci_function *fn, int i)
{
	struct virtio_snd *s = virtio_pci_dev(fn);

	(void)i;
	s->audio = vm->audio;
	return 0;
}

static int snd_start(struct vm *vm, struct pci_function *fn, int i)
{
	(void)i;
	if (virtio_snd_start(virtio_pci_dev(fn), vm->base)) {
		pr_err("virtio-sound: cannot set up its clock");
		return -1;
	}
	return 0;
}

static void snd_destroy(struct vm *vm, struct pci_function *fn)
{
	struct virtio_snd *s = virtio_pci_dev(fn);

	(void)vm;
	virtio_snd_exit(s);
	virtio_pci_exit(&s->vp);
	free(s);
}

const struct pci_device_kind virtio_snd_kind = {
	.name = "virtio-sound",
	.count = snd_count,
	.create = snd_create,
	.open = snd_open,
	.start = snd_start,
	.destroy = snd_destroy,
};
