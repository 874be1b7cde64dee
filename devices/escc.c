// SPDX-License-Identifier: GPL-2.0
/* The ESCC (Z85C30) on mac-io (escc.h). */
#include "escc.h"

#include <string.h>

#include "../vmm/mmio.h"
#include "console.h"

/* Z85C30 register bits (Zilog SCC/ESCC user manual; Linux pmac_zilog.h) */
#define WR0_REG_MASK	0x07
#define WR0_CMD_MASK	0x38
#define CMD_POINT_HIGH	0x08
#define CMD_RES_EXT_INT	0x10
#define CMD_RES_TX_P	0x28
#define WR1_EXT_INT	0x01
#define WR1_TX_INT	0x02
#define WR1_RX_MASK	0x18
#define WR1_RX_FIRST	0x08	/* interrupt on the first character */
#define WR1_RX_ALL	0x10	/* ... on every character */
#define WR3_RX_ENABLE	0x01
#define WR5_TX_ENABLE	0x08
#define WR9_MIE		0x08
#define WR9_RESET_MASK	0xc0
#define WR9_RESET_B	0x40
#define WR9_RESET_A	0x80
#define RR0_RX_AVAIL	0x01
#define RR0_TX_EMPTY	0x04
#define RR0_DCD		0x08
#define RR0_TX_EOM	0x40
#define RR1_ALL_SENT	0x01
#define RR1_RESIDUE	0x06	/* 8-bit characters */
/* RR3, read through channel A: B's ext/Tx/Rx bits, then A's */
#define RR3_EXT(c)	((c) == ESCC_CH_A ? 0x08 : 0x01)
#define RR3_TX(c)	((c) == ESCC_CH_A ? 0x10 : 0x02)
#define RR3_RX(c)	((c) == ESCC_CH_A ? 0x20 : 0x04)

enum { REG_CTRL, REG_DATA, REG_ENH, REG_NONE };

static void channel_reset(struct escc_channel *ch)
{
	/* Interrupts, receiver and transmitter off (the manual's reset
	 * values of WR1, WR3, WR5); the rest as the guest left it. */
	ch->wr[1] = 0;
	ch->wr[3] &= (uint8_t)~WR3_RX_ENABLE;
	ch->wr[5] &= (uint8_t)~WR5_TX_ENABLE;
	ch->ptr = 0;
	ch->rx = ch->tx = -1;
	ch->tx_ip = ch->ext_ip = false;
}

/* The channel's console: where its bytes go and come from. */
static struct console *console_of(struct escc *e, int c)
{
	return c == ESCC_CH_A ? e->con : NULL;
}

/* Caller holds e->lock.  A byte is taken from the console when the
 * receiver is enabled and has room. */
static void rx_fill(struct escc *e, int c)
{
	struct escc_channel *ch = &e->ch[c];
	struct console *con = console_of(e, c);
	unsigned char b;

	if (ch->rx < 0 && (ch->wr[3] & WR3_RX_ENABLE) && con && console_read(con, &b, 1) == 1)
		ch->rx = b;
}

static uint8_t pending(const struct escc_channel *ch, int c)
{
	uint8_t ip = 0, rx_mode = ch->wr[1] & WR1_RX_MASK;

	if (ch->rx >= 0 && (rx_mode == WR1_RX_FIRST || rx_mode == WR1_RX_ALL))
		ip |= RR3_RX(c);
	if (ch->tx_ip && (ch->wr[1] & WR1_TX_INT))
		ip |= RR3_TX(c);
	if (ch->ext_ip && (ch->wr[1] & WR1_EXT_INT))
		ip |= RR3_EXT(c);
	return ip;
}

/* Caller holds e->lock. */
static void update_irqs(struct escc *e)
{
	int c;

	for (c = 0; c < 2; c++) {
		struct escc_channel *ch = &e->ch[c];
		/* WR9 is one register shared by both channels */
		bool level = (e->ch[ESCC_CH_A].wr[9] & WR9_MIE) && pending(ch, c);

		if (level != ch->irq_level) {
			ch->irq_level = level;
			irq_set_level(&ch->irq, level);
		}
	}
}

void escc_init(struct escc *e)
{
	int c;

	memset(e, 0, sizeof(*e));
	pthread_mutex_init(&e->lock, NULL);
	for (c = 0; c < 2; c++)
		channel_reset(&e->ch[c]);
	ratelimit_init(&e->warn, "escc: bad accesses", 4);
}

void escc_attach_console(struct escc *e, struct console *con)
{
	pthread_mutex_lock(&e->lock);
	e->con = con;
	pthread_mutex_unlock(&e->lock);
	if (con)
		console_set_notify(con, escc_console_input, e);
}

void escc_console_input(void *opaque)
{
	struct escc *e = opaque;

	pthread_mutex_lock(&e->lock);
	rx_fill(e, ESCC_CH_A);
	update_irqs(e);
	pthread_mutex_unlock(&e->lock);
}

/* Caller holds e->lock.  Returns the byte to send to the console, or -1. */
static int transmit(struct escc *e, int c)
{
	struct escc_channel *ch = &e->ch[c];
	int b = ch->tx;

	if (b < 0 || !(ch->wr[5] & WR5_TX_ENABLE))
		return -1;
	ch->tx = -1;
	ch->tx_ip = true;	/* the buffer is empty again */
	return console_of(e, c) ? b : -1;
}

/* Caller holds e->lock; returns a byte to send, or -1. */
static int write_reg(struct escc *e, int c, unsigned int reg, uint8_t v)
{
	struct escc_channel *ch = &e->ch[c];
	int out = -1;

	switch (reg) {
	case 0:
		ch->ptr = v & WR0_REG_MASK;
		switch (v & WR0_CMD_MASK) {
		case CMD_POINT_HIGH:
			ch->ptr |= 8;
			break;
		case CMD_RES_EXT_INT:
			ch->ext_ip = false;
			break;
		case CMD_RES_TX_P:
			ch->tx_ip = false;
			break;
		default:	/* null, abort, next Rx, error reset, IUS reset */
			break;
		}
		return -1;	/* the pointer stays where WR0 put it */
	case 8:
		ch->tx = v;
		ch->tx_ip = false;
		out = transmit(e, c);
		break;
	case 9:
		/* shared; the reset bits act, they are not kept */
		switch (v & WR9_RESET_MASK) {
		case WR9_RESET_A:
			channel_reset(&e->ch[ESCC_CH_A]);
			break;
		case WR9_RESET_B:
			channel_reset(&e->ch[ESCC_CH_B]);
			break;
		case WR9_RESET_MASK:
			channel_reset(&e->ch[ESCC_CH_A]);
			channel_reset(&e->ch[ESCC_CH_B]);
			v &= (uint8_t)~WR9_MIE;
			break;
		}
		e->ch[ESCC_CH_A].wr[9] = e->ch[ESCC_CH_B].wr[9] = v & (uint8_t)~WR9_RESET_MASK;
		break;
	case 5:
		ch->wr[5] = v;
		out = transmit(e, c);
		break;
	case 2:
		/* the vector: one register for both channels */
		e->ch[ESCC_CH_A].wr[2] = e->ch[ESCC_CH_B].wr[2] = v;
		break;
	default:
		ch->wr[reg] = v;
		break;
	}
	ch->ptr = 0;
	rx_fill(e, c);
	return out;
}

/* Caller holds e->lock. */
static uint8_t read_reg(struct escc *e, int c, unsigned int reg)
{
	struct escc_channel *ch = &e->ch[c];
	uint8_t v = 0;

	ch->ptr = 0;
	switch (reg) {
	case 0:
		rx_fill(e, c);
		v = RR0_DCD | RR0_TX_EOM | (ch->tx < 0 ? RR0_TX_EMPTY : 0) |
		    (ch->rx >= 0 ? RR0_RX_AVAIL : 0);
		break;
	case 1:
		v = RR1_RESIDUE | (ch->tx < 0 ? RR1_ALL_SENT : 0);
		break;
	case 2:
		v = ch->wr[2];
		break;
	case 3:
		if (c == ESCC_CH_A)
			v = pending(&e->ch[ESCC_CH_A], ESCC_CH_A) |
			    pending(&e->ch[ESCC_CH_B], ESCC_CH_B);
		break;
	case 8:
		if (ch->rx >= 0) {
			v = (uint8_t)ch->rx;
			ch->rx = -1;
			rx_fill(e, c);
		}
		break;
	case 12:
	case 13:
	case 15:
		v = ch->wr[reg];
		break;
	default:	/* RR10 and the rest: nothing to report */
		break;
	}
	return v;
}

static void chan_access(struct escc *e, int c, int kind, uint32_t off, uint8_t *data, uint32_t len,
		   bool is_write)
{
	int out = -1;

	if (len != 1 || kind == REG_NONE) {
		mmio_ignore(&e->warn, "escc", off, data, len, is_write, 0);
		return;
	}
	pthread_mutex_lock(&e->lock);
	if (kind == REG_ENH) {
		if (!is_write)
			data[0] = 0;	/* no enhanced features */
	} else if (is_write) {
		out = write_reg(e, c, kind == REG_DATA ? 8 : e->ch[c].ptr, data[0]);
	} else {
		data[0] = read_reg(e, c, kind == REG_DATA ? 8 : e->ch[c].ptr);
	}
	update_irqs(e);
	pthread_mutex_unlock(&e->lock);
	if (out >= 0) {
		unsigned char b = (unsigned char)out;

		console_write(e->con, &b, 1);
	}
}

/* +0x00 B control, +0x10 B data, +0x20 A control, +0x30 A data, +0x40 B
 * enhanced, +0x50 A enhanced (the low 4 bits of the offset ignored) */
void escc_access(void *opaque, uint32_t off, uint8_t *data, uint32_t len, bool is_write)
{
	static const int kinds[6] = { REG_CTRL, REG_DATA, REG_CTRL, REG_DATA, REG_ENH, REG_ENH };
	uint32_t slot = off >> 4;
	int c = slot == 2 || slot == 3 || slot == 5 ? ESCC_CH_A : ESCC_CH_B;

	chan_access(opaque, c, slot < 6 ? kinds[slot] : REG_NONE, off, data, len, is_write);
}

/* bit 1: channel A; bits 2-3: control, data, enhanced */
void escc_legacy_access(void *opaque, uint32_t off, uint8_t *data, uint32_t len, bool is_write)
{
	uint32_t k = (off >> 2) & 3;

	chan_access(opaque, off & 2 ? ESCC_CH_A : ESCC_CH_B,
	       off >= 0x10 ? REG_NONE : k == 0 ? REG_CTRL : k == 1 ? REG_DATA :
	       k == 2 ? REG_ENH : REG_NONE, off, data, len, is_write);
}
