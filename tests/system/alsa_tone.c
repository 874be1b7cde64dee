// SPDX-License-Identifier: GPL-2.0
/*
 * alsa-tone [DEVICE [SECONDS]]: play a 1 kHz cosine through an ALSA PCM
 * device with the kernel's ioctl interface alone (no alsa-lib in the test
 * guest): 48 kHz, stereo, S16_LE, periods of 3840 frames (80 ms, a whole
 * number of cycles), 12 periods in the buffer; the stream starts once the
 * buffer is full and is drained at the end.  Integer samples from a table
 * (tests/guests/cosine48.h): no floating point.  For the pseries Linux
 * guest of tests/system/scenarios/55-sound.sh.
 * Defaults: /dev/snd/pcmC0D0p, 2 s.  Prints what it did.
 */
#include <errno.h>
#include <fcntl.h>
#include <sound/asound.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "../guests/cosine48.h"

#define RATE		48000
#define CHANNELS	2
/* 80 ms periods, 12 of them: ALSA gives up on a device that completes
 * no period for 1.1 buffer times (snd_pcm_wait_for_avail), so the buffer
 * is large enough to ride out a loaded test host.  The guest's virtio-snd
 * driver needs virtio_snd.pcm_buffer_ms=1000 for that (default 160). */
#define PERIOD		3840
#define PERIODS		12

static void mask_only(struct snd_pcm_hw_params *p, int param, unsigned int bit)
{
	struct snd_mask *m = &p->masks[param - SNDRV_PCM_HW_PARAM_FIRST_MASK];

	memset(m, 0, sizeof(*m));
	m->bits[bit / 32] = 1u << (bit % 32);
}

static void interval_is(struct snd_pcm_hw_params *p, int param, unsigned int v)
{
	struct snd_interval *i = &p->intervals[param - SNDRV_PCM_HW_PARAM_FIRST_INTERVAL];

	memset(i, 0, sizeof(*i));
	i->min = i->max = v;
	i->integer = 1;
}

static int fail(const char *what)
{
	printf("alsa-tone: %s: %s\n", what, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	const char *dev = argc > 1 ? argv[1] : "/dev/snd/pcmC0D0p";
	long secs = argc > 2 ? atol(argv[2]) : 2;
	long total = secs * RATE / PERIOD * PERIOD, done = 0, i;
	static int16_t buf[PERIOD * CHANNELS];
	struct snd_pcm_hw_params hw;
	struct snd_pcm_sw_params sw;
	struct snd_xferi x;
	int fd, k;

	setvbuf(stdout, NULL, _IOLBF, 0);
	fd = open(dev, O_RDWR);
	if (fd < 0)
		return fail(dev);
	memset(&hw, 0, sizeof(hw));
	for (k = 0; k <= SNDRV_PCM_HW_PARAM_LAST_MASK - SNDRV_PCM_HW_PARAM_FIRST_MASK; k++)
		memset(&hw.masks[k], 0xff, sizeof(hw.masks[k]));
	for (k = 0; k <= SNDRV_PCM_HW_PARAM_LAST_INTERVAL - SNDRV_PCM_HW_PARAM_FIRST_INTERVAL; k++)
		hw.intervals[k].max = ~0u;
	hw.rmask = ~0u;
	hw.info = ~0u;
	mask_only(&hw, SNDRV_PCM_HW_PARAM_ACCESS, SNDRV_PCM_ACCESS_RW_INTERLEAVED);
	mask_only(&hw, SNDRV_PCM_HW_PARAM_FORMAT, SNDRV_PCM_FORMAT_S16_LE);
	mask_only(&hw, SNDRV_PCM_HW_PARAM_SUBFORMAT, SNDRV_PCM_SUBFORMAT_STD);
	interval_is(&hw, SNDRV_PCM_HW_PARAM_CHANNELS, CHANNELS);
	interval_is(&hw, SNDRV_PCM_HW_PARAM_RATE, RATE);
	interval_is(&hw, SNDRV_PCM_HW_PARAM_PERIOD_SIZE, PERIOD);
	interval_is(&hw, SNDRV_PCM_HW_PARAM_PERIODS, PERIODS);
	if (ioctl(fd, SNDRV_PCM_IOCTL_HW_PARAMS, &hw))
		return fail("HW_PARAMS");
	memset(&sw, 0, sizeof(sw));
	sw.tstamp_mode = SNDRV_PCM_TSTAMP_NONE;
	sw.period_step = 1;
	sw.avail_min = PERIOD;
	sw.start_threshold = PERIOD * PERIODS;	/* start with a full buffer */
	sw.stop_threshold = PERIOD * PERIODS;
	if (ioctl(fd, SNDRV_PCM_IOCTL_SW_PARAMS, &sw))
		return fail("SW_PARAMS");
	if (ioctl(fd, SNDRV_PCM_IOCTL_PREPARE))
		return fail("PREPARE");
	printf("alsa-tone: %s: %d Hz, %d channels, S16_LE, period %d, %d periods; "
	       "1000 Hz for %ld frames\n", dev, RATE, CHANNELS, PERIOD, PERIODS, total);
	while (done < total) {
		for (i = 0; i < PERIOD; i++) {
			/* a cosine: the first sample is already loud */
			int16_t v = cosine48[(done + i) % 48];

			buf[CHANNELS * i] = buf[CHANNELS * i + 1] = v;
		}
		memset(&x, 0, sizeof(x));
		x.buf = buf;
		x.frames = PERIOD;
		if (ioctl(fd, SNDRV_PCM_IOCTL_WRITEI_FRAMES, &x))
			return fail("WRITEI_FRAMES");
		done += x.result;
	}
	if (ioctl(fd, SNDRV_PCM_IOCTL_DRAIN))
		return fail("DRAIN");
	close(fd);
	printf("alsa-tone: played %ld frames\n", done);
	return 0;
}
