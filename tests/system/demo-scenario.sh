#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make demo, inside the test host: molvm boots the Linux guest on the real
# KVM PR and connects its hvc0 console to this one.  At a terminal
# (run.sh --interactive) you get the guest's shell; otherwise a few
# commands are typed into it and it powers off.
G=/opt/molvm
run() {
	echo "### molvm $*"
	$G/molvm "$@"
	echo "### molvm exit code $?"
}
set -- -M pseries -smp 2 -m 512 -kernel $G/vmlinux -initrd $G/linux-demo.cpio.gz \
	-append "console=hvc0 quiet"
cmds='uname -a\ncat /proc/device-tree/hypervisor/compatible; echo\npoweroff -f\n' delay=8
case " $(cat /proc/cmdline) " in
*" demo.machine=powermac "*)
	# the stock 32-bit PowerMac Linux through molvm's Open Firmware, its
	# console on the ESCC, a virtio disk
	truncate -s 16M /tmp/demo-disk.img
	set -- -M powermac -m 256 -kernel $G/vmlinux-pmac32 -initrd $G/linux32-demo.cpio \
		-append "console=ttyS0 quiet" -drive file=/tmp/demo-disk.img
	# Without a terminal: typed once its shell is up (a slow boot on a
	# loaded test host takes minutes)
	printf '%s\n' 'wait "pmac# " 900' 'send "uname -a\n"' 'send "cat /proc/cpuinfo\n"' \
		'send "poweroff -f\n"' 'wait-exit 60' >/tmp/demo.script
	script=/tmp/demo.script ;;
esac
case " $(cat /proc/cmdline) " in
*" testhost.interactive=1 "*)
	echo "### The guest's console follows.  Ctrl-a x quits molvm; Ctrl-] x quits the test host."
	run "$@" ;;
*)
	if [ -n "${script:-}" ]; then
		run "$@" -display none --timeout 1200 --script $script
	else
		{ sleep $delay; printf "$cmds"; } | run "$@" --timeout 300
	fi ;;
esac
