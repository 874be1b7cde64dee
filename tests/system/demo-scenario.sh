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
	set -- -M powermac -m 256 -kernel $G/vmlinux-pmac32 -initrd $G/linux32-demo.cpio.gz \
		-append "console=ttyS0 quiet" -drive file=/tmp/demo-disk.img
	# (a first empty line: a byte the ESCC holds when Linux resets it is lost)
	cmds='\nuname -a\ncat /proc/cpuinfo\npoweroff -f\n' delay=40 ;;
esac
case " $(cat /proc/cmdline) " in
*" testhost.interactive=1 "*)
	echo "### The guest's console follows.  Ctrl-a x quits molvm; Ctrl-] x quits the test host."
	run "$@" ;;
*)
	{ sleep $delay; printf "$cmds"; } |
		run "$@" --timeout 300 ;;
esac
