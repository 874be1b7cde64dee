// SPDX-License-Identifier: GPL-2.0
/* -drive and -netdev, in QEMU's key=value spelling (the subset molvm has). */
#include "cli.h"

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
			if (strcmp(item, "tap")) {
				snprintf(err, errlen, "-netdev: type '%.64s' is not supported (only tap)",
					 item);
				return -1;
			}
			first = false;
		} else if (!strncmp(item, "ifname=", 7)) {
			if (!item[7] || strlen(item + 7) >= sizeof(n->ifname) || strchr(item + 7, '/')) {
				snprintf(err, errlen, "-netdev: '%.64s' is not an interface name "
					 "(1 to %zu characters, no '/')", item + 7, sizeof(n->ifname) - 1);
				return -1;
			}
			strcpy(n->ifname, item + 7);
		} else if (!strncmp(item, "id=", 3)) {
			/* QEMU pairs -netdev with -device by id; molvm gives
			 * every -netdev its own NIC, so the id is not needed. */
		} else {
			snprintf(err, errlen, "-netdev: unknown parameter '%.64s'", item);
			return -1;
		}
	}
	if (toolong || first) {
		snprintf(err, errlen, "-netdev: expected tap,ifname=NAME");
		return -1;
	}
	if (!n->ifname[0]) {
		snprintf(err, errlen, "-netdev tap: give ifname=NAME");
		return -1;
	}
	cfg->nr_netdevs++;
	return 0;
}
