/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One period of a 1 kHz tone at 48 kHz: round(12000 * cos(2 pi k / 48)).
 * Integer samples, so the test programs that play it need no floating
 * point (sound32 is freestanding; alsa-tone's libm cos() hit SIGILL in the
 * KVM PR guest).
 */
#ifndef TESTS_COSINE48_H
#define TESTS_COSINE48_H

static const short cosine48[48] = {
	12000, 11897, 11591, 11087, 10392, 9520, 8485, 7305,
	6000, 4592, 3106, 1566, 0, -1566, -3106, -4592,
	-6000, -7305, -8485, -9520, -10392, -11087, -11591, -11897,
	-12000, -11897, -11591, -11087, -10392, -9520, -8485, -7305,
	-6000, -4592, -3106, -1566, 0, 1566, 3106, 4592,
	6000, 7305, 8485, 9520, 10392, 11087, 11591, 11897

};

#endif
