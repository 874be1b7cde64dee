// SPDX-License-Identifier: GPL-2.0
/*
 * ctlprobe [OPTIONS] -- COMMAND ARGS...: runs molvm (COMMAND) for the
 * hostile-guest scenarios and measures its control plane.
 *
 *   --out FILE        the child's stdout (its console) goes here
 *   --err FILE        the child's stderr goes here
 *   --tty             stdin and stdout are a pseudo-terminal (for Ctrl-a x)
 *   --wait-for TEXT   stop only after TEXT appeared on the console ...
 *   --after SEC       ... and SEC more seconds passed (default 0)
 *   --stop HOW        term (SIGTERM), quit:SOCKET (-qmp "quit"), ctrl-a-x
 *                     (typed on the terminal), or none (wait for the exit)
 *   --flood SOCKET    meanwhile, flood the -qmp socket with input commands
 *                     and never read the answers (reconnect when dropped)
 *   --ping SOCKET     meanwhile, as a second client, send query-status every
 *                     200 ms and time each answer (until the stop)
 *   --deadline SEC    kill the child if it has not exited SEC seconds after
 *                     the stop (default 60), or at all with --stop none
 *
 * Prints one line: how it stopped, the time from the stop request to the
 * child's exit (waitpid), how long the child ran, its exit status, the
 * -qmp answers' times (count, mean, longest), which of molvm's threads
 * left when after the stop (NAME@ms; molvm names its threads), its peak
 * RSS (VmHWM, sampled every 50 ms until the stop) and the flood's counts.
 * The exit is seen at once (a pidfd); the threads are sampled every
 * SAMPLE_MS after the stop, no more often: the test host has one CPU, and
 * reading /proc every millisecond took a share of it from the exit being
 * timed.
 * On stderr: where the threads still there are, 50 ms after the stop and
 * every 100 ms after that, and before a kill.  Exits with the child's
 * exit status (255 if it had to be killed).  No assertion here: the
 * scenario checks the exit and reports the time.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define SAMPLE_MS 5

static const char *out_path = "/dev/null", *err_path = "/dev/null", *marker, *stop = "none";
static const char *flood_sock, *ping_sock;
static double after_s, deadline_s = 60;
static bool use_tty;

static atomic_bool flooding, pinging;
static atomic_ulong flood_sent, flood_drops;
static unsigned long pings;
static double ping_sum_ms, ping_max_ms;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int unix_connect(const char *path, int flags)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | flags, 0);

	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	if (fd >= 0 && connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == 0)
		return fd;
	if (fd >= 0)
		close(fd);
	return -1;
}

/* Keys, mouse motion and status queries as fast as the socket takes
 * them; the answers are never read, so molvm drops the client once its
 * unread output passes the watermark, and we come back. */
static void *flood(void *arg)
{
	static const char *const reqs[] = {
		"{\"execute\":\"type\",\"arguments\":{\"text\":\"ab\"}}\n",
		"{\"execute\":\"mouse_move\",\"arguments\":{\"dx\":3,\"dy\":-2}}\n",
		"{\"execute\":\"query-status\"}\n",
		"{\"execute\":\"sendkey\",\"arguments\":{\"keys\":[\"ctrl\",\"x\"]}}\n",
		"{\"execute\":\"mouse_move\",\"arguments\":{\"x\":100,\"y\":50}}\n",
	};
	unsigned long i = 0;
	int fd = -1;

	(void)arg;
	while (atomic_load(&flooding)) {
		const char *r = reqs[i % (sizeof(reqs) / sizeof(reqs[0]))];
		ssize_t n;

		if (fd < 0) {
			fd = unix_connect(flood_sock, SOCK_NONBLOCK);
			if (fd < 0) {
				usleep(50000);
				continue;
			}
		}
		n = send(fd, r, strlen(r), MSG_NOSIGNAL);
		if (n == (ssize_t)strlen(r)) {
			atomic_fetch_add(&flood_sent, 1);
			i++;
		} else if (n < 0 && errno == EAGAIN) {
			struct pollfd p = { .fd = fd, .events = POLLOUT };

			poll(&p, 1, 10);
		} else {
			/* dropped (or a partial line): start over */
			close(fd);
			fd = -1;
			atomic_fetch_add(&flood_drops, 1);
		}
	}
	if (fd >= 0)
		close(fd);
	return NULL;
}

/* Wait up to ms for text in what fd sends (kept in buf); true when seen. */
static bool wait_text(int fd, char *buf, size_t size, size_t *len, const char *text, int ms)
{
	double end = now() + ms / 1000.0;

	while (!memmem(buf, *len, text, strlen(text))) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		ssize_t n;

		if (now() > end || poll(&p, 1, 10) < 0)
			return false;
		if (!(p.revents & POLLIN))
			continue;
		if (*len == size)		/* keep the newer half */
			*len = 0;
		n = read(fd, buf + *len, size - *len);
		if (n <= 0)
			return false;
		*len += (size_t)n;
	}
	return true;
}

/* A well-behaved client among the flood: how long does molvm take to
 * answer it? */
static void *ping(void *arg)
{
	static char buf[65536];
	size_t len = 0;
	unsigned long id;
	int fd = -1;

	(void)arg;
	for (id = 1; atomic_load(&pinging); id++) {
		char req[96], want[32];
		double t0;

		if (fd < 0) {
			fd = unix_connect(ping_sock, 0);
			len = 0;
			if (fd < 0 || !wait_text(fd, buf, sizeof(buf), &len, "\"QMP\"", 5000)) {
				if (fd >= 0)
					close(fd);
				fd = -1;
				usleep(200000);
				continue;
			}
		}
		snprintf(req, sizeof(req), "{\"execute\":\"query-status\",\"id\":%lu}\n", id);
		snprintf(want, sizeof(want), "\"id\":%lu}", id);
		t0 = now();
		if (send(fd, req, strlen(req), MSG_NOSIGNAL) < 0 ||
		    !wait_text(fd, buf, sizeof(buf), &len, want, 10000)) {
			close(fd);
			fd = -1;
			continue;
		}
		pings++;
		ping_sum_ms += (now() - t0) * 1000;
		if ((now() - t0) * 1000 > ping_max_ms)
			ping_max_ms = (now() - t0) * 1000;
		len = 0;
		usleep(200000);
	}
	if (fd >= 0)
		close(fd);
	return NULL;
}

/* A number from /proc/PID/status ("VmHWM:", "Threads:"), or -1. */
static long proc_status(pid_t pid, const char *key)
{
	char path[64], line[256];
	size_t k = strlen(key);
	long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, k))
			v = strtol(line + k, NULL, 10);
	fclose(f);
	return v;
}

/* A thread of the child: its id and name (/proc/PID/task/TID/comm). */
struct task {
	int tid;
	char comm[20];
};
#define MAX_TASKS 64

static int list_tasks(pid_t pid, struct task *t)
{
	char path[300];
	struct dirent *d;
	DIR *dir;
	int n = 0;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	dir = opendir(path);
	while (dir && n < MAX_TASKS && (d = readdir(dir))) {
		FILE *f;

		if (d->d_name[0] == '.')
			continue;
		t[n].tid = atoi(d->d_name);
		snprintf(t[n].comm, sizeof(t[n].comm), "?");
		snprintf(path, sizeof(path), "/proc/%d/task/%s/comm", (int)pid, d->d_name);
		f = fopen(path, "r");
		if (f) {
			if (fgets(t[n].comm, sizeof(t[n].comm), f))
				t[n].comm[strcspn(t[n].comm, "\n")] = 0;
			fclose(f);
		}
		n++;
	}
	if (dir)
		closedir(dir);
	return n;
}

/* One line per thread of the child on stderr: where each one is, AT ms
 * after the stop (or the start) - name, state, kernel wait channel,
 * system call. */
static void where_threads(pid_t pid, double at)
{
	struct task t[MAX_TASKS];
	int n = list_tasks(pid, t), i;

	for (i = 0; i < n; i++) {
		const char *files[3] = { "stat", "wchan", "syscall" };
		char val[3][64] = { "?", "?", "?" };
		char path[300], buf[512];
		int k;

		for (k = 0; k < 3; k++) {
			FILE *f;
			size_t len;

			snprintf(path, sizeof(path), "/proc/%d/task/%d/%s", (int)pid, t[i].tid,
				 files[k]);
			f = fopen(path, "r");
			if (!f)
				continue;
			len = fread(buf, 1, sizeof(buf) - 1, f);
			buf[len] = 0;
			fclose(f);
			if (k == 0) {
				/* "tid (comm) S ...": the state after the last ')' */
				char *rp = strrchr(buf, ')');

				if (rp && rp[1] && rp[2])
					snprintf(val[0], sizeof(val[0]), "%c", rp[2]);
			} else {
				buf[strcspn(buf, " \n")] = 0;
				buf[sizeof(val[k]) - 1] = 0;
				memcpy(val[k], buf, sizeof(val[k]));
			}
		}
		fprintf(stderr, "ctlprobe: +%.0f ms %s state=%s wchan=%s syscall=%s\n", at,
			t[i].comm, val[0], val[1], val[2]);
	}
}

static void usage(void)
{
	fprintf(stderr, "usage: ctlprobe [--out F] [--err F] [--tty] [--wait-for TEXT] "
			"[--after SEC] [--stop term|quit:SOCK|ctrl-a-x|none] [--flood SOCK] "
			"[--deadline SEC] -- COMMAND ARGS...\n");
	exit(2);
}

/* Whether the marker is in what we saw; keeps the tail for matches that
 * straddle two reads. */
static bool seen_marker(const char *buf, size_t n)
{
	static char tail[512];
	static size_t tail_len;
	char joined[sizeof(tail) + 4096];
	size_t m = strlen(marker), keep;

	if (n > 4096)
		n = 4096;
	memcpy(joined, tail, tail_len);
	memcpy(joined + tail_len, buf, n);
	if (memmem(joined, tail_len + n, marker, m))
		return true;
	keep = tail_len + n < sizeof(tail) ? tail_len + n : sizeof(tail);
	memcpy(tail, joined + tail_len + n - keep, keep);
	tail_len = keep;
	return false;
}

int main(int argc, char **argv)
{
	double t_start = now(), t_marker = -1, t_stop = -1, t_exit = -1, limit;
	int out_fd, err_fd, con_fd, pidfd, i, status = 0;
	bool exited = false, stopped = false, killed = false;
	long hwm = -1;
	char thread_log[512] = "";
	struct task tasks[MAX_TASKS];
	int ntasks = 0;
	double next_where = 0;
	pthread_t flood_th, ping_th;
	pid_t pid;

	for (i = 1; i < argc && strcmp(argv[i], "--"); i++) {
		const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(o, "--tty")) {
			use_tty = true;
			continue;
		}
		if (!v)
			usage();
		i++;
		if (!strcmp(o, "--out"))
			out_path = v;
		else if (!strcmp(o, "--err"))
			err_path = v;
		else if (!strcmp(o, "--wait-for"))
			marker = v;
		else if (!strcmp(o, "--after"))
			after_s = atof(v);
		else if (!strcmp(o, "--stop"))
			stop = v;
		else if (!strcmp(o, "--flood"))
			flood_sock = v;
		else if (!strcmp(o, "--ping"))
			ping_sock = v;
		else if (!strcmp(o, "--deadline"))
			deadline_s = atof(v);
		else
			usage();
	}
	if (i + 1 >= argc)
		usage();
	out_fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	err_fd = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (out_fd < 0 || err_fd < 0) {
		perror("ctlprobe: --out/--err");
		return 2;
	}

	if (use_tty) {
		con_fd = posix_openpt(O_RDWR | O_NOCTTY);
		if (con_fd < 0 || grantpt(con_fd) || unlockpt(con_fd)) {
			perror("ctlprobe: pty");
			return 2;
		}
	} else {
		int p[2];

		if (pipe(p)) {
			perror("ctlprobe: pipe");
			return 2;
		}
		con_fd = p[0];
		fcntl(p[1], F_SETFD, 0);
		pid = fork();
		if (pid == 0) {
			int nul = open("/dev/null", O_RDONLY);

			dup2(nul, 0);
			dup2(p[1], 1);
			dup2(err_fd, 2);
			execvp(argv[i + 1], argv + i + 1);
			_exit(127);
		}
		close(p[1]);
		goto started;
	}
	pid = fork();
	if (pid == 0) {
		int slave;

		setsid();
		slave = open(ptsname(con_fd), O_RDWR);
		dup2(slave, 0);
		dup2(slave, 1);
		dup2(err_fd, 2);
		execvp(argv[i + 1], argv + i + 1);
		_exit(127);
	}
started:
	if (pid < 0) {
		perror("ctlprobe: fork");
		return 2;
	}
	pidfd = pidfd_open(pid, 0);	/* readable once it has exited; -1: sampled */
	if (flood_sock) {
		atomic_store(&flooding, true);
		pthread_create(&flood_th, NULL, flood, NULL);
	}
	if (ping_sock) {
		atomic_store(&pinging, true);
		pthread_create(&ping_th, NULL, ping, NULL);
	}
	limit = now() + 3600;		/* until a stop sets the real one */
	if (!strcmp(stop, "none"))
		limit = now() + deadline_s;
	while (!exited) {
		struct pollfd p[2] = {
			{ .fd = con_fd, .events = POLLIN },
			{ .fd = pidfd, .events = POLLIN },
		};
		char buf[4096];
		pid_t w;

		if (poll(p, 2, stopped ? SAMPLE_MS : 50) > 0 && p[0].revents) {
			ssize_t n = read(con_fd, buf, sizeof(buf));

			if (n > 0) {
				if (write(out_fd, buf, (size_t)n) < 0)
					break;
				if (marker && t_marker < 0 && seen_marker(buf, (size_t)n))
					t_marker = now();
			} else if (!use_tty) {
				close(con_fd);
				con_fd = -1;
			}
		}
		w = waitpid(pid, &status, WNOHANG);
		if (w == pid) {
			t_exit = now();
			exited = true;
			break;
		}
		if (!stopped) {
			long h = proc_status(pid, "VmHWM:");

			if (h > hwm)
				hwm = h;
		} else {
			/* How the threads go away: the vCPUs first, then the
			 * I/O threads, then the process. */
			long n = proc_status(pid, "Threads:");

			if (n > 0 && n != ntasks) {
				struct task cur[MAX_TASKS];
				int nc = list_tasks(pid, cur), k, j;

				for (k = 0; k < ntasks; k++) {
					size_t used = strlen(thread_log);

					for (j = 0; j < nc && cur[j].tid != tasks[k].tid; j++)
						;
					if (j < nc || used > sizeof(thread_log) - 40)
						continue;
					snprintf(thread_log + used, sizeof(thread_log) - used,
						 "%s%s@%.0f", used ? "," : "", tasks[k].comm,
						 (now() - t_stop) * 1000);
				}
				memcpy(tasks, cur, sizeof(cur[0]) * (size_t)nc);
				ntasks = nc;
			}
			/* Slow to go: where its threads are, at 50 ms and then
			 * every 100 ms. */
			if ((now() - t_stop) * 1000 >= next_where) {
				if (next_where > 0)
					where_threads(pid, (now() - t_stop) * 1000);
				next_where = next_where > 0 ? next_where + 100 : 50;
			}
		}
		if (!stopped && strcmp(stop, "none") && (!marker || t_marker >= 0) &&
		    now() >= (t_marker >= 0 ? t_marker : 0) + after_s) {
			stopped = true;
			if (ping_sock) {
				atomic_store(&pinging, false);
				pthread_join(ping_th, NULL);
				ping_sock = NULL;
			}
			ntasks = list_tasks(pid, tasks);
			t_stop = now();
			if (!strcmp(stop, "term")) {
				kill(pid, SIGTERM);
			} else if (!strcmp(stop, "ctrl-a-x") && use_tty) {
				if (write(con_fd, "\001x", 2) != 2)
					perror("ctlprobe: write");
			} else if (!strncmp(stop, "quit:", 5)) {
				int q = unix_connect(stop + 5, 0);
				const char *req = "{\"execute\":\"quit\"}\n";

				t_stop = now();
				if (q < 0 || send(q, req, strlen(req), MSG_NOSIGNAL) < 0)
					perror("ctlprobe: quit");
				/* left open: molvm closes it as it exits */
			} else {
				usage();
			}
			limit = t_stop + deadline_s;
		}
		if (now() > limit) {
			/* where it hangs, before the kill */
			where_threads(pid, (now() - (t_stop >= 0 ? t_stop : t_start)) * 1000);
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			killed = true;
			t_exit = now();
			break;
		}
	}
	if (flood_sock) {
		atomic_store(&flooding, false);
		pthread_join(flood_th, NULL);
	}
	if (ping_sock) {
		atomic_store(&pinging, false);
		pthread_join(ping_th, NULL);
	}
	printf("ctlprobe: stop=%s", stop);
	if (killed)
		printf(" result=killed-after-%.0fs", deadline_s);
	else if (t_stop >= 0)
		printf(" exit_after_ms=%.1f", (t_exit - t_stop) * 1000);
	printf(" ran_ms=%.0f exit=%d vmhwm_kb=%ld", (t_exit - t_start) * 1000, WIFEXITED(status) ? WEXITSTATUS(status) :
	       128 + WTERMSIG(status), hwm);
	if (flood_sock)
		printf(" flood_requests=%lu flood_drops=%lu", atomic_load(&flood_sent),
		       atomic_load(&flood_drops));
	if (thread_log[0])
		printf(" left_ms=%s", thread_log);
	if (pings)
		printf(" qmp_answers=%lu qmp_answer_mean_ms=%.1f qmp_answer_max_ms=%.1f", pings,
		       ping_sum_ms / (double)pings, ping_max_ms);
	printf("\n");
	if (killed)
		return 255;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
