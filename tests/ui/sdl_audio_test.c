// SPDX-License-Identifier: GPL-2.0
/*
 * -audiodev sdl through SDL2's own "disk" audio driver, which plays into
 * a file at the real-time rate instead of a sound card: the frames molvm's
 * SDL back end queues must come out, in order and unchanged, after
 * whatever silence SDL played before the first one arrived.  TAP.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../ui/audio.h"

#define RATE 22050
#define FRAMES (RATE / 2)

static int tests, failures;

static void check(bool ok, const char *what)
{
	tests++;
	failures += !ok;
	printf("%s %d - %s\n", ok ? "ok" : "not ok", tests, what);
}

int main(void)
{
	static int16_t tone[FRAMES * 2], out[RATE * 4 * 2];
	char raw[64];
	const struct audio_backend *be;
	struct audio_spec spec;
	struct audio *a;
	char err[256];
	size_t n, i, first;
	FILE *f;

	snprintf(raw, sizeof(raw), "/tmp/molvm-sdl-audio-%d.raw", (int)getpid());
	setenv("SDL_AUDIODRIVER", "disk", 1);
	setenv("SDL_DISKAUDIOFILE", raw, 1);
	be = audio_find("sdl");
	check(be != NULL, "the sdl audio back end is built in");
	if (!be)
		return 1;
	check(!audio_parse_spec("sdl,id=snd0", &spec, err, sizeof(err)), "-audiodev sdl,id=snd0");
	a = audio_open(&spec);
	check(a != NULL, "SDL audio opens (disk driver)");
	if (!a)
		return 1;
	check(audio_start(a, RATE, 2) == 0, "a 22050 Hz stereo stream starts");
	for (i = 0; i < FRAMES; i++)
		tone[2 * i] = tone[2 * i + 1] =
			(int16_t)lrint(12000 * sin(2 * M_PI * 441 * (double)i / RATE));
	tone[0] = tone[1] = 1;	/* a non-zero first frame marks the start */
	audio_write(a, tone, FRAMES);
	usleep(1500 * 1000);	/* the disk driver plays in real time */
	audio_stop(a);
	check(audio_close(a) == 0, "closes");

	f = fopen(raw, "rb");
	n = f ? fread(out, sizeof(int16_t), sizeof(out) / sizeof(out[0]), f) : 0;
	if (f)
		fclose(f);
	unlink(raw);
	for (first = 0; first < n && out[first] == 0; first++)
		;
	printf("# %zu samples played, the first frame at sample %zu\n", n, first);
	check(first + FRAMES * 2 <= n, "every queued frame was played");
	check(first + FRAMES * 2 <= n && !memcmp(out + first, tone, sizeof(tone)),
	      "the frames came out in order, unchanged");
	printf("1..%d\nsdl-audio-test: %d passed, %d failed\n", tests, tests - failures, failures);
	return failures ? 1 : 0;
}
