/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Audio back ends: where a guest's sound goes.  A device model (virtio-
 * sound on pseries, MOL's OSI sound on powermac) starts a stream with the
 * guest's rate and channel count and pushes interleaved signed 16-bit
 * frames (host byte order) as the guest plays them; the back end sends
 * them to the host's sound (SDL2) or a WAV file (headless runs, tests).
 * QEMU's spelling: -audiodev sdl,id=ID / -audiodev wav,id=ID,path=FILE /
 * -audiodev none.  One back end per VM; every sound device uses it.
 *
 * Back ends live in the table of audio.c; the SDL one sits in ui/sdl/
 * and registers itself from a constructor, so builds without SDL leave it
 * out of the link.
 */
#ifndef MOLVM_AUDIO_H
#define MOLVM_AUDIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct audio_voice;

struct audio_backend {
	const char *name;
	/* path: the wav back end's file (NULL for the others).  NULL after
	 * one pr_err line. */
	struct audio_voice *(*open)(const char *path);
	/* A stream starts (again) with this format; -1 if unsupported. */
	int (*start)(struct audio_voice *v, uint32_t rate, unsigned int channels);
	/* frames * channels samples, host order */
	void (*write)(struct audio_voice *v, const int16_t *samples, size_t frames);
	void (*stop)(struct audio_voice *v);
	/* Flushes (the WAV header) and frees; -1 after a pr_err line. */
	int (*close)(struct audio_voice *v);
};

/* What -audiodev asked for. */
struct audio_spec {
	const struct audio_backend *be;
	char id[64];
	char path[4096];
};

void audio_register(const struct audio_backend *be);
const struct audio_backend *audio_find(const char *name);
void audio_list(char *buf, size_t size);	/* "none, wav, sdl" */

/* -audiodev DRIVER[,id=ID][,path=FILE]: 0, or -1 with a message. */
int audio_parse_spec(const char *s, struct audio_spec *spec, char *err, size_t errlen);

/* The VM's sound output: a back end and its open voice.  Devices call
 * these from any thread (one lock inside). */
struct audio;
struct audio *audio_open(const struct audio_spec *spec);	/* NULL: pr_err'd */
int audio_start(struct audio *a, uint32_t rate, unsigned int channels);
void audio_write(struct audio *a, const int16_t *samples, size_t frames);
void audio_stop(struct audio *a);
int audio_close(struct audio *a);	/* NULL is fine */

extern const struct audio_backend audio_none, audio_wav;

#endif
