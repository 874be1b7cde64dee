/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A NIC's host side (-netdev): where the frames a guest NIC sends go and
 * where the frames it receives come from, for every NIC model
 * (virtio-net on pseries, MOL's ENET2 on powermac).  Back ends: tap (a
 * host interface; devices/tap.c) and user (libslirp: NAT, DHCP, DNS and
 * port forwarding in userspace, no privileges; devices/net_slirp.c).
 *
 * Threads: frames for the guest are handed to the NIC's receive function
 * on the main loop.  netdev_send and netdev_rx_ready may be called from
 * any thread (a vCPU's), also with the NIC's lock held: they never call
 * back into the NIC.
 */
#ifndef MOLVM_NET_H
#define MOLVM_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../vmm/ratelimit.h"

struct event_base;
struct netdev_config;

#define NET_MAX_FRAME 65536

/* A frame for the guest, on the main loop.  True when the guest took it;
 * false when it has no receive buffer: the back end keeps the frame (and
 * more, up to a bound) and offers it again after netdev_rx_ready. */
typedef bool (*netdev_receive_fn)(void *arg, const uint8_t *frame, size_t len);

struct netdev;

struct netdev_backend {
	const char *name;
	struct netdev *(*open)(const struct netdev_config *cfg);
	int (*start)(struct netdev *nd, struct event_base *base);
	void (*send)(struct netdev *nd, const uint8_t *frame, size_t len);
	void (*rx_ready)(struct netdev *nd);
	void (*pump)(struct netdev *nd);
	void (*close)(struct netdev *nd);
};

/* Every back end's state starts with this. */
struct netdev {
	const struct netdev_backend *be;
	const struct netdev_config *cfg;
	netdev_receive_fn receive;
	void *arg;
	/* What the guest's frames make the back end say (a frame the tap
	 * refuses, slirp's "guest error"): a few lines, then a count. */
	struct ratelimit warn;
};

/* Open what cfg names (the tap, slirp and its forwarded ports): NULL
 * after one pr_err line. */
struct netdev *netdev_open(const struct netdev_config *cfg);
/* With the event loop: frames start flowing to fn.  (base NULL, tap
 * only: nothing is watched; netdev_pump delivers.) */
int netdev_start(struct netdev *nd, struct event_base *base, netdev_receive_fn fn, void *arg);
/* Offer the NIC what waits, now, on the calling thread (the main loop's
 * callbacks do this; unit tests call it). */
void netdev_pump(struct netdev *nd);
/* A frame from the guest (copied; dropped when the host side is full). */
void netdev_send(struct netdev *nd, const uint8_t *frame, size_t len);
/* The guest posted receive buffers: offer it what is waiting. */
void netdev_rx_ready(struct netdev *nd);
void netdev_close(struct netdev *nd);	/* NULL is fine */

/* The tap back end on an fd the caller opened (a tap, or a socketpair in
 * tests); it is closed with the netdev. */
struct netdev *netdev_tap_fd(int fd);

extern const struct netdev_backend netdev_tap, netdev_user;

#endif
