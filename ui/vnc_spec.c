// SPDX-License-Identifier: GPL-2.0
#include "vnc_spec.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(char *err, size_t errlen, const char *what, const char *s, size_t len)
{
	snprintf(err, errlen, "-display vnc=%s: %.*s (give [HOST]:N or unix:PATH, then "
		 "optionally ,password-file=FILE)", what, (int)(len > 200 ? 200 : len), s);
	return -1;
}

int vnc_parse_spec(const char *s, struct vnc_spec *spec, char *err, size_t errlen)
{
	size_t len = strcspn(s, ","), hlen;
	const char *opt, *colon;
	unsigned long n;
	char *end;

	memset(spec, 0, sizeof(*spec));
	if (!strncmp(s, "unix:", 5)) {
		if (len == 5 || len - 5 >= sizeof(spec->path))
			return fail(err, errlen, "a socket path of 1 to 107 bytes", s, len);
		spec->unix_socket = true;
		memcpy(spec->path, s + 5, len - 5);
	} else {
		colon = memrchr(s, ':', len);
		if (!colon)
			return fail(err, errlen, "no display number", s, len);
		hlen = (size_t)(colon - s);
		if (hlen >= sizeof(spec->host))
			return fail(err, errlen, "host name too long", s, len);
		/* [::1]:N for an IPv6 address */
		if (hlen >= 2 && s[0] == '[' && s[hlen - 1] == ']') {
			memcpy(spec->host, s + 1, hlen - 2);
		} else {
			memcpy(spec->host, s, hlen);
		}
		errno = 0;
		n = strtoul(colon + 1, &end, 10);
		if (colon + 1 == s + len || end != s + len || errno || colon[1] == '-' ||
		    n > 65535 - VNC_PORT_BASE)
			return fail(err, errlen, "display number is not 0..59635", s, len);
		spec->port = VNC_PORT_BASE + (unsigned int)n;
	}
	for (opt = s + len; *opt == ','; opt += len) {
		opt++;
		len = strcspn(opt, ",");
		if (len > 14 && !strncmp(opt, "password-file=", 14)) {
			if (len - 14 >= sizeof(spec->password_file))
				return fail(err, errlen, "password file name too long", opt, len);
			memcpy(spec->password_file, opt + 14, len - 14);
			spec->password_file[len - 14] = 0;
		} else {
			return fail(err, errlen, "unknown option", opt, len);
		}
	}
	return 0;
}
