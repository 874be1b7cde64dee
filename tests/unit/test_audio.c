// SPDX-License-Identifier: GPL-2.0
/* -audiodev: the spec, the WAV back end's file, bad paths. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../ui/audio.h"
#include "unit.h"

START_TEST(specs)
{
	struct audio_spec s;
	char err[256];

	ck_assert_int_eq(audio_parse_spec("wav,id=snd0,path=/tmp/a.wav", &s, err, sizeof(err)), 0);
	ck_assert_ptr_eq(s.be, &audio_wav);
	ck_assert_str_eq(s.id, "snd0");
	ck_assert_str_eq(s.path, "/tmp/a.wav");
	ck_assert_int_eq(audio_parse_spec("none", &s, err, sizeof(err)), 0);
	ck_assert_ptr_eq(s.be, &audio_none);
	ck_assert_int_eq(audio_parse_spec("wav,id=x", &s, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "-audiodev wav: give path=FILE");
	ck_assert_int_eq(audio_parse_spec("none,path=/tmp/x", &s, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "bad option 'path=/tmp/x'"));
	ck_assert_int_eq(audio_parse_spec("oss", &s, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "driver 'oss' is not available"));
	ck_assert_int_eq(audio_parse_spec("", &s, err, sizeof(err)), -1);
	ck_assert_int_eq(audio_parse_spec("wav,path=", &s, err, sizeof(err)), -1);
}
END_TEST

static uint32_t rd32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

START_TEST(wav_file)
{
	const char *path = "/tmp/molvm-unit-audio.wav";
	struct audio_spec s;
	struct audio *a;
	int16_t buf[2 * 480];
	static uint8_t file[44 + 48480 * 4 + 16];
	char err[256], spec[128];
	size_t n;
	FILE *f;
	int i, k;

	snprintf(spec, sizeof(spec), "wav,path=%s", path);
	ck_assert_int_eq(audio_parse_spec(spec, &s, err, sizeof(err)), 0);
	a = audio_open(&s);
	ck_assert_ptr_nonnull(a);
	ck_assert_int_eq(audio_start(a, 48000, 2), 0);
	/* one second of a 1 kHz triangle wave in 100 pieces of 10 ms (not
	 * libm's sin: glibc's saves the rounding mode with mffscrni, which
	 * qemu-ppc, where the 32-bit unit tests run, does not decode for a
	 * pre-POWER9 CPU) */
	for (k = 0; k < 100; k++) {
		for (i = 0; i < 480; i++) {
			int p = (k * 480 + i) % 48;
			int16_t v = (int16_t)((p < 12 ? p : p < 36 ? 24 - p : p - 48) * 10000 / 12);

			buf[2 * i] = buf[2 * i + 1] = v;
		}
		audio_write(a, buf, 480);
	}
	audio_stop(a);
	/* the same format again continues the file; another is refused */
	ck_assert_int_eq(audio_start(a, 48000, 2), 0);
	ck_assert_int_eq(audio_start(a, 44100, 2), -1);
	audio_write(a, buf, 480);	/* the file keeps 48 kHz x 2: 480 more frames */
	ck_assert_int_eq(audio_close(a), 0);

	f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	n = fread(file, 1, sizeof(file), f);
	fclose(f);
	ck_assert_uint_eq(n, 44 + 48480 * 4);
	ck_assert(!memcmp(file, "RIFF", 4) && !memcmp(file + 8, "WAVEfmt ", 8));
	ck_assert_uint_eq(rd32(file + 4), 36 + 48480 * 4);
	ck_assert_uint_eq(file[20] | file[21] << 8, 1);		/* PCM */
	ck_assert_uint_eq(file[22] | file[23] << 8, 2);		/* channels */
	ck_assert_uint_eq(rd32(file + 24), 48000);
	ck_assert_uint_eq(rd32(file + 28), 48000 * 4);
	ck_assert_uint_eq(file[32] | file[33] << 8, 4);
	ck_assert_uint_eq(file[34] | file[35] << 8, 16);
	ck_assert(!memcmp(file + 36, "data", 4));
	ck_assert_uint_eq(rd32(file + 40), 48480 * 4);
	/* little-endian samples: frame 12 of 1 kHz at 48 kHz is the peak */
	ck_assert_int_eq((int16_t)(file[44 + 12 * 4] | file[45 + 12 * 4] << 8), 10000);
	ck_assert_int_eq((int16_t)(file[46 + 12 * 4] | file[47 + 12 * 4] << 8), 10000);
	remove(path);
}
END_TEST

START_TEST(wav_unwritable)
{
	struct audio_spec s;
	char err[256];

	ck_assert_int_eq(audio_parse_spec("wav,path=/nonexistent/dir/a.wav", &s, err, sizeof(err)), 0);
	ck_assert_ptr_null(audio_open(&s));
}
END_TEST

Suite *audio_suite(void)
{
	Suite *s = suite_create("audio");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, specs);
	tcase_add_test(tc, wav_file);
	tcase_add_test(tc, wav_unwritable);
	suite_add_tcase(s, tc);
	return s;
}
