#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run.sh [options] SCENARIO [FILE | SRC=DEST]...
#
# Boot a KVM PR test host with an initramfs holding SCENARIO and the FILEs
# (see mkinitramfs.sh), stream its console to stdout and exit with the
# scenario's exit status.
#
# Options:
#   --host NAME     which test host (default powernv8-le):
#                   powernv8-le  ppc64le Linux on an emulated bare-metal POWER8
#                                (qemu-system-ppc64 -M powernv8 -cpu POWER8)
#                   powernv8-be  the same machine, big-endian ppc64 Linux
#                   g5           big-endian ppc64 Linux on an emulated PowerMac
#                                G5 (qemu-system-ppc64 -M mac99 -cpu 970fx)
#                   g4           32-bit Linux on an emulated PowerMac G4
#                                (qemu-system-ppc -M mac99 -cpu 7400)
#                   Each boots its own kernel (build-kernel.sh ppc64le, ppc64,
#                   ppc32) and busybox of its own architecture.
#   --timeout SEC   give up after SEC seconds of QEMU time (default 600)
#   --keep          keep the work directory (initramfs, console log)
#   --append ARGS   extra kernel command-line arguments
#   --mem SIZE      test-host RAM, QEMU syntax (default: 2G on powernv8, 1G
#                   on g5, 512M on g4)
#   --interactive   when stdin is a terminal, connect it to the test host's
#                   console (the scenario's stdin too); QEMU's escape key
#                   becomes Ctrl-] (Ctrl-] x quits QEMU) so that Ctrl-a
#                   reaches molvm inside
#   --defaults      keep QEMU's default powernv8 devices (PCIe host bridges,
#                   flash); slower to boot, see below
#   --initrd-append ARCHIVE
#                   append a gzip'd newc archive to the initramfs (the kernel
#                   unpacks concatenated archives): big trees made once and
#                   cached, e.g. contrib/fetch-qemu.sh's
#
# Environment:
#   TESTHOST_LOG    also save the console output (CRs stripped) to this file
#   MOLVM_CACHE     cache root, see build-kernel.sh
#   TESTHOST_KERNEL boot this vmlinux instead of build-kernel.sh's
#
# Exit status: the scenario's own status (0-255), except for failures of the
# harness itself, which use codes scenarios should not use:
#   240  bad usage, kernel build or initramfs build failed, QEMU missing
#   241  timed out
#   242  the test host's kernel panicked
#   243  /dev/kvm missing in the test host
#   244  QEMU ended without a TESTHOST-EXIT line (crash, early power-off)

set -euo pipefail

E_SETUP=240 E_TIMEOUT=241 E_PANIC=242 E_NOKVM=243 E_NOEXIT=244

here=$(cd "$(dirname "$0")" && pwd)

msg() { printf 'testhost: %s\n' "$*" >&2; }
usage() {
	echo "usage: $0 [--host NAME] [--timeout SEC] [--keep] [--append ARGS] [--mem SIZE] [--defaults] [--initrd-append ARCHIVE] SCENARIO [FILE | SRC=DEST]..." >&2
	exit $E_SETUP
}

# Milliseconds from bash's own clock: no fork per console line.
now_ms() { local t=${EPOCHREALTIME/./}; echo $((t / 1000)); }
secs() { printf '%d.%d' $(($1 / 1000)) $(($1 % 1000 / 100)); }

timeout=600 keep=0 append="" mem="" defaults=0 interactive=0 host=powernv8-le extra=""
while [ $# -gt 0 ]; do
	case $1 in
	--host) [ $# -ge 2 ] || usage; host=$2; shift 2 ;;
	--host=*) host=${1#*=}; shift ;;
	--timeout) [ $# -ge 2 ] || usage; timeout=$2; shift 2 ;;
	--timeout=*) timeout=${1#*=}; shift ;;
	--keep) keep=1; shift ;;
	--append) [ $# -ge 2 ] || usage; append=$2; shift 2 ;;
	--mem) [ $# -ge 2 ] || usage; mem=$2; shift 2 ;;
	--defaults) defaults=1; shift ;;
	--interactive) interactive=1; shift ;;
	--initrd-append) [ $# -ge 2 ] || usage; extra=$2; shift 2 ;;
	--) shift; break ;;
	-*) usage ;;
	*) break ;;
	esac
done
[ $# -ge 1 ] || usage
[[ $timeout =~ ^[0-9]+$ ]] || usage
scenario=$1
shift

# The host: its kernel (build-kernel.sh target), its busybox, QEMU and
# machine, console, default RAM.  powernv8 boots skiboot (OPAL): console
# hvc0.  The PowerMacs boot OpenBIOS, which hands the kernel to the Open
# Firmware client interface (PPC_OF_BOOT_TRAMPOLINE): console ttyS0 on the
# ESCC.
case $host in
powernv8-le)
	ktarget=ppc64le qemu=qemu-system-ppc64 console=hvc0 defmem=2G
	machine_args=(-M powernv8 -cpu POWER8) ;;
powernv8-be)
	ktarget=ppc64 qemu=qemu-system-ppc64 console=hvc0 defmem=2G
	machine_args=(-M powernv8 -cpu POWER8) ;;
g5)
	# via=pmu: the G5's Linux powers off through the PMU (its VIA-CUDA
	# driver is 32-bit only); QEMU's mac99 defaults to cuda.
	ktarget=ppc64 qemu=qemu-system-ppc64 console=ttyS0 defmem=1G
	machine_args=(-M mac99,via=pmu -cpu 970fx) ;;
g4)
	ktarget=ppc32 qemu=qemu-system-ppc console=ttyS0 defmem=512M
	machine_args=(-M mac99 -cpu 7400) ;;
*)
	msg "unknown --host '$host' (powernv8-le, powernv8-be, g5, g4)"
	exit $E_SETUP ;;
esac
mem=${mem:-$defmem}

t_start=$(now_ms)
qpid="" kpid=""
work=$(mktemp -d "${TMPDIR:-/tmp}/molvm-testhost.XXXXXX")
cleanup() {
	if [ -n "$kpid" ]; then
		kill "$kpid" 2>/dev/null || true
		wait "$kpid" 2>/dev/null || true
	fi
	if [ -n "$qpid" ] && kill -0 "$qpid" 2>/dev/null; then
		kill "$qpid" 2>/dev/null || true
		wait "$qpid" 2>/dev/null || true
	fi
	[ $keep = 1 ] || rm -rf "$work"
}
trap cleanup EXIT
# Said now rather than at exit, so that the run time stays the last line.
[ $keep = 0 ] || msg "work directory (kept): $work"
trap 'msg "interrupted"; exit 130' INT TERM HUP

command -v $qemu >/dev/null || {
	msg "$qemu not found; run contrib/setup.sh"
	exit $E_SETUP
}

# stdin of the helpers is /dev/null as well: nothing here may wait on a tty.
# The kernel build runs as a background job and is waited for, because bash
# defers traps until a foreground command ends: a TERM from a CI timeout
# would otherwise sit out a whole 8-minute build.  build-kernel.sh stops its
# make when it is terminated.
kstat=0
if [ -n "${TESTHOST_KERNEL:-}" ]; then
	vmlinux=$TESTHOST_KERNEL
else
	"$here/build-kernel.sh" $ktarget </dev/null >"$work/kernel.path" &
	kpid=$!
	wait $kpid || kstat=$?
	kpid=""
	vmlinux=$(tail -n 1 "$work/kernel.path")
fi
if [ $kstat != 0 ] || [ ! -s "$vmlinux" ]; then
	msg "kernel build failed"
	exit $E_SETUP
fi

# The busybox of the host's architecture: Debian's ppc64el package for the
# LE host, Debian's source built big-endian for the others
# (contrib/build-sysroot.sh).
if [ -z "${MOLVM_BUSYBOX:-}" ]; then
	case $ktarget in
	ppc64le) sysroot=$("$here/../fetch-sysroot.sh" 2>/dev/null | tail -n 1) ;;
	ppc64) sysroot=$("$here/../build-sysroot.sh" ppc64 </dev/null | tail -n 1) ;;
	ppc32) sysroot=$("$here/../build-sysroot.sh" ppc </dev/null | tail -n 1) ;;
	esac
	export MOLVM_BUSYBOX=$sysroot/bin/busybox
fi
initrd=$work/initrd.cpio
if ! "$here/mkinitramfs.sh" "$initrd" "$scenario" "$@" </dev/null; then
	msg "initramfs build failed"
	exit $E_SETUP
fi
if [ -n "$extra" ]; then
	[ -f "$extra" ] || { msg "--initrd-append $extra: no such file"; exit $E_SETUP; }
	cat "$extra" >>"$initrd"
fi

log=${TESTHOST_LOG:-$work/console.log}
mkdir -p "$(dirname "$log")"
exec 4>"$log"

# QEMU writes into a FIFO that this shell reads line by line, so that the
# console is streamed as it comes and every line can be checked for the
# markers without polling a file.
fifo=$work/console
mkfifo "$fifo"

# -nographic multiplexes the monitor and the serial console on stdio; with
# stdin at /dev/null QEMU reads EOF at once, so the Ctrl-a escape can never
# be typed and nothing waits for a terminal.  -no-reboot turns a reboot
# (e.g. panic=N) into QEMU exiting.
#
# -nodefaults drops the three default PCIe host bridges, whose link
# training costs skiboot ~9 s of every boot (11.8 s -> 1.9 s for a whole
# run); the test host needs no PCI.  It also drops the BMC, through which
# skiboot powers the machine off, so an IPMI BMC simulator and its BT
# interface are added back: without them `poweroff -f` leaves QEMU running.
#
# The PowerMacs (mac99) keep their default devices (the ESCC is the
# console), without a display or a NIC.
case $host in
powernv8-*)
	machine=(-nodefaults -serial mon:stdio
		-device ipmi-bmc-sim,id=bmc0 -device isa-ipmi-bt,bmc=bmc0,irq=10) ;;
*)
	machine=(-vga none -nic none) ;;
esac
[ $defaults = 0 ] || machine=()
qemu_in=/dev/null
if [ $interactive = 1 ] && [ -t 0 ]; then
	qemu_in=/dev/stdin
	machine+=(-echr 0x1d)
	append+="${append:+ }testhost.interactive=1"
	msg "interactive: Ctrl-] x quits the test host"
fi
t_qemu=$(now_ms)
$qemu "${machine_args[@]}" -m "$mem" -smp 1 \
	-nographic -no-reboot "${machine[@]}" \
	-kernel "$vmlinux" -initrd "$initrd" \
	-append "console=$console quiet${append:+ $append}" \
	<"$qemu_in" >"$fifo" 2>"$work/qemu.err" &
qpid=$!
exec 3<"$fifo"

deadline=$((t_qemu + timeout * 1000))
result="" status="" t_scen="" t_exit="" t_panic="" buf=""

handle() {
	local line=${1//$'\r'/}
	printf '%s\n' "$line"
	printf '%s\n' "$line" >&4
	case $line in
	*"TESTHOST: starting scenario"*)
		[ -n "$t_scen" ] || t_scen=$(now_ms) ;;
	*"TESTHOST: /dev/kvm missing"*)
		result=nokvm ;;
	*"Kernel panic"*)
		# Keep reading a moment for the rest of the panic message.
		[ -n "$t_panic" ] || t_panic=$(now_ms) ;;
	*TESTHOST-EXIT=*)
		local n=${line##*TESTHOST-EXIT=}
		if [[ $n =~ ^[0-9]+$ ]]; then
			status=$n
			t_exit=$(now_ms)
		fi ;;
	esac
}

while :; do
	if IFS= read -r -t 1 -u 3 chunk; then
		handle "$buf$chunk"
		buf=""
	else
		rc=$?
		# On a timeout bash keeps the partial line in $chunk.
		buf+=$chunk
		if [ $rc -le 128 ]; then
			# EOF: QEMU (the only writer) is gone.
			[ -z "$buf" ] || handle "$buf"
			break
		fi
	fi
	now=$(now_ms)
	if [ $now -ge $deadline ]; then
		result=timeout
		break
	fi
	# poweroff -f normally ends QEMU within a second; if it did not, the
	# status is known anyway.
	if [ -n "$t_exit" ] && [ $((now - t_exit)) -ge 20000 ]; then
		msg "test host did not power off; killing QEMU"
		break
	fi
	if [ -n "$t_panic" ] && [ $((now - t_panic)) -ge 3000 ]; then
		break
	fi
done
exec 3<&-

qrc=0
if kill -0 $qpid 2>/dev/null; then
	kill $qpid 2>/dev/null || true
fi
wait $qpid || qrc=$?
qpid=""
t_end=$(now_ms)

# QEMU's own messages (stderr) are kept apart from the console: TCG logs
# "Facility SPR N is unavailable" each time KVM PR's guest touches an
# EBB/TAR register, which would otherwise land mid-line in the console.
# Anything else it said is shown.
if [ -s "$work/qemu.err" ]; then
	grep -v '^Facility SPR [0-9]* is unavailable' "$work/qemu.err" | sed 's/^/qemu: /' >&2 || true
fi

timing="run took $(secs $((t_end - t_start))) s (QEMU $(secs $((t_end - t_qemu))) s"
if [ -n "$t_scen" ]; then
	timing+=", boot to scenario $(secs $((t_scen - t_qemu))) s"
	[ -z "$t_exit" ] || timing+=", scenario $(secs $((t_exit - t_scen))) s"
fi
timing+=")"
[ -z "${TESTHOST_LOG:-}" ] || msg "console log: $TESTHOST_LOG"

if [ "$result" = timeout ]; then
	msg "timed out after $timeout s"
	msg "$timing"
	exit $E_TIMEOUT
fi
if [ -n "$t_panic" ]; then
	msg "the test host's kernel panicked (see the console above)"
	msg "$timing"
	exit $E_PANIC
fi
if [ "$result" = nokvm ]; then
	msg "/dev/kvm missing in the test host (kernel without KVM PR?)"
	msg "$timing"
	exit $E_NOKVM
fi
if [ -z "$status" ]; then
	msg "QEMU exited (status $qrc) without a TESTHOST-EXIT line"
	msg "$timing"
	exit $E_NOEXIT
fi
msg "scenario exit status $status"
msg "$timing"
exit "$status"
