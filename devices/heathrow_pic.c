// SPDX-License-Identifier: GPL-2.0
/* The Heathrow interrupt controller (heathrow_pic.h). */
#include "heathrow_pic.h"

#include <string.h>

#include "../vmm/le.h"
#include "../vmm/mmio.h"

enum { REG_EVENT, REG_ENABLE, REG_ACK, REG_LEVEL };

static const uint32_t level_triggered[2] = { HEATHROW_LEVEL_MASK, 0 };

/* Caller holds pic->lock. */
static void update_output(struct heathrow_pic *pic)
{
	bool want = false;
	int c;

	for (c = 0; c < 2; c++)
		if ((pic->event[c] | (pic->level[c] & level_triggered[c])) & pic->enable[c])
			want = true;
	if (want == pic->out_level)
		return;
	pic->out_level = want;
	irq_set_level(&pic->out, want);
}

static void pic_set_level(void *opaque, uint32_t irq, int level)
{
	struct heathrow_pic *pic = opaque;
	uint32_t c = irq >> 5, bit = 1U << (irq & 31);

	if (irq >= HEATHROW_PIC_SOURCES)
		return;
	pthread_mutex_lock(&pic->lock);
	if (level) {
		/* A rising edge of an edge-triggered source is latched. */
		if (!(pic->level[c] & bit))
			pic->event[c] |= bit & ~level_triggered[c];
		pic->level[c] |= bit;
	} else {
		pic->level[c] &= ~bit;
	}
	update_output(pic);
	pthread_mutex_unlock(&pic->lock);
}

const struct irq_chip heathrow_pic_chip = {
	.name = "heathrow-pic",
	.set_level = pic_set_level,
};

void heathrow_pic_init(struct heathrow_pic *pic)
{
	memset(pic, 0, sizeof(*pic));
	pthread_mutex_init(&pic->lock, NULL);
	ratelimit_init(&pic->warn, "heathrow-pic: bad register accesses", 4);
}

void heathrow_pic_connect(struct heathrow_pic *pic, uint32_t irq, struct irq_line *line)
{
	irq_connect(line, &heathrow_pic_chip, pic, irq);
}

void heathrow_pic_access(void *opaque, uint32_t off, uint8_t *data, uint32_t len,
			 bool is_write)
{
	struct heathrow_pic *pic = opaque;
	/* +0x00: sources 32-63, +0x10: sources 0-31 */
	uint32_t c = off < 0x10 ? 1 : 0, reg = (off >> 2) & 3, v = 0;

	if (len != 4 || (off & 3) || off >= HEATHROW_PIC_SIZE) {
		mmio_ignore(&pic->warn, "heathrow-pic", off, data, len, is_write, 0);
		return;
	}
	pthread_mutex_lock(&pic->lock);
	if (is_write) {
		v = le32_load(data);
		if (reg == REG_ENABLE)
			pic->enable[c] = v;
		else if (reg == REG_ACK)
			pic->event[c] &= ~v;
		update_output(pic);
	} else {
		v = reg == REG_EVENT ? pic->event[c] : reg == REG_ENABLE ? pic->enable[c] :
		    reg == REG_LEVEL ? pic->level[c] : 0;
		le32_store(data, v);
	}
	pthread_mutex_unlock(&pic->lock);
}
