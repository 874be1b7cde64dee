// SPDX-License-Identifier: GPL-2.0
/* -netdev back ends: the table, and the tap back end. */
#include "net.h"

#include <errno.h>
#include <event2/event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../vmm/log.h"
#include "../vmm/vm.h"
#include "tap.h"

struct netdev *netdev_open(const struct netdev_config *cfg)
{
	const struct netdev_backend *be = cfg->type == NETDEV_USER ? &netdev_user : &netdev_tap;
	struct netdev *nd = be->open(cfg);

	if (nd) {
		nd->be = be;
		nd->cfg = cfg;
	}
	return nd;
}

int netdev_start(struct netdev *nd, struct event_base *base, netdev_receive_fn fn, void *arg)
{
	nd->receive = fn;
	nd->arg = arg;
	ratelimit_init(&nd->warn, "-netdev", 4);
	return nd->be->start(nd, base);
}

void netdev_send(struct netdev *nd, const uint8_t *frame, size_t len)
{
	if (len && len <= NET_MAX_FRAME)
		nd->be->send(nd, frame, len);
}

void netdev_rx_ready(struct netdev *nd)
{
	nd->be->rx_ready(nd);
}

void netdev_pump(struct netdev *nd)
{
	nd->be->pump(nd);
}

void netdev_close(struct netdev *nd)
{
	if (!nd)
		return;
	ratelimit_summary(&nd->warn);
	nd->be->close(nd);
}

/*
 * tap: the kernel queues frames for us, so receive is a pull: the fd is
 * watched while the guest has room; a frame the guest could not take is
 * held, the watch stops, and netdev_rx_ready (from any thread) offers it
 * again on the main loop.
 */
struct tap {
	struct netdev nd;
	char ifname[16];
	int fd;
	struct event *rx_ev;		/* the fd is readable */
	struct event *retry_ev;		/* activated by rx_ready */
	uint8_t frame[NET_MAX_FRAME];
	size_t held;			/* bytes of a frame the guest did not take */
};

/* Main loop. */
static void tap_deliver(struct tap *t)
{
	int n;

	for (n = 0; n < 64; n++) {
		if (!t->held) {
			ssize_t len = read(t->fd, t->frame, sizeof(t->frame));

			if (len <= 0)
				break;
			t->held = (size_t)len;
		}
		if (!t->nd.receive(t->nd.arg, t->frame, t->held)) {
			if (t->rx_ev)
				event_del(t->rx_ev);	/* until rx_ready */
			return;
		}
		t->held = 0;
	}
	if (t->rx_ev)
		event_add(t->rx_ev, NULL);
}

static void on_tap_readable(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	tap_deliver(arg);
}

static void on_retry(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	tap_deliver(arg);
}

struct netdev *netdev_tap_fd(int fd)
{
	struct tap *t = calloc(1, sizeof(*t));

	if (!t) {
		pr_err("-netdev tap: out of memory");
		return NULL;
	}
	t->nd.be = &netdev_tap;
	t->fd = fd;
	snprintf(t->ifname, sizeof(t->ifname), "fd %d", fd);
	return &t->nd;
}

static struct netdev *tap_open_nd(const struct netdev_config *cfg)
{
	struct netdev *nd;
	char err[256];
	int fd;

	fd = tap_open(cfg->ifname, err, sizeof(err));
	if (fd < 0) {
		pr_err("%s", err);	/* it names the tap */
		return NULL;
	}
	nd = netdev_tap_fd(fd);
	if (!nd) {
		close(fd);
		return NULL;
	}
	memcpy(((struct tap *)nd)->ifname, cfg->ifname, sizeof(cfg->ifname));
	return nd;
}

static void tap_pump(struct netdev *nd)
{
	tap_deliver((struct tap *)nd);
}

static int tap_start(struct netdev *nd, struct event_base *base)
{
	struct tap *t = (struct tap *)nd;

	if (!base)
		return 0;

	t->rx_ev = event_new(base, t->fd, EV_READ | EV_PERSIST, on_tap_readable, t);
	t->retry_ev = event_new(base, -1, 0, on_retry, t);
	if (!t->rx_ev || !t->retry_ev || event_add(t->rx_ev, NULL)) {
		pr_err("-netdev tap,ifname=%s: cannot watch the tap", t->ifname);
		return -1;
	}
	return 0;
}

static void tap_send(struct netdev *nd, const uint8_t *frame, size_t len)
{
	struct tap *t = (struct tap *)nd;

	/* A full tap queue (EAGAIN) or a tap that is down (EIO) drops the
	 * frame, as a wire would. */
	if (write(t->fd, frame, len) < 0 && errno != EAGAIN && errno != EIO &&
	    ratelimit_allow(&t->nd.warn))
		pr_info("-netdev tap,ifname=%s: %s", t->ifname, strerror(errno));
}

static void tap_rx_ready(struct netdev *nd)
{
	struct tap *t = (struct tap *)nd;

	if (t->retry_ev)
		event_active(t->retry_ev, 0, 0);
}

static void tap_close(struct netdev *nd)
{
	struct tap *t = (struct tap *)nd;

	if (t->rx_ev)
		event_free(t->rx_ev);
	if (t->retry_ev)
		event_free(t->retry_ev);
	tap_close_fd(t->fd);
	free(t);
}

const struct netdev_backend netdev_tap = {
	.name = "tap",
	.open = tap_open_nd,
	.start = tap_start,
	.send = tap_send,
	.rx_ready = tap_rx_ready,
	.pump = tap_pump,
	.close = tap_close,
};
