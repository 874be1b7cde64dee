/* SPDX-License-Identifier: GPL-2.0 */
/* A Linux TAP interface: ethernet frames in and out of a file descriptor. */
#ifndef MOLVM_TAP_H
#define MOLVM_TAP_H

#include <stddef.h>

/* Attach to tap ifname through /dev/net/tun, creating it when it does not
 * exist (that needs CAP_NET_ADMIN).  Frames carry no extra header
 * (IFF_NO_PI).  Returns a non-blocking fd, or -1 with a message in err. */
int tap_open(const char *ifname, char *err, size_t errlen);

/* Close a tap's fd; a tun device's unregister goes on beside the caller
 * (see tap.c). */
void tap_close_fd(int fd);

#endif
