// SPDX-License-Identifier: GPL-2.0
/*
 * vnc-client: a scripted VNC viewer on libvncclient, for the VNC tests
 * (tests/ui/vnc_display_test.c natively, tests/system/scenarios/47-vnc.sh
 * in the test host).
 *
 *   vnc-client [--password-file F] [--expect-auth-failure] HOST:PORT|PATH STEP...
 *
 * Steps, run in order (each prints one "ok"/"not ok" line):
 *   size W H            the frame is W x H (waits up to 20 s for it)
 *   wait-pixel X Y RRGGBB [SEC]   the pixel becomes that colour (default 30 s)
 *   key KEYSYM          press and release (a character, 0xHEX, or Return)
 *   type TEXT           each character as its keysym (Shift_L around capitals)
 *   move X Y            pointer to X, Y (no buttons)
 *   click               left button down and up where the pointer is
 *   sleep MS
 * Exit 0 when every step passed, 1 otherwise (2: usage, connection).
 */
#include <rfb/rfbclient.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char password[128];
static int px, py;
static int failures;

static char *get_password(rfbClient *cl)
{
	(void)cl;
	return strdup(password);
}

static void quiet(const char *fmt, ...)
{
	(void)fmt;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Serve the connection for up to ms milliseconds. */
static bool pump(rfbClient *cl, int ms)
{
	double end = now() + ms / 1000.0;

	do {
		int n = WaitForMessage(cl, 10000);

		if (n < 0)
			return false;
		if (n > 0 && !HandleRFBServerMessage(cl))
			return false;
	} while (now() < end);
	return true;
}

static uint32_t pixel(rfbClient *cl, int x, int y)
{
	uint32_t p;

	memcpy(&p, cl->frameBuffer + ((size_t)y * cl->width + x) * 4, 4);
	/* rfbGetClient(8, 3, 4): red in the low byte, host order */
	return ((p & 0xff) << 16) | (p & 0xff00) | ((p >> 16) & 0xff);
}

static void result(bool ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void result(bool ok, const char *fmt, ...)
{
	va_list ap;

	printf("%s - vnc-client: ", ok ? "ok" : "not ok");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (!ok)
		failures++;
}

static void key(rfbClient *cl, uint32_t sym)
{
	SendKeyEvent(cl, sym, TRUE);
	pump(cl, 20);
	SendKeyEvent(cl, sym, FALSE);
	pump(cl, 20);
}

static uint32_t keysym(const char *s)
{
	if (!strcmp(s, "Return"))
		return 0xff0d;
	if (!strncmp(s, "0x", 2))
		return (uint32_t)strtoul(s, NULL, 16);
	return (unsigned char)s[0];
}

int main(int argc, char **argv)
{
	bool expect_auth_failure = false;
	rfbClient *cl;
	char *colon;
	int i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 1; i < argc && !strncmp(argv[i], "--", 2); i++) {
		if (!strcmp(argv[i], "--password-file") && i + 1 < argc) {
			FILE *f = fopen(argv[++i], "r");

			if (!f || !fgets(password, sizeof(password), f)) {
				fprintf(stderr, "vnc-client: cannot read %s\n", argv[i]);
				return 2;
			}
			fclose(f);
			password[strcspn(password, "\r\n")] = 0;
		} else if (!strcmp(argv[i], "--expect-auth-failure")) {
			expect_auth_failure = true;
		} else {
			fprintf(stderr, "vnc-client: unknown option %s\n", argv[i]);
			return 2;
		}
	}
	if (i >= argc) {
		fprintf(stderr, "usage: vnc-client [--password-file F] HOST:PORT|PATH STEP...\n");
		return 2;
	}
	rfbClientLog = quiet;
	rfbClientErr = quiet;
	cl = rfbGetClient(8, 3, 4);
	cl->GetPassword = get_password;
	free(cl->serverHost);	/* rfbGetClient's "" */
	colon = strrchr(argv[i], ':');
	if (colon && argv[i][0] != '/') {
		*colon = 0;
		cl->serverHost = strdup(argv[i]);
		cl->serverPort = atoi(colon + 1);
	} else {
		cl->serverHost = strdup(argv[i]);
	}
	if (!rfbInitClient(cl, NULL, NULL)) {
		/* rfbInitClient frees the client on failure. */
		if (expect_auth_failure) {
			printf("ok - vnc-client: the server refused the connection\n");
			return 0;
		}
		printf("not ok - vnc-client: cannot connect to %s\n", argv[i]);
		return 2;
	}
	if (expect_auth_failure) {
		printf("not ok - vnc-client: connected, but authentication should have failed\n");
		return 1;
	}
	printf("ok - vnc-client: connected to \"%s\", %dx%d\n", cl->desktopName, cl->width,
	       cl->height);
	pump(cl, 100);
	for (i++; i < argc; i++) {
		const char *s = argv[i];
		char a[64], b[64];

		if (!strcmp(s, "size") && i + 2 < argc) {
			int w = atoi(argv[i + 1]), h = atoi(argv[i + 2]);
			double end = now() + 20;

			while ((cl->width != w || cl->height != h) && now() < end && pump(cl, 50))
				;
			snprintf(a, sizeof(a), "%dx%d", w, h);
			snprintf(b, sizeof(b), "%dx%d", cl->width, cl->height);
			result(cl->width == w && cl->height == h, "frame size %s (is %s)", a, b);
			i += 2;
		} else if (!strcmp(s, "wait-pixel") && i + 3 < argc) {
			int x = atoi(argv[i + 1]), y = atoi(argv[i + 2]);
			uint32_t want = (uint32_t)strtoul(argv[i + 3], NULL, 16), got = ~0u;
			double sec = 30, end;

			if (i + 4 < argc && argv[i + 4][0] >= '0' && argv[i + 4][0] <= '9')
				sec = atof(argv[++i + 3]);
			end = now() + sec;
			for (;;) {
				if (x < cl->width && y < cl->height)
					got = pixel(cl, x, y);
				if (got == want || now() >= end || !pump(cl, 50))
					break;
			}
			snprintf(a, sizeof(a), "%d,%d is %06x", x, y, want);
			snprintf(b, sizeof(b), "%06x", got);
			result(got == want, "pixel %s (got %s)", a, b);
			i += 3;
		} else if (!strcmp(s, "key") && i + 1 < argc) {
			key(cl, keysym(argv[++i]));
			result(true, "key %s", argv[i]);
		} else if (!strcmp(s, "type") && i + 1 < argc) {
			const char *t = argv[++i];

			for (; *t; t++) {
				bool upper = *t >= 'A' && *t <= 'Z';

				if (upper) {
					SendKeyEvent(cl, 0xffe1, TRUE);
					pump(cl, 20);
				}
				key(cl, (unsigned char)*t);
				if (upper) {
					SendKeyEvent(cl, 0xffe1, FALSE);
					pump(cl, 20);
				}
			}
			result(true, "typed \"%s\"", argv[i]);
		} else if (!strcmp(s, "move") && i + 2 < argc) {
			px = atoi(argv[i + 1]);
			py = atoi(argv[i + 2]);
			SendPointerEvent(cl, px, py, 0);
			pump(cl, 20);
			result(true, "pointer to %s,%s", argv[i + 1], argv[i + 2]);
			i += 2;
		} else if (!strcmp(s, "click")) {
			SendPointerEvent(cl, px, py, 1);
			pump(cl, 20);
			SendPointerEvent(cl, px, py, 0);
			pump(cl, 20);
			result(true, "click");
		} else if (!strcmp(s, "sleep") && i + 1 < argc) {
			pump(cl, atoi(argv[++i]));
		} else {
			fprintf(stderr, "vnc-client: bad step '%s'\n", s);
			free(cl->frameBuffer);
			rfbClientCleanup(cl);
			return 2;
		}
	}
	pump(cl, 100);
	free(cl->frameBuffer);	/* libvncclient leaves it to the caller */
	rfbClientCleanup(cl);
	return failures ? 1 : 0;
}
