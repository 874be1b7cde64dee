// SPDX-License-Identifier: GPL-2.0
/*
 * -netdev user: networking without privileges through libslirp, the
 * userspace TCP/IP stack QEMU uses.  The guest sees a router at .2 of its
 * network (default 10.0.2.0/24, QEMU's), a DNS forwarder at .3 and DHCP
 * handing out .15 and up; its TCP and UDP become molvm's own sockets on
 * the host (NAT), and hostfwd= forwards host ports to the guest.
 *
 * slirp is not thread-safe and runs entirely on molvm's main loop:
 *  - its file descriptors: slirp_pollfds_fill says which to watch; each
 *    gets a one-shot libevent watcher, and when one fires (or the timeout
 *    slirp asked for passes) every watched fd's state is read with one
 *    poll() and given to slirp_pollfds_poll; then the set is built again.
 *  - its timers (TCP, DHCP, ARP): libevent timers, at the absolute
 *    millisecond slirp asks for.
 *  - frames from the guest: a vCPU thread queues them (bounded) and
 *    activates an event; the main loop feeds them to slirp_input.
 *  - frames for the guest (slirp's send_packet): offered to the NIC; what
 *    it cannot take waits in a bounded queue until netdev_rx_ready.
 * Frames beyond a queue's bound are dropped, as on a wire; TCP recovers.
 */
#include <errno.h>
#include <event2/event.h>
#include <libslirp.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../vmm/log.h"
#include "../vmm/vm.h"
#include "net.h"

#define QUEUE_MAX 256		/* frames waiting in either direction */
#define MAX_FDS 256

struct frame {
	size_t len;
	uint8_t data[];
};

struct queue {
	struct frame *f[QUEUE_MAX];
	unsigned int head, n;
};

struct user_net {
	struct netdev nd;
	Slirp *slirp;
	struct event_base *base;
	char name[32];

	/* slirp's fds for the current round */
	struct pollfd pfd[MAX_FDS];
	struct event *fd_ev[MAX_FDS];
	int nr_fds;
	struct event *poll_timer;	/* the timeout slirp_pollfds_fill gave */
	struct event *rearm_ev;		/* build the fd set again */

	struct event *tx_ev;		/* frames from the guest queued */
	struct event *rx_ev;		/* the guest posted buffers */
	pthread_mutex_t tx_lock;
	struct queue tx;		/* guest -> slirp, under tx_lock */
	struct queue rx;		/* slirp -> guest, main loop only */
	uint64_t dropped;
};

struct user_timer {
	struct user_net *u;
	SlirpTimerId id;
	void *cb_opaque;
	struct event *ev;
};

static bool q_push(struct queue *q, const uint8_t *data, size_t len)
{
	struct frame *f;

	if (q->n == QUEUE_MAX)
		return false;
	f = malloc(sizeof(*f) + len);
	if (!f)
		return false;
	f->len = len;
	memcpy(f->data, data, len);
	q->f[(q->head + q->n++) % QUEUE_MAX] = f;
	return true;
}

static struct frame *q_peek(struct queue *q)
{
	return q->n ? q->f[q->head] : NULL;
}

static void q_drop_head(struct queue *q)
{
	free(q->f[q->head]);
	q->head = (q->head + 1) % QUEUE_MAX;
	q->n--;
}

static void q_free(struct queue *q)
{
	while (q->n)
		q_drop_head(q);
}

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* ---- slirp's callbacks -------------------------------------------------------- */

static ssize_t cb_send_packet(const void *buf, size_t len, void *opaque)
{
	struct user_net *u = opaque;

	/* In order: only when nothing is waiting may a frame go straight in. */
	if (!u->rx.n && u->nd.receive(u->nd.arg, buf, len))
		return (ssize_t)len;
	if (!q_push(&u->rx, buf, len))
		u->dropped++;
	return (ssize_t)len;
}

static void cb_guest_error(const char *msg, void *opaque)
{
	struct user_net *u = opaque;

	if (ratelimit_allow(&u->nd.warn))
		pr_info("%s: guest error: %s", u->name, msg);
}

static int64_t cb_clock_get_ns(void *opaque)
{
	(void)opaque;
	return now_ns();
}

static void on_timer(evutil_socket_t fd, short what, void *arg)
{
	struct user_timer *t = arg;

	(void)fd;
	(void)what;
	slirp_handle_timer(t->u->slirp, t->id, t->cb_opaque);
	event_active(t->u->rearm_ev, 0, 0);
}

static void *cb_timer_new_opaque(SlirpTimerId id, void *cb_opaque, void *opaque)
{
	struct user_net *u = opaque;
	struct user_timer *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->u = u;
	t->id = id;
	t->cb_opaque = cb_opaque;
	t->ev = evtimer_new(u->base, on_timer, t);
	if (!t->ev) {
		free(t);
		return NULL;
	}
	return t;
}

static void cb_timer_free(void *timer, void *opaque)
{
	struct user_timer *t = timer;

	(void)opaque;
	if (!t)
		return;
	event_free(t->ev);
	free(t);
}

/* expire_time: ms on cb_clock_get_ns's clock */
static void cb_timer_mod(void *timer, int64_t expire_time, void *opaque)
{
	struct user_timer *t = timer;
	int64_t delta = expire_time - now_ns() / 1000000;
	struct timeval tv;

	(void)opaque;
	if (!t)
		return;
	if (delta < 0)
		delta = 0;
	tv.tv_sec = (time_t)(delta / 1000);
	tv.tv_usec = (suseconds_t)(delta % 1000 * 1000);
	evtimer_add(t->ev, &tv);
}

static void cb_register_poll_fd(int fd, void *opaque)
{
	(void)fd;
	(void)opaque;	/* every round asks slirp_pollfds_fill anew */
}

static void cb_unregister_poll_fd(int fd, void *opaque)
{
	(void)fd;
	(void)opaque;
}

static void cb_notify(void *opaque)
{
	struct user_net *u = opaque;

	if (u->rearm_ev)
		event_active(u->rearm_ev, 0, 0);
}

static const SlirpCb callbacks = {
	.send_packet = cb_send_packet,
	.guest_error = cb_guest_error,
	.clock_get_ns = cb_clock_get_ns,
	.timer_free = cb_timer_free,
	.timer_mod = cb_timer_mod,
	.register_poll_fd = cb_register_poll_fd,
	.unregister_poll_fd = cb_unregister_poll_fd,
	.notify = cb_notify,
	.timer_new_opaque = cb_timer_new_opaque,
};

/* ---- slirp's fds on the event loop -------------------------------------------- */

static int add_poll(int fd, int events, void *opaque)
{
	struct user_net *u = opaque;
	struct pollfd *p;

	if (u->nr_fds == MAX_FDS)
		return -1;	/* slirp then skips this fd for the round */
	p = &u->pfd[u->nr_fds];
	p->fd = fd;
	p->events = (short)(((events & SLIRP_POLL_IN) ? POLLIN : 0) |
			    ((events & SLIRP_POLL_OUT) ? POLLOUT : 0) |
			    ((events & SLIRP_POLL_PRI) ? POLLPRI : 0));
	p->revents = 0;
	return u->nr_fds++;
}

static int get_revents(int idx, void *opaque)
{
	struct user_net *u = opaque;
	short r;

	if (idx < 0 || idx >= u->nr_fds)
		return 0;
	r = u->pfd[idx].revents;
	return ((r & POLLIN) ? SLIRP_POLL_IN : 0) | ((r & POLLOUT) ? SLIRP_POLL_OUT : 0) |
	       ((r & POLLPRI) ? SLIRP_POLL_PRI : 0) | ((r & POLLERR) ? SLIRP_POLL_ERR : 0) |
	       ((r & POLLHUP) ? SLIRP_POLL_HUP : 0);
}

static void clear_watches(struct user_net *u)
{
	int i;

	for (i = 0; i < u->nr_fds; i++)
		if (u->fd_ev[i]) {
			event_free(u->fd_ev[i]);
			u->fd_ev[i] = NULL;
		}
	evtimer_del(u->poll_timer);
}

static void on_wake(evutil_socket_t fd, short what, void *arg);

/* A new round: which fds slirp wants watched, and for how long at most. */
static void arm(struct user_net *u)
{
	uint32_t timeout = UINT32_MAX;
	struct timeval tv;
	int i;

	clear_watches(u);
	u->nr_fds = 0;
	slirp_pollfds_fill(u->slirp, &timeout, add_poll, u);
	for (i = 0; i < u->nr_fds; i++) {
		short ev = ((u->pfd[i].events & (POLLIN | POLLPRI)) ? EV_READ : 0) |
			   ((u->pfd[i].events & POLLOUT) ? EV_WRITE : 0);

		if (!ev)
			continue;
		u->fd_ev[i] = event_new(u->base, u->pfd[i].fd, ev, on_wake, u);
		if (u->fd_ev[i])
			event_add(u->fd_ev[i], NULL);
	}
	if (timeout != UINT32_MAX) {
		tv.tv_sec = timeout / 1000;
		tv.tv_usec = (suseconds_t)(timeout % 1000) * 1000;
		evtimer_add(u->poll_timer, &tv);
	}
}

/* Something slirp watches is ready (or its timeout passed): read every
 * watched fd's state, let slirp work, start a new round. */
static void on_wake(evutil_socket_t fd, short what, void *arg)
{
	struct user_net *u = arg;
	int r;

	(void)fd;
	(void)what;
	clear_watches(u);
	r = poll(u->pfd, (nfds_t)u->nr_fds, 0);
	slirp_pollfds_poll(u->slirp, r < 0, get_revents, u);
	arm(u);
}

static void on_rearm(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	arm(arg);
}

/* Frames from the guest, on the main loop. */
static void on_tx(evutil_socket_t fd, short what, void *arg)
{
	struct user_net *u = arg;
	struct frame *f;
	int n;

	(void)fd;
	(void)what;
	for (n = 0; n < QUEUE_MAX; n++) {
		pthread_mutex_lock(&u->tx_lock);
		f = q_peek(&u->tx);
		if (f) {
			u->tx.f[u->tx.head] = NULL;
			u->tx.head = (u->tx.head + 1) % QUEUE_MAX;
			u->tx.n--;
		}
		pthread_mutex_unlock(&u->tx_lock);
		if (!f)
			break;
		slirp_input(u->slirp, f->data, (int)f->len);
		free(f);
	}
	arm(u);
}

/* The guest has buffers again: what waited goes first, in order. */
static void user_pump(struct netdev *nd)
{
	struct user_net *u = (struct user_net *)nd;
	struct frame *f;

	while ((f = q_peek(&u->rx)) && u->nd.receive(u->nd.arg, f->data, f->len))
		q_drop_head(&u->rx);
}

static void on_rx_ready(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	user_pump(arg);
}

/* ---- the back end ------------------------------------------------------------- */

static struct in_addr in4(uint32_t host_order)
{
	struct in_addr a = { .s_addr = htonl(host_order) };

	return a;
}

static struct netdev *user_open(const struct netdev_config *cfg)
{
	struct user_net *u = calloc(1, sizeof(*u));

	(void)cfg;	/* used at start, when slirp can have its timers */
	if (!u) {
		pr_err("-netdev user: out of memory");
		return NULL;
	}
	snprintf(u->name, sizeof(u->name), "-netdev user");
	pthread_mutex_init(&u->tx_lock, NULL);
	return &u->nd;
}

/* slirp needs the event loop for its timers, so it is created here; the
 * forwarded ports are opened here too, before the guest runs. */
static int user_start(struct netdev *nd, struct event_base *base)
{
	struct user_net *u = (struct user_net *)nd;
	const struct netdev_config *cfg = u->nd.cfg;
	SlirpConfig sc = { 0 };
	int i;

	if (!base) {
		pr_err("-netdev user: needs the event loop");
		return -1;
	}
	u->base = base;
	u->poll_timer = evtimer_new(base, on_wake, u);
	u->rearm_ev = event_new(base, -1, 0, on_rearm, u);
	u->tx_ev = event_new(base, -1, 0, on_tx, u);
	u->rx_ev = event_new(base, -1, 0, on_rx_ready, u);
	if (!u->poll_timer || !u->rearm_ev || !u->tx_ev || !u->rx_ev) {
		pr_err("-netdev user: cannot set up its events");
		return -1;
	}
	sc.version = 4;
	sc.in_enabled = true;
	sc.vnetwork = in4(cfg->net);
	sc.vnetmask = in4(cfg->mask);
	sc.vhost = in4(cfg->net | 2);		/* QEMU's layout: router .2 */
	sc.vnameserver = in4(cfg->net | 3);	/* DNS .3 */
	sc.vdhcp_start = in4(cfg->net | 15);	/* DHCP from .15 */
	sc.vhostname = "molvm";
	u->slirp = slirp_new(&sc, &callbacks, u);
	if (!u->slirp) {
		pr_err("-netdev user: libslirp refused the configuration");
		return -1;
	}
	for (i = 0; i < cfg->nr_fwd; i++) {
		const struct hostfwd *f = &cfg->fwd[i];
		uint32_t guest = f->guest_addr ? f->guest_addr : (cfg->net | 15);
		char host[INET_ADDRSTRLEN];
		struct in_addr ha = in4(f->host_addr);

		if (slirp_add_hostfwd(u->slirp, f->udp, ha, f->host_port, in4(guest),
				      f->guest_port) < 0) {
			inet_ntop(AF_INET, &ha, host, sizeof(host));
			pr_err("-netdev user,hostfwd=%s:%s:%u: cannot listen there: %s",
			       f->udp ? "udp" : "tcp", f->host_addr ? host : "",
			       f->host_port, errno ? strerror(errno) : "port in use");
			return -1;
		}
	}
	arm(u);
	return 0;
}

static void user_send(struct netdev *nd, const uint8_t *frame, size_t len)
{
	struct user_net *u = (struct user_net *)nd;
	bool ok;

	pthread_mutex_lock(&u->tx_lock);
	ok = q_push(&u->tx, frame, len);
	pthread_mutex_unlock(&u->tx_lock);
	if (ok && u->tx_ev)
		event_active(u->tx_ev, 0, 0);
}

static void user_rx_ready(struct netdev *nd)
{
	struct user_net *u = (struct user_net *)nd;

	if (u->rx_ev)
		event_active(u->rx_ev, 0, 0);
}

static void user_close(struct netdev *nd)
{
	struct user_net *u = (struct user_net *)nd;

	if (u->poll_timer)
		clear_watches(u);
	if (u->slirp)
		slirp_cleanup(u->slirp);	/* frees its timers through cb_timer_free */
	if (u->poll_timer)
		event_free(u->poll_timer);
	if (u->rearm_ev)
		event_free(u->rearm_ev);
	if (u->tx_ev)
		event_free(u->tx_ev);
	if (u->rx_ev)
		event_free(u->rx_ev);
	q_free(&u->tx);
	q_free(&u->rx);
	pthread_mutex_destroy(&u->tx_lock);
	free(u);
}

const struct netdev_backend netdev_user = {
	.name = "user",
	.open = user_open,
	.start = user_start,
	.send = user_send,
	.rx_ready = user_rx_ready,
	.pump = user_pump,
	.close = user_close,
};
