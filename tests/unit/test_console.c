// SPDX-License-Identifier: GPL-2.0
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "../../devices/console.h"
#include "unit.h"

static int quit_calls;
static void quit_cb(void *arg)
{
	(void)arg;
	quit_calls++;
}

/* A pseudo-terminal stands in for the user's terminal. */
static int open_pty(int *master)
{
	char name[64];
	int slave;

	*master = posix_openpt(O_RDWR | O_NOCTTY);
	ck_assert_int_ge(*master, 0);
	ck_assert_int_eq(grantpt(*master), 0);
	ck_assert_int_eq(unlockpt(*master), 0);
	ck_assert_int_eq(ptsname_r(*master, name, sizeof(name)), 0);
	slave = open(name, O_RDWR | O_NOCTTY);
	ck_assert_int_ge(slave, 0);
	return slave;
}

START_TEST(raw_mode_and_restore)
{
	struct termios tio;
	struct console *con;
	int master, slave = open_pty(&master);

	ck_assert_int_eq(tcgetattr(slave, &tio), 0);
	ck_assert(tio.c_lflag & ICANON);
	con = console_create(NULL, slave, -1, quit_cb, NULL);
	ck_assert_int_eq(tcgetattr(slave, &tio), 0);
	ck_assert(!(tio.c_lflag & (ICANON | ECHO | ISIG)));	/* Ctrl-C reaches the guest */
	ck_assert(tio.c_oflag & OPOST);
	console_destroy(con);
	ck_assert_int_eq(tcgetattr(slave, &tio), 0);
	ck_assert(tio.c_lflag & ICANON);
	close(slave);
	close(master);
}
END_TEST

START_TEST(escape_sequence)
{
	struct console *con;
	unsigned char out[16];
	int master, slave = open_pty(&master);

	quit_calls = 0;
	con = console_create(NULL, slave, -1, quit_cb, NULL);
	console_input(con, (const unsigned char *)"a\x03\x01\x01" "b\x01zc", 8);
	ck_assert_uint_eq(console_read(con, out, sizeof(out)), 5);
	ck_assert_int_eq(memcmp(out, "a\x03\x01" "bc", 5), 0);
	ck_assert_int_eq(quit_calls, 0);
	console_input(con, (const unsigned char *)"\x01", 1);	/* split across reads */
	console_input(con, (const unsigned char *)"x", 1);
	ck_assert_int_eq(quit_calls, 1);
	console_destroy(con);
	close(slave);
	close(master);
}
END_TEST

START_TEST(pipe_input_is_data)
{
	struct console *con;
	unsigned char out[8];
	int p[2];

	ck_assert_int_eq(pipe(p), 0);
	quit_calls = 0;
	con = console_create(NULL, p[0], -1, quit_cb, NULL);
	console_input(con, (const unsigned char *)"\x01x", 2);
	ck_assert_int_eq(quit_calls, 0);
	ck_assert_uint_eq(console_read(con, out, sizeof(out)), 2);
	console_destroy(con);
	close(p[0]);
	close(p[1]);
}
END_TEST

START_TEST(buffer_is_bounded)
{
	struct console *con = console_create(NULL, -1, -1, NULL, NULL);
	static unsigned char big[10000], out[10000];

	memset(big, 'q', sizeof(big));
	console_input(con, big, sizeof(big));
	ck_assert_uint_eq(console_read(con, out, sizeof(out)), 4096);
	ck_assert_uint_eq(console_read(con, out, sizeof(out)), 0);
	console_destroy(con);
}
END_TEST

START_TEST(regular_file_input_read_directly)
{
	char path[] = "/tmp/molvm-unit-XXXXXX";
	int fd = mkstemp(path);
	struct console *con;
	unsigned char out[8];

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "hi\n", 3), 3);
	lseek(fd, 0, SEEK_SET);
	con = console_create(NULL, fd, -1, NULL, NULL);
	ck_assert_uint_eq(console_read(con, out, sizeof(out)), 3);
	ck_assert_uint_eq(console_read(con, out, sizeof(out)), 0);	/* EOF */
	console_destroy(con);
	close(fd);
	unlink(path);
}
END_TEST

static int notified;
static void count_notify(void *arg)
{
	(void)arg;
	notified++;
}

/* New input raises the device's interrupt; an empty console does not. */
START_TEST(input_notifies)
{
	struct console *con = console_create(NULL, -1, -1, NULL, NULL);
	unsigned char out[8];

	notified = 0;
	console_set_notify(con, count_notify, NULL);
	ck_assert_int_eq(notified, 0);
	ck_assert_uint_eq(console_read(con, out, sizeof(out)), 0);
	console_input(con, (const unsigned char *)"ab", 2);
	ck_assert_int_eq(notified, 1);
	ck_assert_uint_eq(console_read(con, out, sizeof(out)), 2);
	ck_assert_uint_eq(console_read(con, out, sizeof(out)), 0);
	console_destroy(con);
}
END_TEST

/*
 * A device attaches its notifier from a vCPU thread while input arrives
 * on the main loop: the callback must always get the argument that was
 * registered with it, never one half of the old pair and one of the new.
 * (ThreadSanitizer showed console_input reading the pair unlocked; this
 * catches the torn pair only when the threads interleave just so.)
 */
static int pair_a, pair_b;
static atomic_int torn;
static void notify_a(void *arg) { if (arg != &pair_a) atomic_fetch_add(&torn, 1); }
static void notify_b(void *arg) { if (arg != &pair_b) atomic_fetch_add(&torn, 1); }

static void *reattach(void *arg)
{
	struct console *con = arg;
	int i;

	for (i = 0; i < 100000; i++)
		console_set_notify(con, i & 1 ? notify_a : notify_b, i & 1 ? &pair_a : &pair_b);
	return NULL;
}

START_TEST(notify_pair_is_read_under_the_lock)
{
	struct console *con = console_create(NULL, -1, -1, NULL, NULL);
	unsigned char c = 'a', out[8];
	pthread_t th;
	int i;

	atomic_store(&torn, 0);
	ck_assert_int_eq(pthread_create(&th, NULL, reattach, con), 0);
	for (i = 0; i < 100000; i++) {
		console_input(con, &c, 1);
		console_read(con, out, sizeof(out));
	}
	pthread_join(th, NULL);
	ck_assert_int_eq(atomic_load(&torn), 0);
	console_destroy(con);
}
END_TEST

Suite *console_suite(void)
{
	Suite *s = suite_create("console");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, raw_mode_and_restore);
	tcase_add_test(tc, escape_sequence);
	tcase_add_test(tc, pipe_input_is_data);
	tcase_add_test(tc, buffer_is_bounded);
	tcase_add_test(tc, regular_file_input_read_directly);
	tcase_add_test(tc, input_notifies);
	tcase_add_test(tc, notify_pair_is_read_under_the_lock);
	suite_add_tcase(s, tc);
	return s;
}
