#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the test host: the bench64 guest (10,000 OSI calls, then
# 10,000 PAPR hcalls, timed by the guest's own timebase) under a bare
# KVM_RUN loop and under molvm, alternating, several rounds.  Prints the
# per-call cost under each and the ratio molvm / bare, from the medians.
G=/opt/molvm
ROUNDS=${ROUNDS:-5}
cd /tmp
tb_hz=$(awk '/^timebase/ { print $3; exit }' /proc/cpuinfo)
[ -n "$tb_hz" ] || { echo "bench: no timebase frequency in /proc/cpuinfo"; exit 1; }

: >bare.txt
: >molvm.txt
i=0
while [ $i -lt "$ROUNDS" ]; do
	$G/bare-kvm-loop $G/bench64.bin >>bare.txt 2>&1 || { cat bare.txt; exit 1; }
	$G/molvm -M pseries -m 64 -kernel $G/bench64.bin -kernel-addr 0x10000 \
		--timeout 120 </dev/null >>molvm.txt 2>&1 || { cat molvm.txt; exit 1; }
	i=$((i + 1))
done

# median TB ticks for KIND (osi|hcall) in FILE
median() {
	grep "^bench: $1 " "$2" | sed 's/.*tb=//' | sort -n |
		awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'
}

status=0
for kind in osi hcall; do
	b=$(median $kind bare.txt)
	m=$(median $kind molvm.txt)
	if [ -z "$b" ] || [ -z "$m" ]; then
		echo "bench: no $kind result"; status=1; continue
	fi
	awk -v b="$b" -v m="$m" -v hz="$tb_hz" -v k="$kind" -v r="$ROUNDS" 'BEGIN {
		printf "bench: %-5s round trip: bare KVM_RUN loop %.2f us, molvm %.2f us, ratio molvm/bare %.3f (median of %d runs x 10000 calls)\n",
			k, b / hz * 1e6 / 10000, m / hz * 1e6 / 10000, m / b, r }'
done

# --- powermac: the OSI round trip of a 32-bit guest (molvm -M powermac vs the
# bare loop in 32-bit mode), and ABLK throughput reading a 32 MiB image
# through the request ring (4 KiB and 64 KiB requests) against a raw read
# of the same file on the host.
if [ -f $G/bench32.bin ]; then
	dd if=/dev/zero of=/tmp/bench.img bs=1M count=32 2>/dev/null
	: >bare32.txt
	: >pm.txt
	i=0
	while [ $i -lt "$ROUNDS" ]; do
		$G/bare-kvm-loop -32 $G/bench32.bin >>bare32.txt 2>&1 || { cat bare32.txt; exit 1; }
		$G/molvm -M powermac -m 64 -kernel $G/bench32.bin -kernel-addr 0x10000 \
			-drive file=/tmp/bench.img --timeout 300 </dev/null >>pm.txt 2>&1 ||
			{ cat pm.txt; exit 1; }
		i=$((i + 1))
	done
	b=$(median osi32 bare32.txt)
	m=$(median osi32 pm.txt)
	awk -v b="$b" -v m="$m" -v hz="$tb_hz" -v r="$ROUNDS" 'BEGIN {
		printf "bench: osi32 round trip (powermac): bare KVM_RUN loop %.2f us, molvm %.2f us, ratio molvm/bare %.3f (median of %d runs x 10000 calls)\n",
			b / hz * 1e6 / 10000, m / hz * 1e6 / 10000, m / b, r }'
	# raw read speed of the image: 8 reads of 32 MiB, timed by /proc/uptime
	now_cs() { awk '{ printf "%d\n", $1 * 100 }' /proc/uptime; }
	t0=$(now_cs)
	for i in 1 2 3 4 5 6 7 8; do dd if=/tmp/bench.img of=/dev/null bs=64k 2>/dev/null; done
	t1=$(now_cs)
	raw=$(awk -v cs=$((t1 - t0)) 'BEGIN { if (cs < 1) cs = 1; printf "%.1f", 8 * 32 * 1048576 / (cs / 100) / 1e6 }')
	for size in 4096 65536; do
		grep "^bench: ablk size=$size " pm.txt | sed 's/.*bytes=\([0-9]*\) tb=\([0-9]*\)/\2 \1/' |
			sort -n | awk -v hz="$tb_hz" -v raw="$raw" -v s=$size '
			{ t[NR] = $1; b = $2 }
			END { if (!NR) { print "bench: no ablk result"; exit 1 }
				m = t[int((NR + 1) / 2)]; mbs = b / (m / hz) / 1e6
				printf "bench: ABLK read, %d KiB requests: %.1f MB/s; raw read of the image file %.1f MB/s; ratio %.3f (median of %d runs)\n",
					s / 1024, mbs, raw, mbs / raw, NR }' || status=1
	done
fi

# --- Linux guest boot: with the /hypervisor node (PV magic page) and
# without (-no-pv), alternating; boot-to-init from the guest's uptime at
# init, and molvm's wall time for boot + power-off.  molvm's peak RSS is
# sampled from /proc while it runs (VmHWM only grows).
K=$G/vmlinux
I=$G/linux-boot.cpio.gz
now_ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }
boot_once() {	# boot_once TAG ARGS...
	tag=$1
	shift
	t0=$(now_ms)
	$G/molvm -M pseries -m 512 -kernel $K -initrd $I -append "console=hvc0 quiet" \
		--timeout 300 "$@" </dev/null >boot.out 2>&1 &
	pid=$!
	hwm=0
	while kill -0 $pid 2>/dev/null; do
		h=$(awk '/^VmHWM/ { print $2 }' /proc/$pid/status 2>/dev/null)
		[ -n "$h" ] && hwm=$h
		sleep 0.2
	done
	wait $pid
	rc=$?
	t1=$(now_ms)
	up=$(sed -n 's/^GUEST-UPTIME=//p' boot.out | tr -d '\r')
	[ $rc -eq 0 ] && [ -n "$up" ] || { echo "bench: boot $tag failed (exit $rc)"; cat boot.out; return 1; }
	echo "$tag $up $((t1 - t0)) $hwm" >>boot.txt
}
if [ -f "$K" ]; then
	: >boot.txt
	i=0
	while [ $i -lt 5 ]; do
		boot_once pv || status=1
		boot_once nopv -no-pv || status=1
		i=$((i + 1))
	done
	awk '
	{ up[$1] = up[$1] " " $2; wall[$1] = wall[$1] " " $3; if ($4 > rss) rss = $4 }
	function med(list,   n, v, i, j, t) {
		n = split(list, v, " ")
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
		return v[int((n + 1) / 2)]
	}
	END {
		p = med(up["pv"]); n = med(up["nopv"]); pw = med(wall["pv"]); nw = med(wall["nopv"])
		printf "bench: Linux boot to init: with /hypervisor %.2f s, without %.2f s, speed-up %.2fx (guest uptime, median of 5)\n", p, n, n / p
		printf "bench: Linux boot + power-off wall time: with /hypervisor %.2f s, without %.2f s, speed-up %.2fx\n", pw / 1000, nw / 1000, nw / pw
		printf "bench: molvm peak RSS for a 512 MiB Linux guest: %.1f MiB\n", rss / 1024
	}' boot.txt
fi
exit $status
