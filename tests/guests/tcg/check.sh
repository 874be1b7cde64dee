#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check.sh FULL_DIR SMALL_DIR: run the test guests under QEMU TCG with
# vmm.py standing in for molvm, and compare their output with what
# README.md promises.  FULL_DIR holds the guests as shipped; SMALL_DIR the
# same built with -DINPUT_POLLS=50 -DBENCH_N=20, because one emulated exit
# through gdb costs milliseconds (300000 polls would take an hour).
# Needs gdb-multiarch, qemu-system-ppc and binutils-powerpc64-linux-gnu.
set -u
here=$(cd "$(dirname "$0")" && pwd)
full=$1
small=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "ok $((pass + fail)) - $*"; }
notok() { fail=$((fail + 1)); echo "not ok $((pass + fail)) - $*"; }

# run NAME ELF [VAR=VALUE...]: the guest's console output in $work/NAME.out
run() {
	local name=$1 elf=$2
	shift 2
	env GUEST_ELF="$elf" GUEST_OUT="$work/$name.out" "$@" \
		timeout 300 gdb-multiarch -nx -q -batch -x "$here/vmm.py" \
		>"$work/$name.log" 2>&1
	if ! grep -q "powered off" "$work/$name.log"; then
		notok "$name powers off"
		sed 's/^/#   /' "$work/$name.log" | tail -20
	fi
}

# expect NAME: the output equals stdin exactly
expect() {
	if diff -u - "$work/$1.out" >"$work/$1.diff"; then
		ok "$1 prints exactly the expected lines"
	else
		notok "$1 prints exactly the expected lines"
		sed 's/^/#   /' "$work/$1.diff"
	fi
}

# has NAME STRING: one output line is exactly STRING
has() {
	if grep -qxF -- "$2" "$work/$1.out"; then ok "$1: $2"; else
		notok "$1: $2"
		sed 's/^/#   /' "$work/$1.out"
	fi
}

checks32="ok - CALL_AVAILABLE(LOG_PUTC) == 1
ok - CALL_AVAILABLE(EXIT) == 1
ok - CALL_AVAILABLE(2) == 0
ok - CALL_AVAILABLE(5000) == 0
ok - unknown selector 2 returns 0
ok - out-of-range selector 12345 returns 0
ok - r13-r31 preserved across an OSI call
ok - MSR has ME set and IR/DR/EE clear"

checks64="ok - H_PUT_TERM_CHAR returns H_SUCCESS
ok - H_PUT_TERM_CHAR termno 7 returns H_PARAMETER
ok - H_PUT_TERM_CHAR length 17 returns H_PARAMETER
ok - H_GET_TERM_CHAR returns H_SUCCESS
ok - H_GET_TERM_CHAR termno 7 returns H_PARAMETER
ok - unknown hcall 0x1234 returns H_FUNCTION
ok - unknown hcall 0xdead0000 returns H_FUNCTION
ok - CALL_AVAILABLE(LOG_PUTC) == 1
ok - unknown selector 2 returns 0
ok - r13-r31 preserved across an hcall
ok - MSR has SF and ME set"

# QEMU's 7447a and POWER8 report these PVRs; under molvm they are the
# PVR molvm sets.
run h32 "$full/hello32.elf"
expect h32 <<END
hello32: hello from a 32-bit guest via OSI
hello32: PVR=0x80030102
$checks32
hello32: done
END

run h64 "$full/hello64.elf" GUEST_INPUT=$'ping-from-host\n'
expect h64 <<END
hello64: hello from a 64-bit guest via OSI
hello64: hello via H_PUT_TERM_CHAR
hello64: PVR=0x004d0200
$checks64
hello64: got input: ping-from-host
hello64: done
END

# One byte per hcall, a control byte, CR LF, bytes after the line.
run h64-bytes "$full/hello64.elf" GUEST_CHUNK=1 GUEST_INPUT=$'a\x01b\r\nrest'
has h64-bytes "hello64: got input: a?b"

# A line longer than 64 bytes is cut at 64.
long=$(printf '%080d' 0)
run h64-long "$full/hello64.elf" GUEST_CHUNK=7 GUEST_INPUT="$long"
has h64-long "hello64: got input: ${long:0:64}"

run h64-none "$small/hello64.elf"
has h64-none "hello64: no input"
has h64-none "hello64: done"

# The register checks must catch a VMM that clobbers a non-volatile GPR
# (bit 20 of the mask = r20).
run h32-clobber "$full/hello32.elf" GUEST_CLOBBER=1
has h32-clobber "not ok - r13-r31 preserved across an OSI call (got 0x100000)"
run h64-clobber "$small/hello64.elf" GUEST_CLOBBER=1
has h64-clobber "not ok - r13-r31 preserved across an hcall (got 0x100000)"

# A broken H_PUT_TERM_CHAR is reported, and the lines still reach the
# host through OSI LOG_PUTC.
run h64-putfail "$small/hello64.elf" GUEST_PUTFAIL=1
has h64-putfail "not ok - H_PUT_TERM_CHAR returns H_SUCCESS (got 0xffffffffffffffff)"
has h64-putfail "hello64: done"

run bench "$small/bench64.elf"
if grep -qxE "bench: osi n=20 tb=[0-9]+" "$work/bench.out" &&
	grep -qxE "bench: hcall n=20 tb=[0-9]+" "$work/bench.out" &&
	[ "$(wc -l <"$work/bench.out")" -eq 2 ]; then
	ok "bench64 prints its two result lines"
else
	notok "bench64 prints its two result lines"
	sed 's/^/#   /' "$work/bench.out"
fi

echo "1..$((pass + fail))"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
