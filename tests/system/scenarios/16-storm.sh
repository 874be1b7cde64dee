#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the test host: hostile guests at the device level on the real
# KVM PR, with the -qmp socket flooded meanwhile (ctlprobe --flood: input
# commands whose answers are never read).
#   pseries: storm64 (-smp 2) drives virtio-blk, virtio-net and virtio-input
#     with hostile rings, the second vCPU rewriting what the first submits;
#     then, as a well-behaved driver, writes 8 sectors (checked here on the
#     disk image), sends a frame, waits for a key.
#   powermac: storm32 does the same to the ABLK and ENET2 rings.
# Then each guest storms for ever (-append storm / its ring in storm mode)
# and molvm is stopped by SIGTERM, -qmp quit, Ctrl-a x and --timeout: it
# must exit, and the time from the request to the exit is printed (no
# assertion on it).  molvm's peak RSS (VmHWM) is printed and must stay
# below guest RAM + 96 MiB.
. /opt/molvm/tap.sh
M=/opt/molvm/molvm
G=/opt/molvm
P=/opt/molvm/ctlprobe
SOCK=/tmp/storm.sock
cd /tmp
[ -e /dev/net/tun ] || { mkdir -p /dev/net && mknod /dev/net/tun c 10 200; }
# Pseudo-terminals for the Ctrl-a x runs.
[ -e /dev/pts/ptmx ] || { mkdir -p /dev/pts && mount -t devpts devpts /dev/pts; }
[ -e /dev/ptmx ] || ln -s pts/ptmx /dev/ptmx

# The tap's host end, up as soon as molvm has made it, with traffic for
# the guest's receive rings (arping sends broadcasts to it).
tap_up() {
	(
		n=0
		while [ ! -e /sys/class/net/$1 ] && [ $n -lt 200 ]; do
			sleep 0.1
			n=$((n + 1))
		done
		ip addr add 10.0.9.1/24 dev $1 2>/dev/null
		ip link set $1 up
		arping -q -b -c 200 -w 60 -I $1 10.0.9.2 >/dev/null 2>&1
	) &
}

# probe NAME ARGS...: ctlprobe's line into NAME.probe (and here), its
# exit status in $rc, the numbers in $after_ms and $hwm_kb.
probe() {
	name=$1
	shift
	"$P" --out $name.out --err $name.err "$@" >$name.probe
	rc=$?
	sed 's/^/# /' $name.probe
	after_ms=$(sed -n 's/.*exit_after_ms=\([0-9.]*\).*/\1/p' $name.probe)
	ran_ms=$(sed -n 's/.*ran_ms=\([0-9]*\).*/\1/p' $name.probe)
	hwm_kb=$(sed -n 's/.*vmhwm_kb=\([0-9-]*\).*/\1/p' $name.probe)
}

# Peak RSS below guest RAM (MiB) + 96 MiB.
rss_ok() {
	[ -n "$hwm_kb" ] && [ "$hwm_kb" -gt 0 ] && [ "$hwm_kb" -lt $((($1 + 96) * 1024)) ]
}

# storm_stops GUEST COMMAND...: the guest storms for ever; molvm is stopped
# 5 s into the storm by SIGTERM, -qmp quit (both with the -qmp flood) and
# Ctrl-a x on a terminal (no flood), and by --timeout 20: it must exit,
# with the right code; the time from the request to the exit is printed,
# and how long molvm took to answer a second -qmp client's query-status
# meanwhile.
storm_stops() {
	g=$1
	shift
	probe $g-term --flood $SOCK --ping $SOCK --wait-for "$g: storming" --after 5 --stop term \
		--deadline 30 -- "$@"
	t_eq "$g storming: SIGTERM stops molvm (exit 143)" 143 "$rc"
	echo "# $g storming: SIGTERM -> exit in $after_ms ms"
	t_check "$g storming: peak RSS below guest RAM + 96 MiB (${hwm_kb} KiB)" rss_ok 256
	# molvm closes its tap on a thread of its own (devices/tap.c): the
	# interface must still be gone by the time molvm has exited.
	t_check "$g storming: the tap $TAP is gone when molvm has exited" \
		test ! -e /sys/class/net/$TAP
	probe $g-quit --flood $SOCK --ping $SOCK --wait-for "$g: storming" --after 5 \
		--stop quit:$SOCK \
		--deadline 30 -- "$@"
	t_eq "$g storming: -qmp quit stops molvm (exit 0)" 0 "$rc"
	echo "# $g storming: -qmp quit -> exit in $after_ms ms"
	probe $g-tty --tty --ping $SOCK --wait-for "$g: storming" --after 5 --stop ctrl-a-x \
		--deadline 30 -- "$@"
	t_eq "$g storming: Ctrl-a x stops molvm (exit 0)" 0 "$rc"
	echo "# $g storming: Ctrl-a x -> exit in $after_ms ms"
	probe $g-tmo --flood $SOCK --stop none --deadline 120 -- "$@" --timeout 20
	t_eq "$g storming: --timeout 20 stops molvm (exit 124)" 124 "$rc"
	echo "# $g storming: --timeout 20 -> molvm ran $ran_ms ms"
}

# The expected bytes of storm64's sectors 2048..2055: (s*7 + i*13 + 1) mod 256.
awk 'BEGIN { for (s = 2048; s < 2056; s++) for (i = 0; i < 512; i++)
	printf "%02x", (s * 7 + i * 13 + 1) % 256 }' | xxd -r -p >storm64.expect

# --- pseries: the hostile pass, then a well-behaved driver -----------------
TAP=storm0
PSERIES="-M pseries -smp 2 -m 256 -drive file=storm.img -netdev tap,ifname=$TAP \
	-qmp unix:$SOCK,server -display none -kernel $G/storm64.elf"
truncate -s 0 storm.img
truncate -s 64M storm.img
tap_up $TAP
# shellcheck disable=SC2086
probe s64 --flood $SOCK --ping $SOCK --stop none --deadline 300 -- $M $PSERIES --timeout 280
t_eq "storm64: molvm serves the hostile guest to its power-off (exit 0)" 0 "$rc"
t_passes "storm64: every guest check passes" 30 s64.out
t_has "storm64: the guest survived" s64.out "storm64: survived"
sed -n 's/^storm64: \(.* ms\)$/#   \1/p; s/^not ok/#   &/p' s64.out
dd if=storm.img bs=512 skip=2048 count=8 2>/dev/null >storm64.got
t_check "storm64: the 8 sectors written after the storm are on the disk" \
	cmp -s storm64.got storm64.expect
t_check "storm64: molvm's peak RSS stays below guest RAM + 96 MiB (${hwm_kb} KiB)" rss_ok 256
t_lacks "storm64: molvm reports no internal error" s64.err "KVM_RUN"
[ "$rc" = 0 ] || { sed 's/^/#   /' s64.out | tail -40; sed 's/^/#   /' s64.err | tail -20; }

# --- pseries: storming for ever; each way of stopping molvm ----------------
# shellcheck disable=SC2086
storm_stops storm64 $M $PSERIES -append storm

# --- powermac: the hostile pass, then a well-behaved driver ----------------
awk 'BEGIN { for (s = 4096; s < 4104; s++) for (i = 0; i < 512; i++)
	printf "%02x", (s * 5 + i * 11 + 3) % 256 }' | xxd -r -p >storm32.expect
TAP=storm1
printf x | dd of=calm.nvram bs=8192 conv=sync 2>/dev/null
printf s | dd of=storm.nvram bs=8192 conv=sync 2>/dev/null
POWERMAC="-M powermac -m 256 -drive file=storm.img -netdev tap,ifname=$TAP \
	-qmp unix:$SOCK,server -display none -kernel $G/storm32.elf"
truncate -s 0 storm.img
truncate -s 64M storm.img
tap_up $TAP
# shellcheck disable=SC2086
probe s32 --flood $SOCK --ping $SOCK --stop none --deadline 300 -- $M $POWERMAC -nvram calm.nvram --timeout 280
t_eq "storm32: molvm serves the hostile guest to its power-off (exit 0)" 0 "$rc"
t_passes "storm32: every guest check passes" 18 s32.out
t_has "storm32: the guest survived" s32.out "storm32: survived"
sed -n 's/^storm32: \(.* ms\)$/#   \1/p; s/^not ok/#   &/p' s32.out
dd if=storm.img bs=512 skip=4096 count=8 2>/dev/null >storm32.got
t_check "storm32: the 8 sectors written after the storm are on the disk" \
	cmp -s storm32.got storm32.expect
t_check "storm32: molvm's peak RSS stays below guest RAM + 96 MiB (${hwm_kb} KiB)" rss_ok 256
n=$(grep -c "ABLK:\|ENET2:" s32.err)
t_check "storm32: 2000 failed device starts print at most 20 lines ($n)" [ "$n" -le 20 ]
[ "$rc" = 0 ] || { sed 's/^/#   /' s32.out | tail -40; sed 's/^/#   /' s32.err | tail -20; }

# --- powermac: storming for ever ---------------------------------------------
# shellcheck disable=SC2086
storm_stops storm32 $M $POWERMAC -nvram storm.nvram

t_done
