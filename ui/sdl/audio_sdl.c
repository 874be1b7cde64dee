// SPDX-License-Identifier: GPL-2.0
/*
 * -audiodev sdl: the guest's sound through SDL2's audio (PulseAudio,
 * PipeWire, ALSA, whatever SDL finds; SDL_AUDIODRIVER chooses).  SDL's
 * queue mode: each stream opens a device in the guest's format (SDL
 * converts if the hardware wants another) and frames are queued as the
 * guest plays them.  The queue is capped at two seconds, so a guest that
 * produces faster than real time cannot grow molvm without bound: beyond
 * it, frames are dropped.
 */
#include <SDL.h>
#include <stdlib.h>

#include "../../vmm/log.h"
#include "../audio.h"

#define MAX_QUEUED_SEC 2

struct sdl_voice {
	SDL_AudioDeviceID dev;
	uint32_t rate;
	unsigned int channels;
};

static struct audio_voice *sdl_audio_open(const char *path)
{
	struct sdl_voice *s;

	(void)path;
	if (SDL_InitSubSystem(SDL_INIT_AUDIO)) {
		pr_err("-audiodev sdl: %s", SDL_GetError());
		return NULL;
	}
	s = calloc(1, sizeof(*s));
	if (!s)
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
	return (struct audio_voice *)s;
}

static void close_dev(struct sdl_voice *s)
{
	if (s->dev)
		SDL_CloseAudioDevice(s->dev);
	s->dev = 0;
}

static int sdl_audio_start(struct audio_voice *v, uint32_t rate, unsigned int channels)
{
	struct sdl_voice *s = (struct sdl_voice *)v;
	SDL_AudioSpec want = { 0 }, have;

	if (s->dev && s->rate == rate && s->channels == channels)
		return 0;
	close_dev(s);
	want.freq = (int)rate;
	want.format = AUDIO_S16SYS;
	want.channels = (Uint8)channels;
	want.samples = 1024;
	s->dev = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
	if (!s->dev) {
		pr_info("-audiodev sdl: cannot play %u Hz x %u: %s", rate, channels, SDL_GetError());
		return -1;
	}
	s->rate = rate;
	s->channels = channels;
	SDL_PauseAudioDevice(s->dev, 0);
	return 0;
}

static void sdl_audio_write(struct audio_voice *v, const int16_t *samples, size_t frames)
{
	struct sdl_voice *s = (struct sdl_voice *)v;
	size_t bytes = frames * s->channels * 2;

	if (!s->dev || SDL_GetQueuedAudioSize(s->dev) > MAX_QUEUED_SEC * s->rate * s->channels * 2)
		return;
	SDL_QueueAudio(s->dev, samples, (Uint32)bytes);
}

static void sdl_audio_stop(struct audio_voice *v)
{
	(void)v;	/* what is queued plays out */
}

static int sdl_audio_close(struct audio_voice *v)
{
	struct sdl_voice *s = (struct sdl_voice *)v;

	close_dev(s);
	free(s);
	SDL_QuitSubSystem(SDL_INIT_AUDIO);
	return 0;
}

static const struct audio_backend audio_sdl = {
	.name = "sdl",
	.open = sdl_audio_open,
	.start = sdl_audio_start,
	.write = sdl_audio_write,
	.stop = sdl_audio_stop,
	.close = sdl_audio_close,
};

__attribute__((constructor)) static void register_sdl_audio(void)
{
	audio_register(&audio_sdl);
}
