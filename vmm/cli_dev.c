// SPDX-License-Identifier: GPL-2.0
/* -drive and -netdev, in QEMU's key=value spelling (the subset molvm has). */
#include "cli.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#define ITEM_MAX 4200	/* "file=" + PATH_MAX, with room to notice longer */

/* Next comma-separated item of *s into item; advances *s.  False at the
 * end, or (with *toolong set) when the item does not fit. */
static bool next_item(const char **s, char *item, bool *toolong)
{
	size_t len = strcspn(*s, ",");

	*toolong = false;
	if (!**s)
		return false;
	if (len >= ITEM_MAX) {
		*toolong = true;
		return false;
	}
	memcpy(item, *s, len);
	item[len] = 0;
	*s += len + ((*s)[len] == ',');
	return true;
}

static int bool_value(const char *v, bool *out)
{
	if (!strcmp(v, "on") || !strcmp(v, "true") || !strcmp(v, "yes")) {
		*out = true;
		return 0;
	}
	if (!strcmp(v, "off") || !strcmp(v, "false") || !strcmp(v, "no")) {
		*out = false;
		return 0;
	}
	return -1;
}

int cli_parse_drive(const char *val, struct vm_config *cfg, char *err, size_t errlen)
{
	struct drive_config *d;
	const char *s = val;
	char item[ITEM_MAX];
	bool toolong;

	if (cfg->nr_drives == MOLVM_MAX_DRIVES) {
		snprintf(err, errlen, "-drive: at most %d drives", MOLVM_MAX_DRIVES);
		return -1;
	}
	d = &cfg->drives[cfg->nr_drives];
	memset(d, 0, sizeof(*d));
	while (next_item(&s, item, &toolong)) {
		if (!strncmp(item, "file=", 5)) {
			if (strlen(item + 5) >= sizeof(d->file)) {
				toolong = true;
				break;
			}
			strcpy(d->file, item + 5);
		} else if (!strncmp(item, "format=", 7)) {
			if (strcmp(item + 7, "raw")) {
				snprintf(err, errlen, "-drive: format '%.64s' is not supported (only raw)",
					 item + 7);
				return -1;
			}
		} else if (!strncmp(item, "readonly=", 9)) {
			if (bool_value(item + 9, &d->readonly)) {
				snprintf(err, errlen, "-drive: readonly=%.64s is not on or off", item + 9);
				return -1;
			}
		} else if (!strcmp(item, "if=virtio")) {
			/* QEMU's spelling of the only interface molvm has */
		} else {
			snprintf(err, errlen, "-drive: unknown parameter '%.64s'", item);
			return -1;
		}
	}
	if (toolong) {
		snprintf(err, errlen, "-drive: file name too long");
		return -1;
	}
	if (!d->file[0]) {
		snprintf(err, errlen, "-drive: give file=IMG");
		return -1;
	}
	cfg->nr_drives++;
	return 0;
}

int cli_parse_cdrom(const char *val, struct vm_config *cfg, char *err, size_t errlen)
{
	struct drive_config *d;

	if (cfg->nr_drives == MOLVM_MAX_DRIVES) {
		snprintf(err, errlen, "-cdrom: at most %d drives and CD-ROMs", MOLVM_MAX_DRIVES);
		return -1;
	}
	if (!*val || strlen(val) >= sizeof(d->file)) {
		snprintf(err, errlen, "-cdrom: give an image file (at most %zu bytes of name)",
			 sizeof(d->file) - 1);
		return -1;
	}
	d = &cfg->drives[cfg->nr_drives++];
	memset(d, 0, sizeof(*d));
	strcpy(d->file, val);
	d->readonly = true;
	d->cdrom = true;
	return 0;
}

/* QEMU's "-boot order=DRIVES" (or "-boot DRIVES"): c the first disk, d
 * the first CD-ROM; the first letter decides. */
int cli_parse_boot(const char *val, struct vm_config *cfg, char *err, size_t errlen)
{
	if (!strncmp(val, "order=", 6))
		val += 6;
	if ((val[0] != 'c' && val[0] != 'd') || strspn(val, "cd") != strlen(val)) {
		snprintf(err, errlen, "-boot: '%.64s' is not c (first disk) or d (first CD-ROM)", val);
		return -1;
	}
	cfg->boot = val[0];
	return 0;
}

/* The boot hint: the first drive of the kind -boot asks for, else the
 * first drive. */
void cli_boot_hint(struct vm_config *cfg)
{
	int i, hint = cfg->nr_drives ? 0 : -1;

	for (i = 0; i < cfg->nr_drives; i++)
		if (cfg->drives[i].cdrom == (cfg->boot == 'd')) {
			hint = i;
			break;
		}
	for (i = 0; i < cfg->nr_drives; i++)
		cfg->drives[i].boot = i == hint;
}

/* "a.b.c.d" into a host-order address; -1 if it is not one. */
static int parse_ipv4(const char *s, size_t len, uint32_t *out)
{
	char buf[16];
	struct in_addr a;

	if (len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len);
	buf[len] = 0;
	if (inet_pton(AF_INET, buf, &a) != 1)
		return -1;
	*out = ntohl(a.s_addr);
	return 0;
}

static int parse_port(const char *s, size_t len, uint16_t *out)
{
	unsigned long v = 0;
	size_t i;

	if (!len || len > 5)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	if (!v || v > 65535)
		return -1;
	*out = (uint16_t)v;
	return 0;
}

/* [ADDR]:PORT, the ADDR optional (0). */
static int parse_addr_port(const char *s, size_t len, uint32_t *addr, uint16_t *port)
{
	const char *colon = memchr(s, ':', len);

	if (!colon)
		return -1;
	*addr = 0;
	if (colon > s && parse_ipv4(s, (size_t)(colon - s), addr))
		return -1;
	return parse_port(colon + 1, len - (size_t)(colon + 1 - s), port);
}

/* QEMU's hostfwd=[tcp|udp]:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT */
static int parse_hostfwd(const char *v, struct hostfwd *f)
{
	const char *dash;

	memset(f, 0, sizeof(*f));
	if (!strncmp(v, "udp:", 4)) {
		f->udp = true;
		v += 4;
	} else if (!strncmp(v, "tcp:", 4)) {
		v += 4;
	} else if (*v != ':') {
		return -1;
	}
	/* (without a protocol the value starts with ':' of [HOSTADDR]:) */
	dash = strchr(v, '-');
	if (!dash)
		return -1;
	return parse_addr_port(v, (size_t)(dash - v), &f->host_addr, &f->host_port) ||
	       parse_addr_port(dash + 1, strlen(dash + 1), &f->guest_addr, &f->guest_port) ? -1 : 0;
}

/* net=A.B.C.D/N: N from 8 to 28, so .2, .3 and .15 fit (QEMU's layout). */
static int parse_net(const char *v, uint32_t *net, uint32_t *mask)
{
	const char *slash = strchr(v, '/');
	uint16_t bits;

	if (!slash || parse_ipv4(v, (size_t)(slash - v), net) ||
	    parse_port(slash + 1, strlen(slash + 1), &bits) || bits < 8 || bits > 28)
		return -1;
	*mask = ~0u << (32 - bits);
	if (*net & ~*mask)
		return -1;	/* host bits set */
	return 0;
}

int cli_parse_netdev(const char *val, struct vm_config *cfg, char *err, size_t errlen)
{
	struct netdev_config *n;
	const char *s = val;
	char item[ITEM_MAX];
	bool toolong, first = true;

	if (cfg->nr_netdevs == MOLVM_MAX_NETDEVS) {
		snprintf(err, errlen, "-netdev: at most %d NICs", MOLVM_MAX_NETDEVS);
		return -1;
	}
	n = &cfg->netdevs[cfg->nr_netdevs];
	memset(n, 0, sizeof(*n));
	while (next_item(&s, item, &toolong)) {
		if (first) {
			if (!strcmp(item, "tap")) {
				n->type = NETDEV_TAP;
			} else if (!strcmp(item, "user")) {
				n->type = NETDEV_USER;
				n->net = 0x0a000200;		/* 10.0.2.0/24, QEMU's */
				n->mask = 0xffffff00;
			} else {
				snprintf(err, errlen, "-netdev: type '%.64s' is not supported "
					 "(tap or user)", item);
				return -1;
			}
			first = false;
		} else if (!strncmp(item, "ifname=", 7) && n->type == NETDEV_TAP) {
			if (!item[7] || strlen(item + 7) >= sizeof(n->ifname) || strchr(item + 7, '/')) {
				snprintf(err, errlen, "-netdev: '%.64s' is not an interface name "
					 "(1 to %zu characters, no '/')", item + 7, sizeof(n->ifname) - 1);
				return -1;
			}
			strcpy(n->ifname, item + 7);
		} else if (!strncmp(item, "net=", 4) && n->type == NETDEV_USER) {
			if (parse_net(item + 4, &n->net, &n->mask)) {
				snprintf(err, errlen, "-netdev user: net=%.64s is not ADDR/BITS "
					 "(an IPv4 network, 8 to 28 bits, e.g. 10.0.2.0/24)", item + 4);
				return -1;
			}
		} else if (!strncmp(item, "hostfwd=", 8) && n->type == NETDEV_USER) {
			if (n->nr_fwd == MOLVM_MAX_HOSTFWD) {
				snprintf(err, errlen, "-netdev user: at most %d hostfwd", MOLVM_MAX_HOSTFWD);
				return -1;
			}
			if (parse_hostfwd(item + 8, &n->fwd[n->nr_fwd])) {
				snprintf(err, errlen, "-netdev user: hostfwd=%.64s is not "
					 "[tcp|udp]:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT", item + 8);
				return -1;
			}
			n->nr_fwd++;
		} else if (!strncmp(item, "id=", 3)) {
			/* QEMU pairs -netdev with -device by id; molvm gives
			 * every -netdev its own NIC, so the id is not needed. */
		} else {
			snprintf(err, errlen, "-netdev %s: unknown parameter '%.64s'",
				 n->type == NETDEV_USER ? "user" : "tap", item);
			return -1;
		}
	}
	if (toolong || first) {
		snprintf(err, errlen, "-netdev: expected tap,ifname=NAME or user[,...]");
		return -1;
	}
	if (n->type == NETDEV_TAP && !n->ifname[0]) {
		snprintf(err, errlen, "-netdev tap: give ifname=NAME");
		return -1;
	}
	/* Guest addresses of hostfwd must be in the guest network. */
	for (int i = 0; i < n->nr_fwd; i++)
		if (n->fwd[i].guest_addr && (n->fwd[i].guest_addr & n->mask) != n->net) {
			snprintf(err, errlen, "-netdev user: hostfwd %d: the guest address is "
				 "outside net=", i + 1);
			return -1;
		}
	cfg->nr_netdevs++;
	return 0;
}
