/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ESCC (Zilog Z85C30 serial controller) on mac-io, channel A as the
 * guest console (-serial).  MOL only stubbed this chip (src/drivers/
 * escc.c answers constant status; its guests used the OSI TTY); an
 * unmodified Linux drives it with pmac_zilog (drivers/tty/serial/
 * pmac_zilog.[ch]) and udbg_scc, so molvm models what they use, after
 * Zilog's Z85C30 manual:
 *
 *   - the register pointer (WR0 bits 0-2, "point high" adds 8) and the
 *     WR0 commands: reset ext/status interrupts, reset TxINT pending,
 *     error reset, reset highest IUS, enable interrupt on next Rx char;
 *   - WR1 interrupt enables (ext/status, Tx, Rx modes), WR3 Rx enable,
 *     WR5 Tx enable, WR9 resets (channel A, channel B, hardware) and the
 *     master interrupt enable; the other write registers are kept;
 *   - RR0 (Rx character available, Tx buffer empty, DCD; CTS reads 0,
 *     which Macs invert to "asserted"), RR1 (all sent), RR2 (WR2), RR3
 *     (interrupt pending bits, channel A only), RR8 (data), RR10 0,
 *     RR12/13/15 as written.
 *
 * Transmission is instant: a byte written while the transmitter is
 * enabled goes to the console and the Tx buffer is empty again, with a Tx
 * interrupt pending if enabled.  Received bytes come from the console one
 * at a time while the receiver is enabled; Rx interrupts in either
 * interrupt-on-all-characters or first-character mode.  Each channel has
 * its own interrupt line (the mac-io "interrupts" of ch-a and ch-b),
 * asserted while the master enable is set and the channel has an enabled
 * interrupt pending.  Channel B has no host side: its output is dropped.
 *
 * Two register views (oftree.nw "escc" and "escc-legacy"): at +0x13000
 * channel B control/data at 0x00/0x10, channel A at 0x20/0x30, enhanced
 * registers at 0x40/0x50; at +0x12000 everything 2 bytes apart (MOL
 * escc.c: bit 1 selects channel A, bits 2-3 control/data/enhanced).
 * Byte accesses only; anything else is reported and ignored.
 */
#ifndef MOLVM_ESCC_H
#define MOLVM_ESCC_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "../vmm/irq.h"
#include "../vmm/ratelimit.h"

struct console;

#define ESCC_WINDOW	0x1000		/* each view's mac-io range */

enum { ESCC_CH_A, ESCC_CH_B };

struct escc_channel {
	uint8_t wr[16];
	uint8_t ptr;			/* register selected by WR0 */
	int rx;				/* received byte waiting, or -1 */
	int tx;				/* byte waiting for the transmitter, or -1 */
	bool tx_ip, ext_ip;
	bool irq_level;
	struct irq_line irq;
};

struct escc {
	pthread_mutex_t lock;
	struct escc_channel ch[2];
	struct console *con;		/* channel A's host side, or NULL */
	struct ratelimit warn;
};

void escc_init(struct escc *e);
/* Channel A talks to con (NULL: nobody); its input raises interrupts
 * from now on (console_set_notify). */
void escc_attach_console(struct escc *e, struct console *con);
/* New console input (the console's notify; any thread). */
void escc_console_input(void *opaque);
/* Guest accesses to the two views (mac-io children, devices/macio.h). */
void escc_access(void *opaque, uint32_t off, uint8_t *data, uint32_t len, bool is_write);
void escc_legacy_access(void *opaque, uint32_t off, uint8_t *data, uint32_t len, bool is_write);

#endif
