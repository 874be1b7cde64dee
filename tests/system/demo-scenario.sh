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
case " $(cat /proc/cmdline) " in
*" testhost.interactive=1 "*)
	echo "### The guest's console follows.  Ctrl-a x quits molvm; Ctrl-] x quits the test host."
	run "$@" ;;
*)
	{ sleep 8; printf 'uname -a\ncat /proc/device-tree/hypervisor/compatible; echo\npoweroff -f\n'; } |
		run "$@" --timeout 300 ;;
esac
