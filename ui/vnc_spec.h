/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where the VNC display listens, in QEMU's spelling: "-display vnc=SPEC"
 * (or "-vnc SPEC") with SPEC = [HOST]:N (TCP port 5900 + N on HOST;
 * no HOST: localhost only) or unix:PATH, then ",password-file=FILE"
 * (VNC authentication with the first line of FILE).  Parsed here, without
 * libvncserver, so the command line checks it and the unit tests see it.
 */
#ifndef MOLVM_VNC_SPEC_H
#define MOLVM_VNC_SPEC_H

#include <stdbool.h>
#include <stddef.h>

#define VNC_PORT_BASE 5900

struct vnc_spec {
	bool unix_socket;
	char path[108];		/* unix: sizeof(sun_path) */
	char host[256];		/* TCP: "" = localhost */
	unsigned int port;
	char password_file[4096];	/* "" = no password */
};

/* 0, or -1 with a one-line message in err. */
int vnc_parse_spec(const char *s, struct vnc_spec *spec, char *err, size_t errlen);

#endif
