// SPDX-License-Identifier: GPL-2.0
/*
 * -audiodev wav,path=FILE: what the guest plays, as a 16-bit PCM WAV file
 * (RIFF/WAVE, "fmt " chunk format 1, then "data"), for headless runs and
 * tests.  The file holds exactly the frames the guest played, from its
 * first: no silence is added before it or where the guest paused.  The
 * first stream's rate and channel count make the header; a later stream
 * in another format is refused (-1) and logged.  The sizes in the header
 * are written at close (and the file is valid, if short, before).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../vmm/log.h"
#include "audio.h"

struct wav_voice {
	FILE *f;
	char *path;
	uint32_t rate;
	unsigned int channels;
	uint64_t frames;
	bool write_failed;
};

static void le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static void le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

/* The 44-byte header of a canonical PCM WAV file. */
static void header(const struct wav_voice *w, uint8_t h[44])
{
	uint64_t bytes = w->frames * w->channels * 2;
	uint32_t data = bytes > 0xffffffffull - 36 ? 0xffffffffu - 36 : (uint32_t)bytes;
	unsigned int ch = w->channels ? w->channels : 2;
	uint32_t rate = w->rate ? w->rate : 44100;

	memcpy(h, "RIFF", 4);
	le32(h + 4, 36 + data);
	memcpy(h + 8, "WAVEfmt ", 8);
	le32(h + 16, 16);
	le16(h + 20, 1);		/* PCM */
	le16(h + 22, (uint16_t)ch);
	le32(h + 24, rate);
	le32(h + 28, rate * ch * 2);	/* bytes per second */
	le16(h + 32, (uint16_t)(ch * 2));	/* block align */
	le16(h + 34, 16);		/* bits per sample */
	memcpy(h + 36, "data", 4);
	le32(h + 40, data);
}

static struct audio_voice *wav_open(const char *path)
{
	struct wav_voice *w = calloc(1, sizeof(*w));
	uint8_t h[44];

	if (!w)
		return NULL;
	w->f = path ? fopen(path, "wb") : NULL;
	w->path = path ? strdup(path) : NULL;
	if (!w->f || !w->path) {
		pr_err("-audiodev wav: cannot write %s: %s", path ? path : "(no path)",
		       strerror(errno));
		if (w->f)
			fclose(w->f);
		free(w->path);
		free(w);
		return NULL;
	}
	header(w, h);
	if (fwrite(h, 1, sizeof(h), w->f) != sizeof(h)) {
		pr_err("-audiodev wav: cannot write %s: %s", path, strerror(errno));
		fclose(w->f);
		free(w->path);
		free(w);
		return NULL;
	}
	return (struct audio_voice *)w;
}

static int wav_start(struct audio_voice *v, uint32_t rate, unsigned int channels)
{
	struct wav_voice *w = (struct wav_voice *)v;

	if (!rate || !channels || channels > 8)
		return -1;
	if (!w->rate) {
		w->rate = rate;
		w->channels = channels;
		return 0;
	}
	if (w->rate == rate && w->channels == channels)
		return 0;
	pr_info("-audiodev wav: %s holds %u Hz x %u; a stream of %u Hz x %u is not recorded",
		w->path, w->rate, w->channels, rate, channels);
	return -1;
}

static void wav_write(struct audio_voice *v, const int16_t *samples, size_t frames)
{
	struct wav_voice *w = (struct wav_voice *)v;
	uint8_t buf[4096];
	size_t i, n = frames * w->channels, k = 0;

	if (!w->rate || w->write_failed)
		return;
	for (i = 0; i < n; i++) {
		le16(buf + k, (uint16_t)samples[i]);
		k += 2;
		if (k == sizeof(buf) || i + 1 == n) {
			if (fwrite(buf, 1, k, w->f) != k) {
				pr_err("-audiodev wav: writing %s: %s", w->path, strerror(errno));
				w->write_failed = true;
				return;
			}
			k = 0;
		}
	}
	w->frames += frames;
}

static void wav_stop(struct audio_voice *v)
{
	struct wav_voice *w = (struct wav_voice *)v;

	fflush(w->f);
}

static int wav_close(struct audio_voice *v)
{
	struct wav_voice *w = (struct wav_voice *)v;
	uint8_t h[44];
	int r = 0;

	header(w, h);
	if (fseek(w->f, 0, SEEK_SET) || fwrite(h, 1, sizeof(h), w->f) != sizeof(h))
		r = -1;
	if (fclose(w->f) || w->write_failed)
		r = -1;
	if (r)
		pr_err("-audiodev wav: cannot finish %s: %s", w->path, strerror(errno));
	free(w->path);
	free(w);
	return r;
}

const struct audio_backend audio_wav = {
	.name = "wav",
	.open = wav_open,
	.start = wav_start,
	.write = wav_write,
	.stop = wav_stop,
	.close = wav_close,
};
