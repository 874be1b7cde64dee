#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The Linux guest of tests/system/scenarios/45-vinput.sh: finds molvm's
# virtio-input device in /proc/bus/input/devices, reads a fixed number of
# evdev records from its /dev/input/eventN while the scenario sends keys
# and mouse events over the control socket, and prints each record as
# "GUEST-EV TYPE CODE VALUE".
# How many records the scenario sends: vinput_n=N on the kernel command
# line (default 18).
N=$(sed -n 's/.*vinput_n=\([0-9]*\).*/\1/p' /proc/cmdline)
N=${N:-18}
echo "GUEST-PCI: $(cat /sys/bus/pci/devices/*/vendor /sys/bus/pci/devices/*/device 2>/dev/null | tr '\n' ' ')"
sed 's/^/GUEST-INPUT: /' /proc/bus/input/devices
ev=$(awk '/^N: Name="molvm virtio/ { f = 1 }
	f && /^H: Handlers=/ { for (i = 2; i <= NF; i++) if ($i ~ /^event/) { print $i; exit } }' \
	/proc/bus/input/devices)
echo "GUEST-VINPUT-DEV=$ev"
[ -n "$ev" ] && [ -c "/dev/input/$ev" ] || exit 1
# evdev reads whole records: 24 bytes each on 64-bit (struct input_event)
dd if="/dev/input/$ev" of=/tmp/ev bs=24 count="$N" 2>/dev/null &
pid=$!
# Events reach only readers that have the device open: wait for dd's fd.
i=0
while ! ls -l /proc/$pid/fd 2>/dev/null | grep -q "input/$ev" && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
echo "GUEST-VINPUT-READY"
i=0
while kill -0 $pid 2>/dev/null && [ $i -lt 600 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill $pid 2>/dev/null
echo "GUEST-VINPUT-BYTES=$(wc -c </tmp/ev)"
# type and code are u16 columns 9 and 10, the value the s32 column 6
od -An -v -w24 -tu2 /tmp/ev >/tmp/ev16
od -An -v -w24 -td4 /tmp/ev >/tmp/ev32
paste /tmp/ev16 /tmp/ev32 | awk '{ print "GUEST-EV " $9 " " $10 " " $18 }'
