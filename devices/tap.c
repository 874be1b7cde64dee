// SPDX-License-Identifier: GPL-2.0
#include "tap.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

int tap_open(const char *ifname, char *err, size_t errlen)
{
	struct ifreq ifr;
	int fd;

	if (strlen(ifname) >= IFNAMSIZ) {
		snprintf(err, errlen, "-netdev: interface name '%.40s' is too long (at most %d "
			 "characters)", ifname, IFNAMSIZ - 1);
		return -1;
	}
	fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "-netdev tap: /dev/net/tun: %s", strerror(errno));
		return -1;
	}
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	memcpy(ifr.ifr_name, ifname, strlen(ifname));
	if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
		snprintf(err, errlen, "-netdev tap,ifname=%s: %s", ifname, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static void *close_fd(void *arg)
{
	close((int)(intptr_t)arg);
	return NULL;
}

/*
 * Closing a tun device's last fd unregisters its interface, and the kernel
 * waits there for RCU callbacks to run (netdev_run_todo: rcu_barrier):
 * 7-14 ms of waiting on the test host, longer on a loaded one.  That close
 * runs on a thread of its own, so that the rest of molvm's stop goes on
 * meanwhile; the process's exit still waits for it (a dying thread
 * finishes its system call first, and a close that had not started is
 * done by the exit itself).  Any other fd (TUNGETIFF fails: a socket
 * standing in for a tap) is closed at once, without a thread.
 */
void tap_close_fd(int fd)
{
	pthread_attr_t attr;
	struct ifreq ifr;
	pthread_t th;

	if (ioctl(fd, TUNGETIFF, &ifr) < 0) {
		close(fd);
		return;
	}
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&th, &attr, close_fd, (void *)(intptr_t)fd))
		close(fd);
	pthread_attr_destroy(&attr);
}
