#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The userland of the stock 32-bit PowerMac Linux in
# tests/system/scenarios/60-powermac-linux.sh (static ppc32 busybox): it
# reports what the kernel found, reads the clock, reads and writes the
# virtio disk, reads keys from the ADB keyboard's evdev device while the
# scenario types them, then gives the scenario an interactive shell on the
# ESCC console.  Leaving the shell powers the guest off through Cuda
# (/init's poweroff -f).  The keyboard part is skipped with "nokbd" on the
# kernel command line.
echo "GUEST-CPU: $(grep -m1 '^cpu' /proc/cpuinfo)"
echo "GUEST-PVR: $(grep -m1 '^revision' /proc/cpuinfo)"
echo "GUEST-MACHINE: $(grep -m1 '^machine' /proc/cpuinfo)"
echo "GUEST-DATE=$(date +%s)"
# the RTC itself, read now (rtc-generic: Cuda's GET_TIME)
echo "GUEST-RTC=$(cat /sys/class/rtc/rtc0/since_epoch 2>&1)"
dmesg | grep -E 'prom_init|Apple PIC|Cuda|ADB|adb|ttyS|Z85c30|virtio|vda|rtc|PowerMac' |
	sed 's/^/GUEST-DMESG: /'
sed -n 's/^ *\([0-9]*\): *\([0-9]*\) *\(.*\)/GUEST-IRQ: \1 \2 \3/p' /proc/interrupts

# The disk: the scenario's sector 0, then ours to sector 1
echo "GUEST-VDA0=$(dd if=/dev/vda bs=512 count=1 2>/dev/null | head -c 24)"
printf 'written-by-powermac-linux' | dd of=/dev/vda bs=512 seek=1 conv=sync 2>/dev/null
sync
echo 3 >/proc/sys/vm/drop_caches
echo "GUEST-VDA1=$(dd if=/dev/vda bs=512 skip=1 count=1 2>/dev/null | head -c 25)"

# The keyboard: 8 evdev records (two keys typed, each press and release
# with its SYN_REPORT); 16 bytes each on 32-bit
if ! grep -q nokbd /proc/cmdline; then
	ev=$(awk '/^N: Name="ADB keyboard"/ { f = 1 }
		f && /^H: Handlers=/ { for (i = 2; i <= NF; i++) if ($i ~ /^event/) { print $i; exit } }' \
		/proc/bus/input/devices)
	echo "GUEST-KBD-DEV=$ev"
	dd if="/dev/input/$ev" of=/tmp/ev bs=16 count=8 2>/dev/null &
	pid=$!
	i=0
	while ! ls -l /proc/$pid/fd 2>/dev/null | grep -q "input/$ev" && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	echo "GUEST-KBD-READY"
	i=0
	while kill -0 $pid 2>/dev/null && [ $i -lt 1200 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill $pid 2>/dev/null
	# type and code: u16 columns 5 and 6; the value: s32 column 4
	od -An -v -w16 -tu2 /tmp/ev >/tmp/ev16
	od -An -v -w16 -td4 /tmp/ev >/tmp/ev32
	paste /tmp/ev16 /tmp/ev32 | awk '{ print "GUEST-EV " $5 " " $6 " " $12 }'
fi

echo "GUEST-SHELL"
export PS1='pmac# '
sh -i
