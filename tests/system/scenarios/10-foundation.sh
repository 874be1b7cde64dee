#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside a 64-bit test host (POWER8 LE or BE, the G5): molvm runs the
# test guests on the real /dev/kvm (KVM PR).  Every assertion is on the guest's console output,
# molvm's messages and its exit code.
. /opt/molvm/tap.sh
M=/opt/molvm/molvm
G=/opt/molvm
cd /tmp

echo "# host: $(uname -r), $(grep -m1 '^cpu' /proc/cpuinfo)"

# --- 32-bit guest on the powermac machine: OSI -------------------------------
for cpu in 7447a:80030102 750:00083311 7400:000c0209 7455:80010303; do
	model=${cpu%%:*}
	pvr=${cpu#*:}
	run h32-$model -M powermac -cpu "$model" -m 64 -kernel $G/hello32.elf --timeout 60
	t_eq "hello32 ($model) powers off with exit 0" 0 "$rc"
	t_has "hello32 ($model) prints through OSI LOG_PUTC" h32-$model.out \
		"hello32: hello from a 32-bit guest via OSI"
	t_has "hello32 ($model) sees PVR 0x$pvr" h32-$model.out "hello32: PVR=0x$pvr"
	t_passes "hello32 ($model) guest checks all pass" 8 h32-$model.out
	t_lacks "hello32 ($model) no failed guest check" h32-$model.out "not ok"
	t_has "hello32 ($model) reaches its end" h32-$model.out "hello32: done"
done
t_count "unknown OSI selector 2 is reported once" 1 h32-7447a.err \
	"OSI selector 2 is not implemented"
t_count "out-of-range OSI selector is reported once" 1 h32-7447a.err \
	"OSI selector 12345 is out of range"

# --- 64-bit guest on pseries: OSI ------------------------------------------------
# (The host's own 64-bit CPU: POWER8, or the G5's 970FX, with its PVR.)
run o64 -M pseries -cpu $HOST_CPU64 -m 64 -kernel $G/osi64.elf --timeout 60
t_eq "osi64 ($HOST_CPU64) powers off with exit 0" 0 "$rc"
t_has "osi64 prints through OSI" o64.out "osi64: hello from a 64-bit guest via OSI"
t_has "osi64 sees the $HOST_CPU64 PVR" o64.out "osi64: PVR=$HOST_PVR"
t_passes "osi64 guest checks all pass" 4 o64.out
t_lacks "osi64 no failed guest check" o64.out "not ok"
t_has "osi64 reaches its end" o64.out "osi64: done"
# The default CPU follows the host, and -cpu host is the host's own model.
run o64d -M pseries -m 64 -kernel $G/osi64.elf --timeout 60
t_has "the default pseries CPU is the host's ($HOST_CPU64)" o64d.out "osi64: PVR=$HOST_PVR"
run o64h -M pseries -cpu host -m 64 -kernel $G/osi64.elf --timeout 60
t_eq "-cpu host: exit 0" 0 "$rc"
t_has "-cpu host: the host's PVR" o64h.out "osi64: PVR=$HOST_PVR"

# --- 64-bit guest on pseries: PAPR hcalls -------------------------------------
papr_guests() {
	printf 'ping-from-host\n' >ping.txt
	STDIN=ping.txt run h64 -M pseries -cpu $HOST_CPU64 -m 64 -kernel $G/hello64.elf --timeout 60
	t_eq "hello64 powers off with exit 0" 0 "$rc"
	t_has "hello64 prints through OSI" h64.out "hello64: hello from a 64-bit guest via OSI"
	t_has "hello64 prints through H_PUT_TERM_CHAR" h64.out "hello64: hello via H_PUT_TERM_CHAR"
	t_has "hello64 sees the $HOST_CPU64 PVR" h64.out "hello64: PVR=$HOST_PVR"
	t_passes "hello64 guest checks all pass" 11 h64.out
	t_lacks "hello64 no failed guest check" h64.out "not ok"
	t_has "hello64 reads host input with H_GET_TERM_CHAR" h64.out "hello64: got input: ping-from-host"
	t_has "hello64 reaches its end" h64.out "hello64: done"
	t_count "unknown hcall 0x1234 is reported once" 1 h64.err "unknown hypercall 0x1234"

	# Input through a pipe (the libevent path) rather than a file.
	printf 'through-a-pipe\n' | "$M" -M pseries -m 64 -kernel $G/hello64.elf --timeout 60 \
		>h64p.out 2>h64p.err
	t_eq "hello64 with piped input exits 0" 0 "$?"
	t_has "hello64 reads piped input" h64p.out "hello64: got input: through-a-pipe"

	run h64n -M pseries -m 64 -kernel $G/hello64.elf --timeout 60
	t_eq "hello64 without input exits 0" 0 "$rc"
	t_has "hello64 without input says so" h64n.out "hello64: no input"

	run h64-970 -M pseries -cpu 970 -m 64 -kernel $G/hello64.elf --timeout 60
	t_eq "hello64 on a 970 exits 0" 0 "$rc"
	t_has "hello64 on a 970 sees its PVR" h64-970.out "hello64: PVR=0x00390202"
	t_lacks "hello64 on a 970: no failed check" h64-970.out "not ok"

	# Raw binary at an address
	run h64raw -M pseries -m 64 -kernel $G/hello64.bin -kernel-addr 0x10000 --timeout 60
	t_eq "raw hello64.bin exits 0" 0 "$rc"
	t_has "raw hello64.bin runs" h64raw.out "hello64: done"
}
if [ -z "$HOST_NO_PAPR" ]; then
	papr_guests
else
	t_xfail "hello64: PAPR hcalls (sc 1) from a pseries guest" "$HOST_NO_PAPR"
fi

# -serial file: the console goes to a file
run h32file -M powermac -m 64 -kernel $G/hello32.elf -serial file:/tmp/h32.console --timeout 60
t_eq "-serial file: exits 0" 0 "$rc"
t_has "-serial file: console in the file" /tmp/h32.console "hello32: done"
t_eq "-serial file: nothing on stdout" 0 "$(wc -c <h32file.out)"

# -D logs exits
run h32dbg -M powermac -m 64 -kernel $G/hello32.elf -D /tmp/exits.log --timeout 60
t_has "-D logs OSI exits" /tmp/exits.log "vcpu0 exit 18"

# --- timeout, signals, bad input ------------------------------------------------
printf '\110\000\000\000' >spin.bin		# "b ." : spins forever
run spin -M powermac -m 16 -kernel spin.bin -kernel-addr 0x10000 --timeout 2
t_eq "--timeout ends a spinning guest with 124" 124 "$rc"
t_has "--timeout says why" spin.err "timeout"

"$M" -M powermac -m 16 -kernel spin.bin -kernel-addr 0x10000 </dev/null >sig.out 2>sig.err &
pid=$!
sleep 2
kill -TERM $pid
wait $pid
t_eq "SIGTERM stops molvm with 128+15" 143 "$?"

run nokernel -M pseries -kernel /nonexistent
t_eq "missing kernel: exit 1" 1 "$rc"
t_eq "missing kernel: one line" 1 "$(wc -l <nokernel.err)"
run notelf -M pseries -kernel /opt/molvm/tap.sh
t_eq "non-ELF kernel: exit 1" 1 "$rc"
t_has "non-ELF kernel: says so" notelf.err "not an ELF image"
run m0 -m 0 -kernel $G/hello64.elf
t_eq "-m 0: exit 1" 1 "$rc"
run badm -M amiga -kernel $G/hello64.elf
t_eq "unknown -M: exit 1" 1 "$rc"
run badcpu -cpu 68040 -kernel $G/hello64.elf
t_eq "unknown -cpu: exit 1" 1 "$rc"
run toobig -M powermac -m 64K -kernel $G/hello32.elf
t_eq "image outside RAM: exit 1" 1 "$rc"
t_has "image outside RAM: says so" toobig.err "does not fit"
run wrongclass -M powermac -kernel $G/hello64.elf
t_eq "64-bit image on powermac: exit 1" 1 "$rc"

t_done
