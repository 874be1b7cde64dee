// SPDX-License-Identifier: GPL-2.0
/*
 * -netdev user: the command line, and the libslirp back end on a real
 * libevent loop (no guest): ARP and DHCP answered by slirp, a hostfwd
 * port that reaches the guest side as a TCP SYN, a port in use refused;
 * the lines a guest's frames make the tap back end print are limited.
 */
#include <arpa/inet.h>
#include <event2/event.h>
#include <event2/thread.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../../devices/net.h"
#include "../../vmm/cli.h"
#include "../../vmm/log.h"
#include "../../vmm/vm.h"
#include "unit.h"

START_TEST(netdev_user_options)
{
	struct vm_config cfg;
	char err[256];

	memset(&cfg, 0, sizeof(cfg));
	ck_assert_int_eq(cli_parse_netdev("user", &cfg, err, sizeof(err)), 0);
	ck_assert_int_eq(cfg.netdevs[0].type, NETDEV_USER);
	ck_assert_uint_eq(cfg.netdevs[0].net, 0x0a000200);
	ck_assert_uint_eq(cfg.netdevs[0].mask, 0xffffff00);
	ck_assert_int_eq(cli_parse_netdev("user,id=n0,net=192.168.76.0/24,"
					  "hostfwd=tcp::8080-:80,hostfwd=udp:127.0.0.1:5353-10.0.2.9:53",
					  &cfg, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "outside net="));
	ck_assert_int_eq(cli_parse_netdev("user,id=n0,net=192.168.76.0/24,"
					  "hostfwd=tcp::8080-:80,hostfwd=udp:127.0.0.1:5353-192.168.76.9:53",
					  &cfg, err, sizeof(err)), 0);
	ck_assert_int_eq(cfg.nr_netdevs, 2);
	{
		const struct netdev_config *n = &cfg.netdevs[1];

		ck_assert_uint_eq(n->net, 0xc0a84c00);
		ck_assert_int_eq(n->nr_fwd, 2);
		ck_assert(!n->fwd[0].udp && n->fwd[0].host_addr == 0 && n->fwd[0].host_port == 8080 &&
			  n->fwd[0].guest_addr == 0 && n->fwd[0].guest_port == 80);
		ck_assert(n->fwd[1].udp && n->fwd[1].host_addr == 0x7f000001 &&
			  n->fwd[1].host_port == 5353 && n->fwd[1].guest_addr == 0xc0a84c09 &&
			  n->fwd[1].guest_port == 53);
	}
	/* without a protocol: tcp */
	ck_assert_int_eq(cli_parse_netdev("user,hostfwd=:2222-:22", &cfg, err, sizeof(err)), 0);
	ck_assert(!cfg.netdevs[2].fwd[0].udp && cfg.netdevs[2].fwd[0].host_port == 2222);

	memset(&cfg, 0, sizeof(cfg));
	ck_assert_int_eq(cli_parse_netdev("user,hostfwd=tcp::80", &cfg, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "-netdev user: hostfwd=tcp::80 is not "
			 "[tcp|udp]:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT");
	ck_assert_int_eq(cli_parse_netdev("user,hostfwd=sctp::1-:2", &cfg, err, sizeof(err)), -1);
	ck_assert_int_eq(cli_parse_netdev("user,hostfwd=tcp::70000-:22", &cfg, err, sizeof(err)), -1);
	ck_assert_int_eq(cli_parse_netdev("user,hostfwd=tcp::0-:22", &cfg, err, sizeof(err)), -1);
	ck_assert_int_eq(cli_parse_netdev("user,hostfwd=tcp:1.2.3:80-:22", &cfg, err, sizeof(err)),
			 -1);
	ck_assert_int_eq(cli_parse_netdev("user,hostfwd=tcp::80-:x", &cfg, err, sizeof(err)), -1);
	ck_assert_int_eq(cli_parse_netdev("user,net=10.0.2.0/30", &cfg, err, sizeof(err)), -1);
	ck_assert_int_eq(cli_parse_netdev("user,net=10.0.2.1/24", &cfg, err, sizeof(err)), -1);
	ck_assert_int_eq(cli_parse_netdev("user,net=10.0.2.0", &cfg, err, sizeof(err)), -1);
	ck_assert_int_eq(cli_parse_netdev("user,ifname=tap0", &cfg, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "-netdev user: unknown parameter 'ifname=tap0'");
	ck_assert_int_eq(cli_parse_netdev("tap,hostfwd=tcp::1-:2", &cfg, err, sizeof(err)), -1);
	ck_assert_int_eq(cli_parse_netdev("socket", &cfg, err, sizeof(err)), -1);
	ck_assert_int_eq(cfg.nr_netdevs, 0);
}
END_TEST

/* ---- the slirp back end -------------------------------------------------------- */

static uint8_t got[64][1600];
static size_t got_len[64];
static int nr_got;
static bool accept_frames = true;
static char last_err[256];

static bool on_frame(void *arg, const uint8_t *f, size_t len)
{
	(void)arg;
	if (!accept_frames)
		return false;
	if (nr_got < 64 && len <= sizeof(got[0])) {
		memcpy(got[nr_got], f, len);
		got_len[nr_got++] = len;
	}
	return true;
}

static void on_err(void *arg, const char *line)
{
	(void)arg;
	snprintf(last_err, sizeof(last_err), "%s", line);
}

static void spin(struct event_base *b, int ms)
{
	int i;

	for (i = 0; i < ms; i++) {
		event_base_loop(b, EVLOOP_NONBLOCK);
		usleep(1000);
	}
}

static const uint8_t guest_mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

static uint16_t ip_csum(const uint8_t *p, size_t len)
{
	uint32_t s = 0;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		s += (uint32_t)(p[i] << 8 | p[i + 1]);
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

/* The first frame received that is an IPv4 UDP frame to port dport. */
static const uint8_t *find_udp(uint16_t dport, size_t *len)
{
	int i;

	for (i = 0; i < nr_got; i++) {
		const uint8_t *f = got[i];

		if (got_len[i] > 42 && f[12] == 0x08 && f[13] == 0x00 && f[23] == 17 &&
		    (f[36] << 8 | f[37]) == dport) {
			*len = got_len[i];
			return f;
		}
	}
	return NULL;
}

/* Frames the tap refuses (here: larger than the socket takes, EMSGSIZE)
 * printed a line each, as many as the guest sent; now the first 4 and a
 * count at close. */
START_TEST(tap_refusals_are_limited)
{
	static uint8_t frame[60000];
	struct netdev *nd;
	int sv[2], small = 1, i;

	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv), 0);
	ck_assert_int_eq(setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &small, sizeof(small)), 0);
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	nd = netdev_tap_fd(sv[0]);
	ck_assert_ptr_nonnull(nd);
	ck_assert_int_eq(netdev_start(nd, NULL, NULL, NULL), 0);
	for (i = 0; i < 1000; i++)
		netdev_send(nd, frame, sizeof(frame));
	ck_assert_uint_eq(ratelimit_suppressed(&nd->warn), 1000 - 4);
	netdev_close(nd);
	close(sv[1]);
}
END_TEST

START_TEST(slirp_arp_dhcp_hostfwd)
{
	struct vm_config cfg;
	struct event_base *base;
	struct netdev *nd;
	char err[256];
	uint8_t f[400];
	const uint8_t *r;
	size_t len;
	int i, s, port = 20000 + (int)(getpid() % 20000);
	struct sockaddr_in sa = { .sin_family = AF_INET };
	char spec[128];

	evthread_use_pthreads();
	base = event_base_new();
	memset(&cfg, 0, sizeof(cfg));
	snprintf(spec, sizeof(spec), "user,hostfwd=tcp:127.0.0.1:%d-:22", port);
	ck_assert_int_eq(cli_parse_netdev(spec, &cfg, err, sizeof(err)), 0);
	nd = netdev_open(&cfg.netdevs[0]);
	ck_assert_ptr_nonnull(nd);
	ck_assert_int_eq(netdev_start(nd, base, on_frame, NULL), 0);

	/* ARP: who has 10.0.2.2?  tell 10.0.2.15 */
	memset(f, 0, sizeof(f));
	memset(f, 0xff, 6);
	memcpy(f + 6, guest_mac, 6);
	f[12] = 0x08; f[13] = 0x06;
	f[14] = 0; f[15] = 1; f[16] = 0x08; f[17] = 0; f[18] = 6; f[19] = 4; f[21] = 1;
	memcpy(f + 22, guest_mac, 6);
	f[28] = 10; f[29] = 0; f[30] = 2; f[31] = 15;
	f[38] = 10; f[39] = 0; f[40] = 2; f[41] = 2;
	netdev_send(nd, f, 60);
	spin(base, 50);
	ck_assert_int_ge(nr_got, 1);
	r = got[0];
	ck_assert(r[12] == 0x08 && r[13] == 0x06 && r[21] == 2);	/* an ARP reply */
	ck_assert(!memcmp(r, guest_mac, 6));
	ck_assert(r[28] == 10 && r[29] == 0 && r[30] == 2 && r[31] == 2);
	nr_got = 0;

	/* DHCPDISCOVER: 0.0.0.0:68 -> 255.255.255.255:67 (RFC 2131) */
	memset(f, 0, sizeof(f));
	memset(f, 0xff, 6);
	memcpy(f + 6, guest_mac, 6);
	f[12] = 0x08; f[13] = 0x00;
	len = 14 + 20 + 8 + 240 + 4;
	f[14] = 0x45; f[16] = (uint8_t)((len - 14) >> 8); f[17] = (uint8_t)(len - 14);
	f[22] = 64; f[23] = 17;
	memset(f + 30, 0xff, 4);
	{
		uint16_t c = ip_csum(f + 14, 20);

		f[24] = (uint8_t)(c >> 8);
		f[25] = (uint8_t)c;
	}
	f[35] = 68; f[37] = 67;
	f[38] = (uint8_t)((len - 34) >> 8); f[39] = (uint8_t)(len - 34);
	f[42] = 1; f[43] = 1; f[44] = 6;		/* BOOTREQUEST, ethernet */
	f[46] = 0x12; f[47] = 0x34; f[48] = 0x56; f[49] = 0x78;	/* xid */
	memcpy(f + 42 + 28, guest_mac, 6);
	f[42 + 236] = 99; f[42 + 237] = 130; f[42 + 238] = 83; f[42 + 239] = 99;	/* cookie */
	f[42 + 240] = 53; f[42 + 241] = 1; f[42 + 242] = 1;	/* DHCPDISCOVER */
	f[42 + 243] = 255;
	netdev_send(nd, f, len);
	spin(base, 50);
	r = find_udp(68, &len);
	ck_assert_msg(r != NULL, "no DHCP reply (%d frames)", nr_got);
	ck_assert_uint_eq(r[42], 2);			/* BOOTREPLY */
	ck_assert(r[46] == 0x12 && r[49] == 0x78);	/* our xid */
	ck_assert(r[42 + 16] == 10 && r[42 + 17] == 0 && r[42 + 18] == 2 && r[42 + 19] == 15);
	nr_got = 0;

	/* hostfwd: a connection to 127.0.0.1:port becomes a SYN to :22 of
	 * the guest, which the guest cannot take yet: it waits in order. */
	accept_frames = false;
	s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = htons((uint16_t)port);
	connect(s, (struct sockaddr *)&sa, sizeof(sa));
	spin(base, 100);
	ck_assert_int_eq(nr_got, 0);
	accept_frames = true;
	netdev_rx_ready(nd);
	spin(base, 20);
	for (i = 0; i < nr_got; i++) {
		r = got[i];
		if (r[12] == 0x08 && r[13] == 0x00 && r[23] == 6 && (r[36] << 8 | r[37]) == 22 &&
		    (r[47] & 0x02))
			break;
	}
	ck_assert_msg(i < nr_got, "no SYN to guest port 22 among %d frames", nr_got);
	ck_assert(r[30] == 10 && r[31] == 0 && r[32] == 2 && r[33] == 15);

	/* The same port again: refused, one line. */
	{
		struct netdev *nd2 = netdev_open(&cfg.netdevs[0]);

		log_set_err_hook(on_err, NULL);
		ck_assert_int_eq(netdev_start(nd2, base, on_frame, NULL), -1);
		log_set_err_hook(NULL, NULL);
		ck_assert_ptr_nonnull(strstr(last_err, "cannot listen there: Address already in use"));
		netdev_close(nd2);
	}
	close(s);
	netdev_close(nd);
	event_base_free(base);
}
END_TEST

Suite *net_suite(void)
{
	Suite *s = suite_create("net");
	TCase *tc = tcase_create("user");

	tcase_add_test(tc, netdev_user_options);
	tcase_add_test(tc, slirp_arp_dhcp_hostfwd);
	tcase_add_test(tc, tap_refusals_are_limited);
	suite_add_tcase(s, tc);
	return s;
}
