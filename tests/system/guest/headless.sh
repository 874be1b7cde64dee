#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The Linux guest of tests/system/scenarios/40-headless.sh (its
# /guest-script, see contrib/guest/mkguestinitrd.sh): reports what the
# simple-framebuffer driver made of molvm's framebuffer, paints three
# bands (red, green, blue) the scenario checks in a screenshot, then runs
# a shell on the console for the scenario's --script to drive.
echo "guest: /proc/fb: $(cat /proc/fb)"
echo "guest: consoles: $(cat /sys/class/vtconsole/vtcon*/name | tr '\n' ' ')"
# Text through the framebuffer console (fbcon on tty1), in the top rows.
[ -c /dev/tty1 ] && printf '\033[H\033[2JMOLVM FRAMEBUFFER CONSOLE\n' >/dev/tty1
if [ -c /dev/fb0 ]; then
	# One 1024-pixel line of a colour: x8r8g8b8 words in the guest's
	# (little-endian) byte order are b g r x.
	band() {
		printf "$1" >/tmp/px
		for i in 1 2 3 4 5 6 7 8 9 10; do cat /tmp/px /tmp/px >/tmp/px2; mv /tmp/px2 /tmp/px; done
		y=$2
		while [ "$y" -lt $(($2 + 32)) ]; do
			dd if=/tmp/px of=/dev/fb0 bs=4096 seek="$y" count=1 conv=notrunc 2>/dev/null
			y=$((y + 1))
		done
	}
	band '\000\000\377\000' 100
	band '\000\377\000\000' 200
	band '\377\000\000\000' 300
	echo "guest: bands painted"
fi
# A power-off request from molvm (EPOW) runs the kernel's poweroff_cmd;
# this init has no power-off signal handler, so power off directly.
echo "/sbin/poweroff -f" >/proc/sys/kernel/poweroff_cmd
echo "GUEST-READY"
PS1='guest# ' exec sh -i
