// SPDX-License-Identifier: GPL-2.0
/*
 * MOL's sound device (osi/osi_sound.c) with a fake clock: the API
 * handshake, formats, the classic double buffer (SOUND_WRITE, the
 * interrupt asking for the next buffer), the OS X ring, conversion of
 * U8/S16 big- and little-endian into the WAV file, hostile buffers.
 */
#include <stdio.h>
#include <string.h>

#include "../../osi/osi_sound.h"
#include "../../ui/audio.h"
#include "../../vmm/guest_mem.h"
#include "unit.h"

#define RAM	0x100000
#define BUF	0x10000
#define WAV	"/tmp/molvm-unit-osisnd.wav"

static struct guest_mem mem;
static struct osi_sound snd;
static struct audio *audio;
static int64_t fake_ns;
static int line_level, irq_raises;

static int64_t fake_now(void)
{
	return fake_ns;
}

static void set_irq(void *opaque, int level)
{
	(void)opaque;
	if (level && !line_level)
		irq_raises++;
	line_level = level;
}

static void setup(void)
{
	struct audio_spec spec;
	char err[128];

	ck_assert_int_eq(guest_mem_alloc(&mem, RAM), 0);
	ck_assert_int_eq(audio_parse_spec("wav,path=" WAV, &spec, err, sizeof(err)), 0);
	audio = audio_open(&spec);
	ck_assert_ptr_nonnull(audio);
	osi_sound_init(&snd, &mem, audio, set_irq, NULL);
	snd.now_ns = fake_now;
	fake_ns = 5000000000;
	line_level = irq_raises = 0;
}

static void teardown(void)
{
	osi_sound_destroy(&snd);
	audio_close(audio);
	guest_mem_free(&mem);
	remove(WAV);
}

static void at_ms(int64_t ms)
{
	fake_ns = 5000000000 + ms * 1000000;
	osi_sound_advance(&snd);
}

/* The WAV file's samples (after closing the back end). */
static size_t wav_samples(int16_t *out, size_t max)
{
	uint8_t b[44 + 2 * 65536];
	size_t n, i;
	FILE *f;

	ck_assert_int_eq(audio_close(audio), 0);
	audio = NULL;
	f = fopen(WAV, "rb");
	ck_assert_ptr_nonnull(f);
	n = fread(b, 1, sizeof(b), f);
	fclose(f);
	ck_assert_uint_ge(n, 44);
	n = (n - 44) / 2;
	for (i = 0; i < n && i < max; i++)
		out[i] = (int16_t)(b[44 + 2 * i] | b[45 + 2 * i] << 8);
	return n;
}

START_TEST(handshake_and_formats)
{
	ck_assert_int_eq(osi_sound_cntl(&snd, SOUND_CHECK_API, 2, 0), 0);
	ck_assert_int_eq(osi_sound_cntl(&snd, SOUND_CHECK_API, 1, 0), -1);
	ck_assert_int_eq(osi_sound_cntl(&snd, SOUND_CLASSIC_DRIVER_VERSION, 1, 0), -1);
	ck_assert_int_eq(osi_sound_cntl(&snd, SOUND_CLASSIC_DRIVER_VERSION, 2, 0), 0);
	ck_assert_int_eq(osi_sound_cntl(&snd, SOUND_QUERY_FORMAT, SOUND_FMT_S16_BE | SOUND_FMT_STEREO,
					44100), 0);
	ck_assert_int_eq(osi_sound_cntl(&snd, SOUND_QUERY_FORMAT, SOUND_FMT_U8, 8000), 0);
	ck_assert_int_eq(osi_sound_cntl(&snd, SOUND_QUERY_FORMAT, SOUND_FMT_S16_BE, 12345), -1);
	ck_assert_int_eq(osi_sound_cntl(&snd, SOUND_QUERY_FORMAT, 8, 44100), -1);
	ck_assert_int_eq(osi_sound_cntl(&snd, SOUND_START, 0, 0), -1);	/* no format yet */
	ck_assert_int_eq(osi_sound_cntl(&snd, SOUND_GET_BUFSIZE, 0, 0), OSI_SOUND_BUFSIZE);
	ck_assert_int_eq(osi_sound_cntl(&snd, 99, 0, 0), -1);
	/* hostile buffers */
	ck_assert_int_eq(osi_sound_write(&snd, BUF, 4096), -1);		/* no format */
	ck_assert_int_eq(osi_sound_cntl(&snd, SOUND_SET_FORMAT, SOUND_FMT_S16_BE, 8000), 0);
	ck_assert_int_eq(osi_sound_write(&snd, 0, 4096), -1);
	ck_assert_int_eq(osi_sound_write(&snd, RAM - 100, 4096), -1);
	ck_assert_int_eq(osi_sound_write(&snd, 0xfffff000u, 0x2000), -1);
	ck_assert_int_eq(osi_sound_write(&snd, BUF, 0x7fffffff), -1);
	ck_assert_int_eq(osi_sound_cntl(&snd, SOUND_SETUP_RING, 0x7fffffff, BUF), -1);
	ck_assert_int_eq(osi_sound_cntl(&snd, SOUND_SETUP_RING, 4096, RAM - 100), -1);
}
END_TEST

/* 8 kHz stereo S16 big-endian: 32000 bytes/s, a fragment is 128 ms. */
START_TEST(classic_double_buffer)
{
	uint8_t *b = guest_ptr(&mem, BUF, 3 * OSI_SOUND_BUFSIZE);
	static int16_t out[65536];
	size_t n, i;
	uint64_t ts;

	for (i = 0; i < 3 * OSI_SOUND_BUFSIZE / 2; i++) {
		b[2 * i] = (uint8_t)(i >> 8);		/* big-endian sample i */
		b[2 * i + 1] = (uint8_t)i;
	}
	ck_assert_int_eq(osi_sound_cntl(&snd, SOUND_SET_FORMAT, SOUND_FMT_S16_BE | SOUND_FMT_STEREO,
					8000), 0);
	at_ms(0);
	ck_assert_int_eq(osi_sound_cntl(&snd, SOUND_START, 0, 0), 0);
	ck_assert_int_eq(osi_sound_write(&snd, BUF, OSI_SOUND_BUFSIZE), 0);
	ck_assert_int_eq(line_level, 1);		/* taken at once: the next, please */
	ck_assert_int_eq(osi_sound_irq_ack(&snd, &ts), 1);
	ck_assert_int_eq(line_level, 0);
	ck_assert_int_eq(osi_sound_irq_ack(&snd, &ts), 0);
	ck_assert_int_eq(osi_sound_write(&snd, BUF + OSI_SOUND_BUFSIZE, OSI_SOUND_BUFSIZE), 0);
	ck_assert_int_eq(line_level, 0);		/* two buffers queued */
	at_ms(127);
	ck_assert_int_eq(line_level, 0);		/* not a fragment yet */
	at_ms(128);
	ck_assert_int_eq(line_level, 0);		/* one fragment played, 1.5 buffers left */
	at_ms(256);
	ck_assert_int_eq(line_level, 1);		/* one buffer left: the next, please */
	osi_sound_irq_ack(&snd, &ts);
	ck_assert_int_eq(osi_sound_write(&snd, BUF + 2 * OSI_SOUND_BUFSIZE, OSI_SOUND_BUFSIZE), 0);
	at_ms(10000);				/* everything played, then dry */
	at_ms(20000);
	ck_assert_int_eq(osi_sound_cntl(&snd, SOUND_STOP, 0, 0), 0);
	n = wav_samples(out, 65536);
	ck_assert_uint_eq(n, 3 * OSI_SOUND_BUFSIZE / 2);	/* every sample, once */
	for (i = 0; i < n; i++)
		ck_assert_int_eq(out[i], (int16_t)i);
}
END_TEST

/* The OS X ring: U8 mono at 8 kHz, two fragments, wraps interrupt. */
START_TEST(osx_ring)
{
	uint8_t *b = guest_ptr(&mem, BUF, 2 * OSI_SOUND_FRAGSIZE);
	static int16_t out[65536];
	size_t n;
	uint64_t ts;

	memset(b, 128 + 1, OSI_SOUND_FRAGSIZE);
	memset(b + OSI_SOUND_FRAGSIZE, 128 - 2, OSI_SOUND_FRAGSIZE);
	ck_assert_int_eq(osi_sound_cntl(&snd, SOUND_SET_FORMAT, SOUND_FMT_U8, 8000), 0);
	ck_assert_int_eq(osi_sound_cntl(&snd, SOUND_SETUP_RING, 2 * OSI_SOUND_FRAGSIZE, BUF), 0);
	at_ms(0);
	ck_assert_int_eq(osi_sound_cntl(&snd, SOUND_START, 0, 0), 0);
	ck_assert_int_eq(osi_sound_cntl(&snd, SOUND_GET_RING_SAMPLE, 0, 0), 0);
	at_ms(512);				/* one fragment: 4096 frames */
	ck_assert_int_eq(osi_sound_cntl(&snd, SOUND_GET_RING_SAMPLE, 0, 0), 4096);
	ck_assert_int_eq(line_level, 0);
	at_ms(1024);				/* the wrap */
	ck_assert_int_eq(line_level, 1);
	ck_assert_int_eq(osi_sound_cntl(&snd, SOUND_GET_RING_SAMPLE, 0, 0), 0);
	ck_assert_int_eq(osi_sound_irq_ack(&snd, &ts), 1);
	ck_assert(ts == 5000000000ull + 1024000000ull);
	at_ms(1536);
	ck_assert_int_eq(irq_raises, 1);
	ck_assert_int_eq(osi_sound_cntl(&snd, SOUND_STOP, 0, 0), 0);
	n = wav_samples(out, 65536);
	ck_assert_uint_eq(n, 3 * OSI_SOUND_FRAGSIZE);
	ck_assert_int_eq(out[0], 256);		/* U8 129 */
	ck_assert_int_eq(out[OSI_SOUND_FRAGSIZE], -512);	/* U8 126 */
	ck_assert_int_eq(out[2 * OSI_SOUND_FRAGSIZE], 256);	/* round again */
}
END_TEST

Suite *osi_sound_suite(void)
{
	Suite *s = suite_create("osi-sound");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, handshake_and_formats);
	tcase_add_test(tc, classic_double_buffer);
	tcase_add_test(tc, osx_ring);
	suite_add_tcase(s, tc);
	return s;
}
