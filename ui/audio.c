// SPDX-License-Identifier: GPL-2.0
#include "audio.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../vmm/log.h"

#define MAX_BACKENDS 4

static const struct audio_backend *backends[MAX_BACKENDS] = { &audio_none, &audio_wav };
static unsigned int nr_backends = 2;

void audio_register(const struct audio_backend *be)
{
	if (nr_backends < MAX_BACKENDS)
		backends[nr_backends++] = be;
}

const struct audio_backend *audio_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < nr_backends; i++)
		if (!strcmp(backends[i]->name, name))
			return backends[i];
	return NULL;
}

void audio_list(char *buf, size_t size)
{
	size_t n = 0;
	unsigned int i;

	if (!size)
		return;
	buf[0] = 0;
	for (i = 0; i < nr_backends && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? ", " : "", backends[i]->name);
}

int audio_parse_spec(const char *s, struct audio_spec *spec, char *err, size_t errlen)
{
	size_t len = strcspn(s, ",");
	const char *opt;
	char name[32], list[64];

	memset(spec, 0, sizeof(*spec));
	if (!len || len >= sizeof(name)) {
		snprintf(err, errlen, "-audiodev: give a driver (sdl, wav, none) first");
		return -1;
	}
	memcpy(name, s, len);
	name[len] = 0;
	spec->be = audio_find(name);
	if (!spec->be) {
		audio_list(list, sizeof(list));
		snprintf(err, errlen, "-audiodev: driver '%s' is not available here (this molvm has: %s)",
			 name, list);
		return -1;
	}
	for (opt = s + len; *opt == ','; opt += len) {
		opt++;
		len = strcspn(opt, ",");
		if (len > 3 && !strncmp(opt, "id=", 3) && len - 3 < sizeof(spec->id)) {
			memcpy(spec->id, opt + 3, len - 3);
			spec->id[len - 3] = 0;
		} else if (len > 5 && !strncmp(opt, "path=", 5) && spec->be == &audio_wav &&
			   len - 5 < sizeof(spec->path)) {
			memcpy(spec->path, opt + 5, len - 5);
			spec->path[len - 5] = 0;
		} else {
			snprintf(err, errlen, "-audiodev %s: bad option '%.*s' (id=ID%s)", name,
				 (int)(len > 100 ? 100 : len), opt,
				 spec->be == &audio_wav ? ", path=FILE" : "");
			return -1;
		}
	}
	if (spec->be == &audio_wav && !spec->path[0]) {
		snprintf(err, errlen, "-audiodev wav: give path=FILE");
		return -1;
	}
	return 0;
}

struct audio {
	pthread_mutex_t lock;
	const struct audio_backend *be;
	struct audio_voice *v;
};

struct audio *audio_open(const struct audio_spec *spec)
{
	struct audio *a = calloc(1, sizeof(*a));

	if (!a)
		return NULL;
	pthread_mutex_init(&a->lock, NULL);
	a->be = spec->be;
	a->v = a->be->open(spec->path[0] ? spec->path : NULL);
	if (!a->v) {
		pthread_mutex_destroy(&a->lock);
		free(a);
		return NULL;
	}
	return a;
}

int audio_start(struct audio *a, uint32_t rate, unsigned int channels)
{
	int r;

	pthread_mutex_lock(&a->lock);
	r = a->be->start(a->v, rate, channels);
	pthread_mutex_unlock(&a->lock);
	return r;
}

void audio_write(struct audio *a, const int16_t *samples, size_t frames)
{
	pthread_mutex_lock(&a->lock);
	a->be->write(a->v, samples, frames);
	pthread_mutex_unlock(&a->lock);
}

void audio_stop(struct audio *a)
{
	pthread_mutex_lock(&a->lock);
	a->be->stop(a->v);
	pthread_mutex_unlock(&a->lock);
}

int audio_close(struct audio *a)
{
	int r;

	if (!a)
		return 0;
	r = a->be->close(a->v);
	pthread_mutex_destroy(&a->lock);
	free(a);
	return r;
}

/* ---- -audiodev none: the guest plays into nothing ------------------------------ */

struct none_voice {
	int dummy;
};

static struct audio_voice *none_open(const char *path)
{
	(void)path;
	return calloc(1, sizeof(struct none_voice));
}

static int none_start(struct audio_voice *v, uint32_t rate, unsigned int channels)
{
	(void)v;
	(void)rate;
	(void)channels;
	return 0;
}

static void none_write(struct audio_voice *v, const int16_t *samples, size_t frames)
{
	(void)v;
	(void)samples;
	(void)frames;
}

static void none_stop(struct audio_voice *v)
{
	(void)v;
}

static int none_close(struct audio_voice *v)
{
	free(v);
	return 0;
}

const struct audio_backend audio_none = {
	.name = "none",
	.open = none_open,
	.start = none_start,
	.write = none_write,
	.stop = none_stop,
	.close = none_close,
};
