// SPDX-License-Identifier: GPL-2.0
/*
 * enet32: MOL's ENET2 ring interface as its drivers use it, on a host tap.
 * The guest is 10.0.2.15: it answers ARP requests for that address (the
 * host runs arping against it), reporting each request and each interrupt,
 * and reports each IPv4 frame sent to that address (protocol, source,
 * ports: on molvm's user-mode network a connection to a hostfwd port
 * arrives as a TCP SYN from 10.0.2.2, after slirp's ARP request).  It
 * powers off after three such events (replies and IPv4 frames) or 30 s.
 *
 * Every buffer is split, as MOL's OS X driver posts mbufs that span two
 * physical segments (osx-drivers MolEnet updateRXDescriptor/outputPacket):
 * a receive slot holds RX_HEAD bytes and sets kEnet2SplitBufferFlag, the
 * rest of the frame goes to the same slot of the RX overflow ring; a reply
 * leaves its 14-byte Ethernet header in the TX slot and the ARP payload in
 * the TX overflow ring.  psize of the main slot is the whole frame
 * (MOL's osi_enet2.c rx_packet_handler).  An ARP request's target address
 * (bytes 38..41) lies in the overflow part, so only a correctly split
 * receive gets answered.
 */
#include "guest.h"
#include "osi.h"
#include "osi_sel.h"

#define OSI_PIC_UNMASK_IRQ	61
#define IRQ_ENET		6	/* the mol-enet node's "interrupts" */

#define N_EL			8
#define BUF_SIZE		1536
#define RX_HEAD			24	/* bytes in the main receive buffer */
#define TX_HEAD			14	/* the Ethernet header */
#define ENET2_SPLIT		1	/* enet2_sh.h kEnet2SplitBufferFlag */
#define REPLIES			3

struct ring_el {
	unsigned int buf, bsize, psize, flags;
};

void ext_handler(void);
void dec_handler(void);
volatile unsigned int irq_count, irq_acks, irq_last_active;
volatile unsigned int irq_ack_sel = OSI_ENET2_IRQ_ACK, irq_ack_arg = 1, irq_ack_r4;

static volatile struct ring_el rx[N_EL] __attribute__((aligned(64)));
static volatile struct ring_el tx[N_EL] __attribute__((aligned(64)));
static volatile struct ring_el rx_of[N_EL] __attribute__((aligned(64)));
static volatile struct ring_el tx_of[N_EL] __attribute__((aligned(64)));
static unsigned char rx_ofbuf[N_EL][BUF_SIZE] __attribute__((aligned(16)));
static unsigned char frame[BUF_SIZE];	/* a received frame, reassembled */
/* 2 bytes of head room before each receive buffer (enet2_sh.h) */
static unsigned char rxbuf[N_EL][BUF_SIZE + 16] __attribute__((aligned(16)));
static unsigned char txbuf[N_EL][BUF_SIZE] __attribute__((aligned(16)));
static unsigned char mac[6];
static const unsigned char my_ip[4] = { 10, 0, 2, 15 };

static void put_ip(const unsigned char *ip)
{
	int i;

	for (i = 0; i < 4; i++) {
		if (i)
			con_putc('.');
		con_dec(ip[i]);
	}
}

static void copy(unsigned char *d, const unsigned char *s, int n)
{
	while (n--)
		*d++ = *s++;
}

static int same(const unsigned char *a, const unsigned char *b, int n)
{
	while (n--)
		if (*a++ != *b++)
			return 0;
	return 1;
}

/* An ARP request for us: reply through the next TX slot. */
static int handle(const unsigned char *f, unsigned int len, unsigned int *tx_head)
{
	unsigned char *r = txbuf[*tx_head];
	int i;

	if (len < 42 || f[12] != 0x08 || f[13] != 0x06 || f[20] != 0 || f[21] != 1 ||
	    !same(f + 38, my_ip, 4))
		return 0;
	con_puts("enet32: arp request from ");
	put_ip(f + 28);
	con_putc('\n');
	for (i = 0; i < 60; i++)
		r[i] = 0;
	copy(r, f + 6, 6);		/* to the asker */
	copy(r + 6, mac, 6);
	r[12] = 0x08;
	r[13] = 0x06;
	copy(r + 14, f + 14, 6);	/* htype, ptype, hlen, plen */
	r[20] = 0;
	r[21] = 2;			/* reply */
	copy(r + 22, mac, 6);
	copy(r + 28, my_ip, 4);
	copy(r + 32, f + 22, 10);	/* their MAC and IP */
	/* header in the slot, the rest in the overflow slot */
	tx_of[*tx_head].buf = (unsigned long)r + TX_HEAD;
	tx_of[*tx_head].bsize = 60 - TX_HEAD;
	tx_of[*tx_head].psize = 60 - TX_HEAD;
	tx_of[*tx_head].flags = 0;
	tx[*tx_head].buf = (unsigned long)r;
	tx[*tx_head].bsize = TX_HEAD;
	tx[*tx_head].flags = ENET2_SPLIT;
	__asm__ volatile("sync" ::: "memory");
	tx[*tx_head].psize = TX_HEAD;
	*tx_head = (*tx_head + 1) % N_EL;
	osi_call1(OSI_ENET2_KICK, 0);
	return 1;
}

/* An IPv4 frame for us: report it.  1 if it was one. */
static int report_ip(const unsigned char *f, unsigned int len)
{
	unsigned int ihl;

	if (len < 34 || f[12] != 0x08 || f[13] != 0x00 || !same(f + 30, my_ip, 4))
		return 0;
	ihl = (f[14] & 0xf) * 4u;
	con_puts("enet32: ipv4 proto ");
	con_dec(f[23]);
	con_puts(" from ");
	put_ip(f + 26);
	if ((f[23] == 6 || f[23] == 17) && len >= 14 + ihl + 4) {
		con_puts(" port ");
		con_dec((unsigned long)f[14 + ihl] << 8 | f[15 + ihl]);
		con_puts(" to port ");
		con_dec((unsigned long)f[16 + ihl] << 8 | f[17 + ihl]);
		if (f[23] == 6 && len >= 14 + ihl + 14 && (f[14 + ihl + 13] & 0x02))
			con_puts(" SYN");
	}
	con_putc('\n');
	return 1;
}

void guest_main(void)
{
	unsigned long r[6];
	unsigned int i, tail = 0, tx_head = 0, replies = 0, frames = 0, split = 0, ms, ip = 0;

	con_set_writer(osi_writer);
	con_puts("enet32: OSI ENET2\n");
	guest_set_vector(0x500, (unsigned long)ext_handler);
	guest_set_vector(0x900, (unsigned long)dec_handler);
	__asm__ volatile("mtdec %0" : : "r"(0x7fffffffUL));

	tap("CALL_AVAILABLE(ENET2_KICK) with -netdev",
	    osi_ret32(osi_call1(OSI_CALL_AVAILABLE, OSI_ENET2_KICK)) == 1, 0);
	tap("ENET2_CNTRL(check API 1) == 0", osi_ret32(osi_call2(OSI_ENET2_CNTRL, 0, 1)) == 0, 0);
	osi_call5r(OSI_ENET2_GET_HWADDR, 0, 0, 0, 0, 0, r);
	for (i = 0; i < 4; i++)
		mac[i] = (unsigned char)(r[0] >> (24 - 8 * i));
	mac[4] = (unsigned char)(r[1] >> 24);
	mac[5] = (unsigned char)(r[1] >> 16);
	con_puts("enet32: mac ");
	for (i = 0; i < 6; i++) {
		if (i)
			con_putc(':');
		con_hex(mac[i], 2);
	}
	con_putc('\n');

	for (i = 0; i < N_EL; i++) {
		rx[i].buf = (unsigned long)rxbuf[i] + 2;
		rx[i].bsize = RX_HEAD;
		rx[i].psize = 0;
		rx[i].flags = ENET2_SPLIT;
		rx_of[i].buf = (unsigned long)rx_ofbuf[i];
		rx_of[i].bsize = BUF_SIZE - RX_HEAD;
		rx_of[i].psize = 0;
		rx_of[i].flags = 0;
		tx[i].psize = 0;
	}
	osi_call1(OSI_ENET2_OPEN, 0);
	tap("RING_SETUP rx", osi_ret32(osi_call5(OSI_ENET2_RING_SETUP, 1, (unsigned long)rx,
						 N_EL, 0, 0)) == 0, 0);
	tap("RING_SETUP tx", osi_ret32(osi_call5(OSI_ENET2_RING_SETUP, 2, (unsigned long)tx,
						 N_EL, 0, 0)) == 0, 0);
	tap("RING_SETUP rx overflow", osi_ret32(osi_call5(OSI_ENET2_RING_SETUP, 3,
			(unsigned long)rx_of, N_EL, 0, 0)) == 0, 0);
	tap("RING_SETUP tx overflow", osi_ret32(osi_call5(OSI_ENET2_RING_SETUP, 4,
			(unsigned long)tx_of, N_EL, 0, 0)) == 0, 0);
	tap("CNTRL start", osi_ret32(osi_call2(OSI_ENET2_CNTRL, 1, 0)) == 0, 0);
	osi_call1(OSI_PIC_UNMASK_IRQ, IRQ_ENET);
	con_puts("enet32: ready\n");

	for (ms = 0; ms < 30000 && replies + ip < REPLIES; ms += 2) {
		guest_set_ee(1);
		osi_call1(OSI_USLEEP, 2000);
		guest_set_ee(0);
		while (rx[tail].psize) {
			unsigned int len = rx[tail].psize, head = len < RX_HEAD ? len : RX_HEAD;

			frames++;
			if (len > BUF_SIZE)
				len = BUF_SIZE;
			copy(frame, rxbuf[tail] + 2, (int)head);
			if (len > head) {
				copy(frame + head, rx_ofbuf[tail], (int)(len - head));
				split++;
			}
			replies += handle(frame, len, &tx_head);
			ip += report_ip(frame, len);
			rx[tail].psize = 0;
			tail = (tail + 1) % N_EL;
		}
	}
	con_puts("enet32: frames ");
	con_dec(frames);
	con_puts(", replies ");
	con_dec(replies);
	con_puts(", ipv4 ");
	con_dec(ip);
	con_puts(", interrupts ");
	con_dec(irq_count);
	con_puts(", split frames ");
	con_dec(split);
	con_putc('\n');
	tap("frames arrived split over both rings", split > 0 && split <= frames, split);
	tap("receive interrupts arrived", irq_count > 0, irq_count);
	osi_call2(OSI_ENET2_CNTRL, 2, 0);
	con_puts("enet32: done\n");
	osi_exit();
}
