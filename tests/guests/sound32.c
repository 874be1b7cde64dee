// SPDX-License-Identifier: GPL-2.0
/*
 * sound32: MOL's OSI sound device as the classic MOLAudio driver uses it
 * (mol-src src/drivers/sound.c, include/sound_sh.h): the API handshake,
 * format queries, then a 1 kHz cosine, 48 kHz stereo S16 big-endian, for
 * 2 s through SOUND_WRITE, one buffer (kSoundGetBufsize bytes) each time
 * the device's interrupt asks for the next (polled with SOUND_IRQ_ACK).
 * The host checks the WAV file molvm wrote (-audiodev wav).
 */
#include "guest.h"
#include "osi.h"
#include "osi_sel.h"
#include "cosine48.h"

#define OSI_SOUND_CNTL		36
#define OSI_SOUND_IRQ_ACK	40
#define SOUND_CHECK_API		0xffffffffUL	/* -1 */
#define SOUND_START		1
#define SOUND_STOP		0
#define SOUND_GET_BUFSIZE	2
#define SOUND_QUERY_FORMAT	6
#define SOUND_SET_FORMAT	7
#define FMT_S16_BE_STEREO	(2 | 16)
#define RATE			48000
#define FRAMES			96000	/* 2 s */
#define MAX_BUF			16384


static unsigned char buf[2][MAX_BUF] __attribute__((aligned(16)));

void guest_main(void)
{
	unsigned long bufsize, frame = 0, waits, n = 0, i, r[6];
	int which = 0;

	con_set_writer(osi_writer);
	con_puts("sound32: OSI sound\n");
	tap("CALL_AVAILABLE(SOUND_CNTL) with -audiodev",
	    osi_ret32(osi_call1(OSI_CALL_AVAILABLE, OSI_SOUND_CNTL)) == 1, 0);
	tap("SOUND_CNTL(kSoundCheckAPI, 2) == 0",
	    osi_ret32(osi_call2(OSI_SOUND_CNTL, SOUND_CHECK_API, 2)) == 0, 0);
	tap("SOUND_CNTL(kSoundCheckAPI, 1) == -1",
	    osi_ret32(osi_call2(OSI_SOUND_CNTL, SOUND_CHECK_API, 1)) == 0xffffffffu, 0);
	tap("kSoundQueryFormat(S16 BE stereo, 48000) == 0",
	    osi_ret32(osi_call5r(OSI_SOUND_CNTL, SOUND_QUERY_FORMAT, FMT_S16_BE_STEREO, RATE, 0,
				 0, r)) == 0, 0);
	tap("kSoundQueryFormat(S16 BE stereo, 12345) == -1",
	    osi_ret32(osi_call5r(OSI_SOUND_CNTL, SOUND_QUERY_FORMAT, FMT_S16_BE_STEREO, 12345, 0,
				 0, r)) == 0xffffffffu, 0);
	tap("kSoundSetFormat(S16 BE stereo, 48000) == 0",
	    osi_ret32(osi_call5r(OSI_SOUND_CNTL, SOUND_SET_FORMAT, FMT_S16_BE_STEREO, RATE, 0,
				 0, r)) == 0, 0);
	bufsize = osi_ret32(osi_call1(OSI_SOUND_CNTL, SOUND_GET_BUFSIZE));
	tap("kSoundGetBufsize: 4..16 KiB, whole frames", bufsize >= 4096 && bufsize <= MAX_BUF &&
	    !(bufsize % 4), bufsize);
	if (bufsize < 4096 || bufsize > MAX_BUF)
		osi_exit();
	tap("kSoundStart == 0", osi_ret32(osi_call1(OSI_SOUND_CNTL, SOUND_START)) == 0, 0);

	while (frame < FRAMES) {
		unsigned char *b = buf[which];

		for (i = 0; i < bufsize / 4; i++, frame++) {
			short v = cosine48[frame % 48];

			b[4 * i] = b[4 * i + 2] = (unsigned char)(v >> 8);
			b[4 * i + 1] = b[4 * i + 3] = (unsigned char)v;
		}
		if (osi_ret32(osi_call5r(OSI_SOUND_WRITE, (unsigned long)b, bufsize, 0, 0, 0, r))) {
			tap("SOUND_WRITE accepted", 0, n);
			osi_exit();
		}
		n++;
		which ^= 1;
		/* the device wants the next buffer when it raises its interrupt */
		for (waits = 0; waits < 5000; waits++) {
			if (osi_ret32(osi_call5r(OSI_SOUND_IRQ_ACK, 0, 0, 0, 0, 0, r)))
				break;
			osi_call1(OSI_USLEEP, 1000);
		}
		if (waits == 5000) {
			tap("the device asked for the next buffer", 0, n);
			osi_exit();
		}
	}
	/* let the last two buffers play out */
	osi_call1(OSI_USLEEP, 500000);
	tap("kSoundStop == 0", osi_ret32(osi_call1(OSI_SOUND_CNTL, SOUND_STOP)) == 0, 0);
	con_puts("sound32: wrote ");
	con_dec(n);
	con_puts(" buffers, ");
	con_dec(frame);
	con_puts(" frames\n");
	con_puts("sound32: done\n");
	osi_exit();
}
