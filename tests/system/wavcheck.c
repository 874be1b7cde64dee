// SPDX-License-Identifier: GPL-2.0
/*
 * wavcheck FILE: what a 16-bit PCM WAV file holds, for the sound tests
 * (busybox has no sox).  Prints one "key=value" a line:
 *   rate= channels= frames= seconds=
 *   lead_in_frames=   frames before the first sample above the threshold
 *   freq=             of channel 0: rising zero crossings per second over
 *                     the sounding part (first to last loud sample)
 *   peak=             largest |sample|
 *   longest_gap_ms=   longest run of quiet samples inside the sounding part
 *                     (a dropout; a tone has none longer than half a period)
 *   channels_equal=   1 when every channel carries the same samples
 * Exit 1 if the file is not such a WAV file.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QUIET 64	/* |sample| at or below: silence */

static uint32_t le32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static int16_t le16(const uint8_t *p)
{
	return (int16_t)(p[0] | p[1] << 8);
}

int main(int argc, char **argv)
{
	uint8_t h[12], ch[8], fmt[16];
	uint32_t rate = 0, channels = 0, data_len = 0, i, c;
	uint8_t *data = NULL;
	uint64_t frames, first = 0, last = 0, crossings = 0, gap = 0, longest = 0;
	int peak = 0, prev = 0, have_loud = 0, equal = 1;
	FILE *f;

	if (argc != 2) {
		fprintf(stderr, "usage: wavcheck FILE.wav\n");
		return 2;
	}
	f = fopen(argv[1], "rb");
	if (!f || fread(h, 1, 12, f) != 12 || memcmp(h, "RIFF", 4) || memcmp(h + 8, "WAVE", 4)) {
		fprintf(stderr, "wavcheck: %s is not a RIFF/WAVE file\n", argv[1]);
		return 1;
	}
	while (fread(ch, 1, 8, f) == 8) {
		uint32_t len = le32(ch + 4);

		if (!memcmp(ch, "fmt ", 4) && len >= 16) {
			if (fread(fmt, 1, 16, f) != 16)
				break;
			if (le16(fmt) != 1 || le16(fmt + 14) != 16) {
				fprintf(stderr, "wavcheck: not 16-bit PCM\n");
				return 1;
			}
			channels = (uint16_t)le16(fmt + 2);
			rate = le32(fmt + 4);
			fseek(f, len - 16 + (len & 1), SEEK_CUR);
		} else if (!memcmp(ch, "data", 4)) {
			data_len = len;
			data = malloc(len ? len : 1);
			if (!data || fread(data, 1, len, f) != len) {
				fprintf(stderr, "wavcheck: data chunk shorter than its header says\n");
				return 1;
			}
			break;
		} else {
			fseek(f, len + (len & 1), SEEK_CUR);
		}
	}
	fclose(f);
	if (!rate || !channels || !data) {
		fprintf(stderr, "wavcheck: no fmt or data chunk\n");
		return 1;
	}
	frames = data_len / (2 * channels);
	for (i = 0; i < frames; i++) {
		int s = le16(data + (size_t)i * channels * 2), a = s < 0 ? -s : s;

		for (c = 1; c < channels; c++)
			if (le16(data + ((size_t)i * channels + c) * 2) != s)
				equal = 0;
		if (a > peak)
			peak = a;
		if (a > QUIET) {
			if (!have_loud)
				first = i;
			else if (gap > longest)
				longest = gap;
			have_loud = 1;
			last = i;
			gap = 0;
		} else if (have_loud) {
			gap++;
		}
		if (have_loud && prev < 0 && s >= 0)
			crossings++;
		prev = s;
	}
	printf("rate=%u\nchannels=%u\nframes=%llu\nseconds=%.3f\n", rate, channels,
	       (unsigned long long)frames, (double)frames / rate);
	printf("lead_in_frames=%llu\n", (unsigned long long)(have_loud ? first : frames));
	printf("freq=%.1f\n", have_loud && last > first ?
	       (double)crossings * rate / (double)(last - first) : 0.0);
	printf("peak=%d\nlongest_gap_ms=%.1f\nchannels_equal=%d\n", peak,
	       (double)longest * 1000.0 / rate, equal);
	return 0;
}
