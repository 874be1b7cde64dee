// SPDX-License-Identifier: GPL-2.0
#include "tap.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
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
