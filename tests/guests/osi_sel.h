/* SPDX-License-Identifier: GPL-2.0 */
/* OSI selectors the powermac test guests use (MOL 0.9.72 osi.h). */
#ifndef GUEST_OSI_SEL_H
#define GUEST_OSI_SEL_H

#define OSI_GET_GMT_TIME	7
#define OSI_GET_LOCALTIME	9
#define OSI_OF_INTERFACE	20
#define OSI_SET_VMODE		28
#define OSI_GET_VMODE_INFO	29
#define OSI_SET_VIDEO_POWER	31
#define OSI_GET_FB_INFO		32
#define OSI_SOUND_WRITE		33
#define OSI_SET_COLOR		59
#define OSI_GET_COLOR		64
#define OSI_WRITE_NVRAM_BYTE	52
#define OSI_READ_NVRAM_BYTE	53
#define OSI_USLEEP		58
#define OSI_PROM_IFACE		76
#define  PROM_PEER		1
#define  PROM_CHILD		2
#define  PROM_PARENT		3
#define  PROM_PACKAGE_TO_PATH	4
#define  PROM_GETPROPLEN	5
#define  PROM_GETPROP		6
#define  PROM_NEXTPROP		7
#define  PROM_SETPROP		8
#define OSI_PROM_PATH_IFACE	77
#define  PROM_FIND_DEVICE	17
#define OSI_BOOT_HELPER		78
#define  BOOTH_ASCII2UNICODE	32
#define  BOOTH_UNICODE2ASCII	33
#define  BOOTH_GET_RAM_SIZE	35
#define OSI_NVRAM_SIZE		91
#define OSI_MTICKS_TO_USECS	92
#define OSI_USECS_TO_MTICKS	93
#define OSI_TTY_PUTC		97
#define OSI_TTY_GETC		98

#endif
