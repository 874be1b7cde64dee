// SPDX-License-Identifier: GPL-2.0
/*
 * -display vnc=SPEC: the framebuffer over RFB (libvncserver), keyboard and
 * pointer from the clients into ui/input.h.
 *
 * Everything runs on the main loop, like the SDL window: molvm owns the
 * listening socket (so it can say "port in use" itself, and listen on a
 * Unix socket), accepts clients on a libevent watcher and hands each to
 * libvncserver (rfbNewClient); a timer at the refresh rate starts a look
 * at the framebuffer through the tile tracker, a band per turn of the loop
 * (DISPLAY_STEP_PIXELS), marks what changed and lets libvncserver read the
 * clients and send updates (rfbProcessEvents with no wait), so the clients'
 * updates too go a band at a time.  libvncserver's own threads and
 * listeners are not used.
 *
 * The screen's pixels are the tracker's 0x00RRGGBB host words themselves
 * (the server format says so: 32 bpp, red at bit 16, host byte order);
 * libvncserver translates them to each client's format.  A mode change
 * gives the screen the tracker's new buffer (clients that know the
 * NewFBSize pseudo-encoding follow it); with no mode set the screen shows
 * a black 640x480.  No cursor is drawn into the frame: that buffer is the
 * tracker's.
 */
#include <errno.h>
#include <event2/event.h>
#include <netdb.h>
#include <rfb/rfb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "../../vmm/log.h"
#include "../display.h"
#include "../fb_tracker.h"
#include "../framebuffer.h"
#include "../input.h"
#include "../keymap.h"
#include "../vnc_spec.h"

#define REFRESH_HZ 60
#define BLANK_W 640
#define BLANK_H 480

struct display {
	struct display_host host;
	struct vnc_spec spec;
	rfbScreenInfoPtr screen;
	struct fb_tracker trk;
	uint32_t *blank;
	const uint32_t *shown;		/* what screen->frameBuffer is */
	uint32_t shown_w, shown_h;
	int listen_fd;
	struct event *listen_ev, *timer;
	struct event *more;		/* the rest of a look, at the next turn */
	bool looking;			/* a look at the frame, band by band */
	uint32_t band;			/* its next tile row */
	bool look_changed;
	char password[128];
	char *passwords[2];
	uint8_t buttons;
	struct display_stats stats;
};

/* libvncserver's log: its chatter (connections, encodings) is dropped;
 * its errors become molvm info lines. */
static void vnc_quiet(const char *fmt, ...)
{
	(void)fmt;
}

static void vnc_error(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	n = strlen(line);
	while (n && line[n - 1] == '\n')
		line[--n] = 0;
	/* rfbNewClient sets TCP_NODELAY on every client, Unix sockets too */
	if (strstr(line, "TCP_NODELAY"))
		return;
	pr_info("vnc: %s", line);
}

static void post_key(rfbBool down, rfbKeySym keysym, rfbClientPtr cl)
{
	struct display *d = cl->screen->screenData;
	struct input_event ev = { .kind = INPUT_KEY, .down = down };

	ev.code = keymap_keysym_to_evdev(keysym);
	if (ev.code)
		input_post(d->host.input, &ev);
}

/* RFC 6143 7.5.5: bit 0 left, 1 middle, 2 right (3, 4: the wheel). */
static void post_pointer(int mask, int x, int y, rfbClientPtr cl)
{
	static const uint8_t to_input[3] = { 0, 2, 1 };	/* input.h: 0 left, 1 right, 2 middle */
	struct display *d = cl->screen->screenData;
	struct input_event ev = { .kind = INPUT_MOUSE_ABS };
	int i;

	if (x >= 0 && y >= 0) {
		ev.x = (uint32_t)x;
		ev.y = (uint32_t)y;
		input_post(d->host.input, &ev);
	}
	for (i = 0; i < 3; i++) {
		bool now = mask & (1 << i), was = d->buttons & (1 << i);

		if (now == was)
			continue;
		memset(&ev, 0, sizeof(ev));
		ev.kind = INPUT_MOUSE_BUTTON;
		ev.button = to_input[i];
		ev.down = now;
		input_post(d->host.input, &ev);
	}
	d->buttons = (uint8_t)(mask & 7);
}

/* 0x00RRGGBB in host byte order; then every client's translation again,
 * since rfbNewFramebuffer set them up for its default format. */
static void set_format(struct display *d)
{
	rfbPixelFormat *f = &d->screen->serverFormat;
	rfbClientIteratorPtr it;
	rfbClientPtr cl;

	f->redShift = 16;
	f->greenShift = 8;
	f->blueShift = 0;
	f->redMax = f->greenMax = f->blueMax = 255;
	it = rfbGetClientIterator(d->screen);
	while ((cl = rfbClientIteratorNext(it)))
		d->screen->setTranslateFunction(cl);
	rfbReleaseClientIterator(it);
}

static void show(struct display *d, const uint32_t *px, uint32_t w, uint32_t h)
{
	if (px == d->shown && w == d->shown_w && h == d->shown_h)
		return;
	rfbNewFramebuffer(d->screen, (char *)px, (int)w, (int)h, 8, 3, 4);
	set_format(d);
	d->shown = px;
	d->shown_w = w;
	d->shown_h = h;
}

/* One step of a look at the frame: a band of it (DISPLAY_STEP_PIXELS),
 * what changed there marked for the clients, and the clients served
 * (libvncserver encodes and sends what is marked). */
static void vnc_step(struct display *d)
{
	struct fb_rect r;
	uint32_t cursor = 0;
	int n = -1;

	if (!d->looking) {
		d->looking = true;
		d->band = 0;
		d->look_changed = false;
		d->stats.frames++;
	}
	if (d->host.fb)
		n = fb_tracker_update_band(&d->trk, d->host.fb, &d->band, DISPLAY_STEP_PIXELS);
	if (d->trk.shadow && d->trk.valid) {
		bool same = d->shown == d->trk.xrgb && d->shown_w == d->trk.width &&
			    d->shown_h == d->trk.height;

		show(d, d->trk.xrgb, d->trk.width, d->trk.height);
		if (!same) {
			d->look_changed = true;	/* a new screen: all of it goes */
		} else if (n > 0) {
			while (fb_tracker_next_rect(&d->trk, &cursor, &r))
				rfbMarkRectAsModified(d->screen, (int)r.x, (int)r.y,
						      (int)(r.x + r.w), (int)(r.y + r.h));
			d->look_changed = true;
		}
	} else {
		show(d, d->blank, BLANK_W, BLANK_H);
	}
	if (n < 0 || !d->trk.valid || d->band >= d->trk.tiles_y) {
		d->looking = false;
		d->stats.frames_changed += d->look_changed;
	}
	rfbProcessEvents(d->screen, 0);
}

/* A whole look now (opening, and the back end's refresh). */
static void vnc_refresh(struct display *d)
{
	do
		vnc_step(d);
	while (d->looking);
}

/* A look starts at each tick once the last is done and goes on a step
 * per turn of the loop, after whatever else is ready. */
static void on_tick(evutil_socket_t fd, short what, void *arg)
{
	static const struct timeval now = { 0, 0 };
	struct display *d = arg;

	(void)fd;
	(void)what;
	vnc_step(d);
	if (d->looking && d->more)
		event_add(d->more, &now);
}

static void on_accept(evutil_socket_t fd, short what, void *arg)
{
	struct display *d = arg;
	int c;

	(void)what;
	c = accept4(fd, NULL, NULL, SOCK_CLOEXEC);
	if (c < 0)
		return;
	/* libvncserver makes it non-blocking and owns it from here. */
	if (!rfbNewClient(d->screen, c))
		pr_info("vnc: a client was refused");
	vnc_refresh(d);
}

static void spec_name(const struct vnc_spec *s, char *buf, size_t size)
{
	if (s->unix_socket)
		snprintf(buf, size, "unix:%s", s->path);
	else
		snprintf(buf, size, "%s:%u", s->host[0] ? s->host : "127.0.0.1", s->port);
}

/* The listening socket, or -1 after one error line. */
static int listen_on(const struct vnc_spec *s)
{
	char name[400];
	int fd = -1, one = 1, e;

	spec_name(s, name, sizeof(name));
	if (s->unix_socket) {
		struct sockaddr_un sa = { .sun_family = AF_UNIX };
		struct stat st;

		memcpy(sa.sun_path, s->path, strlen(s->path) + 1);
		fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd < 0)
			goto fail;
		/* A socket left by an earlier run is replaced; one a server
		 * still answers on is "in use". */
		if (!stat(s->path, &st) && S_ISSOCK(st.st_mode)) {
			if (!connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
				errno = EADDRINUSE;
				goto fail;
			}
			unlink(s->path);
		}
		if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) || listen(fd, 4))
			goto fail;
		return fd;
	} else {
		struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
					  .ai_flags = AI_PASSIVE | AI_NUMERICSERV };
		struct addrinfo *ai = NULL;
		char port[8];

		snprintf(port, sizeof(port), "%u", s->port);
		e = getaddrinfo(s->host[0] ? s->host : "127.0.0.1", port, &hints, &ai);
		if (e) {
			pr_err("-display vnc=%s: %s", name, gai_strerror(e));
			return -1;
		}
		fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd >= 0)
			setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (fd < 0 || bind(fd, ai->ai_addr, ai->ai_addrlen) || listen(fd, 4)) {
			e = errno;
			freeaddrinfo(ai);
			errno = e;
			goto fail;
		}
		freeaddrinfo(ai);
		return fd;
	}
fail:
	e = errno;
	pr_err("-display vnc=%s: cannot listen: %s", name, strerror(e));
	if (fd >= 0)
		close(fd);
	return -1;
}

/* The first line of the file: VNC authentication (DES) uses its first 8
 * bytes, as every VNC server does. */
static int read_password(struct display *d)
{
	const char *file = d->spec.password_file;
	FILE *f = fopen(file, "r");
	size_t n;

	if (!f) {
		pr_err("-display vnc: password-file %s: %s", file, strerror(errno));
		return -1;
	}
	if (!fgets(d->password, sizeof(d->password), f))
		d->password[0] = 0;
	fclose(f);
	n = strcspn(d->password, "\r\n");
	d->password[n] = 0;
	if (!n) {
		pr_err("-display vnc: password-file %s: the first line is empty", file);
		return -1;
	}
	d->passwords[0] = d->password;
	d->passwords[1] = NULL;
	return 0;
}

static void vnc_close(struct display *d)
{
	if (d->timer)
		event_free(d->timer);
	if (d->more)
		event_free(d->more);
	if (d->listen_ev)
		event_free(d->listen_ev);
	if (d->listen_fd >= 0) {
		close(d->listen_fd);
		if (d->spec.unix_socket)
			unlink(d->spec.path);
	}
	if (d->screen) {
		rfbShutdownServer(d->screen, TRUE);
		rfbScreenCleanup(d->screen);
	}
	fb_tracker_free(&d->trk);
	free(d->blank);
	memset(d->password, 0, sizeof(d->password));
	free(d);
}

static struct display *vnc_open(const struct display_host *host)
{
	struct timeval tv = { 0, 1000000 / REFRESH_HZ };
	struct display *d = calloc(1, sizeof(*d));
	char err[512];

	if (!d)
		return NULL;
	d->host = *host;
	d->listen_fd = -1;
	fb_tracker_init(&d->trk);
	if (vnc_parse_spec(host->spec ? host->spec : "", &d->spec, err, sizeof(err))) {
		pr_err("%s", err);
		goto fail;
	}
	if (d->spec.password_file[0] && read_password(d))
		goto fail;
	d->blank = calloc((size_t)BLANK_W * BLANK_H, sizeof(uint32_t));
	if (!d->blank)
		goto fail;
	d->listen_fd = listen_on(&d->spec);
	if (d->listen_fd < 0)
		goto fail;

	rfbLog = vnc_quiet;
	rfbErr = vnc_error;
	d->screen = rfbGetScreen(NULL, NULL, BLANK_W, BLANK_H, 8, 3, 4);
	if (!d->screen) {
		pr_err("-display vnc: cannot set up the VNC server");
		goto fail;
	}
	d->screen->screenData = d;
	d->screen->desktopName = host->vm_name ? host->vm_name : "molvm";
	d->screen->frameBuffer = (char *)d->blank;
	d->shown = d->blank;
	d->shown_w = BLANK_W;
	d->shown_h = BLANK_H;
	d->screen->alwaysShared = TRUE;	/* a second viewer joins, not replaces */
	d->screen->cursor = NULL;	/* nothing drawn into the tracker's frame */
	d->screen->kbdAddEvent = post_key;
	d->screen->ptrAddEvent = post_pointer;
	if (d->passwords[0]) {
		d->screen->authPasswdData = d->passwords;
		d->screen->passwordCheck = rfbCheckPasswordByList;
	}
	/* The sockets are molvm's: libvncserver must not open its own. */
	d->screen->socketState = RFB_SOCKET_READY;
	d->screen->port = d->screen->ipv6port = 0;
	d->screen->httpDir = NULL;
	rfbInitServer(d->screen);
	set_format(d);

	if (host->base) {
		d->listen_ev = event_new(host->base, d->listen_fd, EV_READ | EV_PERSIST, on_accept, d);
		d->timer = event_new(host->base, -1, EV_PERSIST, on_tick, d);
		d->more = event_new(host->base, -1, 0, on_tick, d);
		if (!d->listen_ev || !d->timer || !d->more || event_add(d->listen_ev, NULL) ||
		    event_add(d->timer, &tv)) {
			pr_err("-display vnc: cannot watch the socket");
			goto fail;
		}
	}
	vnc_refresh(d);
	return d;
fail:
	vnc_close(d);
	return NULL;
}

static void vnc_stats(struct display *d, struct display_stats *out)
{
	*out = d->stats;
}

static const struct display_backend display_vnc = {
	.name = "vnc",
	.help = "a VNC server (vnc=[HOST]:N or vnc=unix:PATH)",
	.open = vnc_open,
	.close = vnc_close,
	.refresh = vnc_refresh,
	.stats = vnc_stats,
};

__attribute__((constructor)) static void register_vnc(void)
{
	display_register(&display_vnc);
}
