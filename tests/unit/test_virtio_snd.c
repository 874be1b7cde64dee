// SPDX-License-Identifier: GPL-2.0
/*
 * virtio-sound on hand-built rings with a fake clock: the PCM info the
 * driver queries, parameters checked, I/O messages completed at the
 * stream's playback rate (not when queued) and read at that time, no
 * credit after running dry, stop handing back what waits, hostile
 * requests answered with an error status; what was played lands in a WAV
 * file through the audio back end.
 */
#include <stdio.h>
#include <string.h>

#include "../../devices/virtio_snd.h"
#include "../../ui/audio.h"
#include "../../vmm/guest_mem.h"
#include "../../vmm/le.h"
#include "unit.h"

#define RAM	0x100000
#define QSIZE	16
#define CDESC	0x1000		/* control queue */
#define CAVAIL	0x2000
#define CUSED	0x3000
#define TDESC	0x4000		/* tx queue */
#define TAVAIL	0x5000
#define TUSED	0x6000
#define REQ	0x8000
#define RESP	0x9000
#define PCM	0x10000		/* 4 periods of 4800 bytes */
#define STATUS	0x20000
#define PERIOD	4800		/* 1200 stereo frames: 25 ms at 48 kHz */
#define WAV	"/tmp/molvm-unit-vsnd.wav"

static struct guest_mem mem;
static struct virtio_snd snd;
static struct audio *audio;
static int64_t fake_ns;

static int64_t fake_now(void)
{
	return fake_ns;
}

static void no_irq(void *opaque, uint32_t nr, int level)
{
	(void)opaque;
	(void)nr;
	(void)level;
}

static const struct irq_chip test_chip = { .name = "test", .set_level = no_irq };

static void queue_at(struct virtq *q, uint64_t desc, uint64_t avail, uint64_t used)
{
	virtq_reset(q);
	q->size = QSIZE;
	q->enabled = true;
	q->desc = desc;
	q->avail = avail;
	q->used = used;
}

static void setup(void)
{
	struct audio_spec spec;
	char err[128];

	ck_assert_int_eq(guest_mem_alloc(&mem, RAM), 0);
	ck_assert_int_eq(audio_parse_spec("wav,path=" WAV, &spec, err, sizeof(err)), 0);
	audio = audio_open(&spec);
	ck_assert_ptr_nonnull(audio);
	virtio_snd_setup(&snd, audio);
	snd.now_ns = fake_now;
	fake_ns = 1000000000;
	virtio_pci_init(&snd.vp, &virtio_snd_ops, &snd, &mem);
	irq_connect(&snd.vp.fn.irq, &test_chip, NULL, 0);
	queue_at(&snd.vp.vq[VIRTIO_SND_VQ_CONTROL], CDESC, CAVAIL, CUSED);
	queue_at(&snd.vp.vq[VIRTIO_SND_VQ_TX], TDESC, TAVAIL, TUSED);
	snd.vp.status = VIRTIO_STATUS_DRIVER_OK;
}

static void teardown(void)
{
	audio_close(audio);
	guest_mem_free(&mem);
	remove(WAV);
}

static void set_desc(uint64_t table, uint16_t i, uint64_t addr, uint32_t len, uint16_t flags,
		     uint16_t next)
{
	uint8_t *d = guest_ptr(&mem, table + 16 * i, 16);

	le64_store(d, addr);
	le32_store(d + 8, len);
	le16_store(d + 12, flags);
	le16_store(d + 14, next);
}

static void offer(uint64_t avail, uint16_t head)
{
	uint16_t idx;

	ck_assert(guest_read_le16(&mem, avail + 2, &idx));
	ck_assert(guest_write_le16(&mem, avail + 4 + 2 * (idx % QSIZE), head));
	ck_assert(guest_write_le16(&mem, avail + 2, (uint16_t)(idx + 1)));
}

static void kick(uint16_t q)
{
	uint8_t v[2] = { (uint8_t)q, 0 };

	virtio_pci_bar_access(&snd.vp, VIRTIO_PCI_NOTIFY_OFF + VIRTIO_PCI_NOTIFY_MULT * q, v, 2,
			      true);
}

static uint16_t used_idx(uint64_t used)
{
	uint16_t idx;

	ck_assert(guest_read_le16(&mem, used + 2, &idx));
	return idx;
}

/* A control request of len bytes (already at REQ); its status. */
static uint32_t request(uint32_t len, uint32_t resp_len)
{
	uint16_t before = used_idx(CUSED);
	uint32_t st;

	set_desc(CDESC, 0, REQ, len, VIRTQ_DESC_F_NEXT, 1);
	set_desc(CDESC, 1, RESP, resp_len, VIRTQ_DESC_F_WRITE, 0);
	memset(guest_ptr(&mem, RESP, 256), 0xee, 256);
	offer(CAVAIL, 0);
	kick(VIRTIO_SND_VQ_CONTROL);
	ck_assert_uint_eq(used_idx(CUSED), (uint16_t)(before + 1));
	ck_assert(guest_read_le32(&mem, RESP, &st));
	return st;
}

static uint32_t simple(uint32_t code)
{
	uint8_t *r = guest_ptr(&mem, REQ, 8);

	le32_store(r, code);
	le32_store(r + 4, 0);
	return request(8, 4);
}

static uint32_t set_params(uint8_t channels, uint8_t format, uint8_t rate, uint32_t period)
{
	uint8_t *r = guest_ptr(&mem, REQ, 24);

	memset(r, 0, 24);
	le32_store(r, 0x0101);
	le32_store(r + 8, 4 * period);
	le32_store(r + 12, period);
	r[20] = channels;
	r[21] = format;
	r[22] = rate;
	return request(24, 4);
}

/* TX message i: xfer header (stream 0), period i of PCM, status. */
static void queue_period(uint16_t i, uint32_t stream)
{
	uint16_t d = (uint16_t)(3 * (i % 5));

	le32_store(guest_ptr(&mem, REQ + 0x100 + 16 * i, 4), stream);
	set_desc(TDESC, d, REQ + 0x100 + 16 * i, 4, VIRTQ_DESC_F_NEXT, (uint16_t)(d + 1));
	set_desc(TDESC, (uint16_t)(d + 1), PCM + (uint64_t)PERIOD * (i % 4), PERIOD,
		 VIRTQ_DESC_F_NEXT, (uint16_t)(d + 2));
	set_desc(TDESC, (uint16_t)(d + 2), STATUS + 8 * i, 8, VIRTQ_DESC_F_WRITE, 0);
	offer(TAVAIL, d);
}

/* Fill period p with the sample value v (every channel). */
static void fill(unsigned int p, int16_t v)
{
	uint8_t *b = guest_ptr(&mem, PCM + (uint64_t)PERIOD * p, PERIOD);
	int i;

	for (i = 0; i < PERIOD / 2; i++)
		le16_store(b + 2 * i, (uint16_t)v);
}

static void at_ms(int64_t ms)
{
	fake_ns = 1000000000 + ms * 1000000;
	virtio_snd_advance(&snd);
}

START_TEST(info_and_params)
{
	uint8_t cfg[12], *r = guest_ptr(&mem, REQ, 16), *p;

	virtio_pci_bar_access(&snd.vp, VIRTIO_PCI_DEVCFG_OFF, cfg, 4, false);
	virtio_pci_bar_access(&snd.vp, VIRTIO_PCI_DEVCFG_OFF + 4, cfg + 4, 4, false);
	ck_assert_uint_eq(le32_load(cfg), 0);		/* jacks */
	ck_assert_uint_eq(le32_load(cfg + 4), 1);	/* streams */

	le32_store(r, 0x0100);
	le32_store(r + 4, 0);
	le32_store(r + 8, 1);
	le32_store(r + 12, 32);
	ck_assert_uint_eq(request(16, 4 + 32), 0x8000);
	p = guest_ptr(&mem, RESP + 4, 32);
	ck_assert(le64_load(p + 8) == 1u << 5);		/* S16 */
	ck_assert(le64_load(p + 16) == 0xfe);		/* 8000..48000 */
	ck_assert_uint_eq(p[24], 0);			/* output */
	ck_assert(p[25] == 1 && p[26] == 2);
	/* a bigger size the driver asks for is zero-filled */
	le32_store(r + 12, 40);
	ck_assert_uint_eq(request(16, 4 + 40), 0x8000);
	ck_assert_uint_eq(le32_load(guest_ptr(&mem, RESP + 4 + 32, 4)), 0);
	/* hostile or impossible queries */
	le32_store(r + 8, 2);
	ck_assert_uint_eq(request(16, 4 + 64), 0x8001);	/* one stream only */
	le32_store(r + 8, 1);
	le32_store(r + 12, 16);
	ck_assert_uint_eq(request(16, 4 + 16), 0x8001);	/* size too small */
	le32_store(r + 12, 32);
	ck_assert_uint_eq(request(16, 8), 0x8001);	/* response too short */
	le32_store(r, 0x0001);
	ck_assert_uint_eq(request(16, 64), 0x8001);	/* no jacks */
	le32_store(r, 0x0777);
	ck_assert_uint_eq(request(16, 64), 0x8002);	/* unknown */
	ck_assert_uint_eq(request(2, 64), 0x8001);	/* shorter than a header */

	ck_assert_uint_eq(simple(0x0104), 0x8001);	/* START before anything */
	ck_assert_uint_eq(simple(0x0102), 0x8001);	/* PREPARE without params */
	ck_assert_uint_eq(set_params(2, 4, 7, PERIOD), 0x8002);	/* U8 */
	ck_assert_uint_eq(set_params(2, 5, 13, PERIOD), 0x8002);	/* 384 kHz */
	ck_assert_uint_eq(set_params(3, 5, 7, PERIOD), 0x8002);	/* 3 channels */
	ck_assert_uint_eq(set_params(2, 5, 7, 0), 0x8001);	/* period 0 */
	ck_assert_uint_eq(set_params(2, 5, 7, 3u << 20), 0x8001);	/* 12 MiB buffer */
	ck_assert_uint_eq(set_params(2, 5, 7, PERIOD), 0x8000);
	le32_store(guest_ptr(&mem, REQ + 4, 4), 1);		/* stream 1 */
	ck_assert_uint_eq(request(24, 4), 0x8001);
	ck_assert_uint_eq(simple(0x0102), 0x8000);		/* PREPARE */
	ck_assert_uint_eq(simple(0x0103), 0x8000);		/* RELEASE */
}
END_TEST

START_TEST(real_time_playback)
{
	uint8_t wav[44 + 7 * PERIOD];
	uint32_t st;
	size_t n;
	FILE *f;
	int i;

	ck_assert_uint_eq(set_params(2, 5, 7, PERIOD), 0x8000);	/* 48 kHz stereo S16 */
	ck_assert_uint_eq(simple(0x0102), 0x8000);
	for (i = 0; i < 4; i++) {
		fill((unsigned int)i, (int16_t)(1000 * (i + 1)));
		queue_period((uint16_t)i, 0);
	}
	kick(VIRTIO_SND_VQ_TX);
	ck_assert_uint_eq(used_idx(TUSED), 0);		/* prepared: nothing plays */
	at_ms(0);
	ck_assert_uint_eq(simple(0x0104), 0x8000);	/* START at 0 ms */
	at_ms(10);
	ck_assert_uint_eq(used_idx(TUSED), 0);		/* 10 ms: not a period yet */
	at_ms(25);
	ck_assert_uint_eq(used_idx(TUSED), 1);
	ck_assert(guest_read_le32(&mem, STATUS, &st));
	ck_assert_uint_eq(st, 0x8000);
	/* The driver re-queues period 0, the application then writes it:
	 * the device must play what is there when its time comes. */
	queue_period(4, 0);
	kick(VIRTIO_SND_VQ_TX);
	fill(0, 5000);
	at_ms(99);
	ck_assert_uint_eq(used_idx(TUSED), 3);
	at_ms(125);
	ck_assert_uint_eq(used_idx(TUSED), 5);
	/* dry since 125 ms: at 500 ms a new message plays 25 ms later, not at once */
	at_ms(500);
	fill(1, 6000);
	queue_period(5, 0);
	kick(VIRTIO_SND_VQ_TX);
	ck_assert_uint_eq(used_idx(TUSED), 5);
	at_ms(524);
	ck_assert_uint_eq(used_idx(TUSED), 5);
	at_ms(525);
	ck_assert_uint_eq(used_idx(TUSED), 6);
	/* STOP hands back what waits, unplayed */
	queue_period(6, 0);
	kick(VIRTIO_SND_VQ_TX);
	ck_assert_uint_eq(simple(0x0105), 0x8000);
	ck_assert_uint_eq(used_idx(TUSED), 7);
	/* hostile: another stream, a header cut short */
	queue_period(7, 1);
	kick(VIRTIO_SND_VQ_TX);
	ck_assert_uint_eq(used_idx(TUSED), 8);
	ck_assert(guest_read_le32(&mem, STATUS + 8 * 7, &st));
	ck_assert_uint_eq(st, 0x8001);
	set_desc(TDESC, 9, REQ, 2, VIRTQ_DESC_F_NEXT, 10);
	set_desc(TDESC, 10, STATUS + 64, 8, VIRTQ_DESC_F_WRITE, 0);
	offer(TAVAIL, 9);
	kick(VIRTIO_SND_VQ_TX);
	ck_assert_uint_eq(used_idx(TUSED), 9);
	ck_assert(guest_read_le32(&mem, STATUS + 64, &st));
	ck_assert_uint_eq(st, 0x8001);

	/* The WAV file: periods 1000, 2000, 3000, 4000, 5000 (period 0
	 * rewritten), 6000, each 1200 frames, in that order. */
	ck_assert_int_eq(audio_close(audio), 0);
	audio = NULL;
	f = fopen(WAV, "rb");
	ck_assert_ptr_nonnull(f);
	n = fread(wav, 1, sizeof(wav), f);
	fclose(f);
	ck_assert_uint_eq(n, 44 + 6 * PERIOD);
	ck_assert_uint_eq(le32_load(wav + 24), 48000);
	for (i = 0; i < 6; i++) {
		ck_assert_int_eq((int16_t)le16_load(wav + 44 + (size_t)i * PERIOD), 1000 * (i + 1));
		ck_assert_int_eq((int16_t)le16_load(wav + 44 + (size_t)(i + 1) * PERIOD - 2),
				 1000 * (i + 1));
	}
}
END_TEST

Suite *virtio_snd_suite(void)
{
	Suite *s = suite_create("virtio-snd");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, info_and_params);
	tcase_add_test(tc, real_time_playback);
	suite_add_tcase(s, tc);
	return s;
}
