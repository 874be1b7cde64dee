// SPDX-License-Identifier: GPL-2.0
/*
 * qmp-client SOCKET SECONDS [LINE...]: a minimal control-socket client for
 * the system tests (busybox has no Unix-socket client).  Connects (retrying
 * for up to 10 s while molvm starts), sends each LINE with a newline, and
 * copies everything molvm sends to stdout until molvm closes the socket or
 * SECONDS pass.  Exit 0 when connected.
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct pollfd p;
	char buf[4096];
	time_t end;
	int fd = -1, i;

	if (argc < 3) {
		fprintf(stderr, "usage: qmp-client SOCKET SECONDS [LINE...]\n");
		return 2;
	}
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", argv[1]);
	for (i = 0; i < 100; i++) {
		fd = socket(AF_UNIX, SOCK_STREAM, 0);
		if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == 0)
			break;
		close(fd);
		fd = -1;
		usleep(100000);
	}
	if (fd < 0) {
		perror("qmp-client: connect");
		return 1;
	}
	for (i = 3; i < argc; i++) {
		if (write(fd, argv[i], strlen(argv[i])) < 0 || write(fd, "\n", 1) < 0)
			break;
		usleep(200000);	/* one reply at a time, in order */
	}
	end = time(NULL) + atoi(argv[2]);
	p.fd = fd;
	p.events = POLLIN;
	while (time(NULL) < end) {
		ssize_t n;

		if (poll(&p, 1, 200) <= 0)
			continue;
		n = read(fd, buf, sizeof(buf));
		if (n <= 0)
			break;
		fwrite(buf, 1, (size_t)n, stdout);
		fflush(stdout);
	}
	close(fd);
	return 0;
}
