#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the test host: molvm's SDL window on the real KVM PR while a
# hostile guest storms its devices.  Debian's Xvfb is the X server,
# xdotool types, xwin (tests/ui/xwin.c) reads the window's pixels and
# closes it as a window manager would (WM_DELETE_WINDOW); molvm is built
# with SDL against Debian's ppc64el SDL2 (make cross-sdl;
# contrib/fetch-xdisplay.sh packs the X side).
#   storm64 -append "storm window" (-smp 2): one vCPU kicks 32 MiB disk
#   reads and resets the disk's ring, the other republishes network frames
#   for ever; between its rounds the guest repaints a band of the
#   framebuffer (the window keeps uploading), reports each key virtio-input
#   brings it and polls RTAS check-exception for a power-off request.
# Checked: the keys typed in the window reach the guest, in order, pressed
# and released; the window's pixels keep changing and are not all black;
# the first close asks the guest to power off (the EPOW event reaches it;
# it ignores it); the second close quits molvm with exit 0.  The times
# (key typed -> seen by the guest, close -> request seen, close -> exit)
# are printed, not asserted.
. /opt/molvm/tap.sh
G=/opt/molvm
M=$G/molvm-sdl
cd /tmp || exit 1
[ -e /dev/net/tun ] || { mkdir -p /dev/net && mknod /dev/net/tun c 10 200; }
export DISPLAY=:0

# shellcheck disable=SC3028 # busybox ash has EPOCHREALTIME
now_us() {
	t=$EPOCHREALTIME
	# "1" before the six fraction digits: no octal for leading zeros
	echo $((${t%.*} * 1000000 + 1${t#*.} - 1000000))
}
ms_since() {
	d=$(($(now_us) - $1))
	echo "$((d / 1000)).$((d / 100 % 10))"
}
# wait_for FILE TEXT SEC: poll every 10 ms; true once TEXT is in FILE
wait_for() {
	n=0
	while ! grep -q "$2" "$1" 2>/dev/null; do
		[ $n -ge $(($3 * 100)) ] && return 1
		usleep 10000
		n=$((n + 1))
	done
}

t0=$(now_us)
Xvfb :0 -screen 0 1024x768x24 -nolisten tcp >xvfb.log 2>&1 &
xpid=$!
n=0
while [ ! -e /tmp/.X11-unix/X0 ] && [ $n -lt 600 ]; do
	usleep 100000
	n=$((n + 1))
done
t_check "Xvfb (Debian's, ppc64el) serves display :0" [ -e /tmp/.X11-unix/X0 ]
echo "# Xvfb up after $(ms_since "$t0") ms"
[ -e /tmp/.X11-unix/X0 ] || { sed 's/^/#   /' xvfb.log; t_done; exit 1; }

truncate -s 64M storm.img
t0=$(now_us)
"$M" -M pseries -smp 2 -m 256 -drive file=storm.img -netdev tap,ifname=sdl0 \
	-display sdl -name sdlstorm -kernel $G/storm64.elf -append "storm window" \
	--timeout 280 </dev/null >vm.out 2>vm.err &
pid=$!
wid=""
if wait_for vm.out "storm64: storming" 120; then
	n=0
	while [ -z "$wid" ] && [ $n -lt 100 ]; do
		wid=$(xdotool search --name '^sdlstorm' 2>search.err | head -n 1)
		[ -n "$wid" ] || usleep 100000
		n=$((n + 1))
	done
fi
t_check "molvm opens its SDL window while the guest storms (window $wid)" [ -n "$wid" ]
echo "# window and storm up after $(ms_since "$t0") ms"
if [ -z "$wid" ]; then
	kill "$pid"
	xdotool search --name . getwindowname %@ 2>&1 | sed 's/^/#   windows: /'
	sed 's/^/#   /' search.err xvfb.log vm.out vm.err | tail -40
	t_done
	exit 1
fi

# Keys: the pointer in the window (no window manager: the focus follows
# it), then a, b, c; each one's release must reach the guest.
xdotool mousemove --window "$wid" 200 200
# The times are from xdotool's return (its own run, a dynamically linked
# program starting under TCG, is printed apart); the guest looks for keys
# once per storm round.
for k in a:30 b:48 c:46; do
	t=$(now_us)
	xdotool key "${k%:*}"
	t1=$(now_us)
	wait_for vm.out "storm64: key ${k#*:} 0" 30 &&
		echo "# key ${k%:*}: typed -> seen by the guest $(ms_since "$t1") ms after xdotool returned (xdotool ran $(((t1 - t) / 1000)) ms)"
done
got=$(tr -d '\r' <vm.out | sed -n 's/^storm64: key //p' | paste -sd, -)
t_eq "keys a, b, c typed in the window reach the storming guest (press, release)" \
	"30 1,30 0,48 1,48 0,46 1,46 0" "$got"

# The window keeps showing what the guest draws: a column of its pixels
# read 6 times, 300 ms apart.
$G/xwin watch "$wid" 6 300 >watch.out
sed 's/^/# /' watch.out
changed=$(sed -n 's/.* \([0-9]*\) changed.*/\1/p' watch.out)
lit=$(sed -n 's/.* \([0-9]*\) pixels not black.*/\1/p' watch.out)
t_check "the window keeps refreshing while the guest storms (the column changed ${changed:-?} of 5 times)" \
	[ "${changed:-0}" -ge 1 ]
t_check "... and shows the guest's bands (${lit:-?} pixels of the column not black)" [ "${lit:-0}" -gt 0 ]

# The first close asks the guest to power off; the guest ignores it.
$G/xwin close "$wid"
t_eq "xwin sends WM_DELETE_WINDOW" 0 "$?"
t=$(now_us)
wait_for vm.out "storm64: power-off requested" 60 &&
	echo "# first close -> the guest sees the power-off request $(ms_since "$t") ms after xwin returned"
t_has "closing the window asks the guest to power off (EPOW)" vm.out "storm64: power-off requested"
t_check "the guest ignores it: molvm still runs" kill -0 "$pid"

# The second close quits.
$G/xwin close "$wid"
t=$(now_us)
wait "$pid"
rc=$?
echo "# second close -> molvm exited $(ms_since "$t") ms after xwin returned"
t_eq "closing the window again quits molvm (exit 0)" 0 "$rc"
t_has "... and molvm says why" vm.err "window closed again: quitting"
t_lacks "molvm reports no internal error" vm.err "KVM_RUN"
[ "$rc" = 0 ] || { sed 's/^/#   /' vm.out | tail -20; sed 's/^/#   /' vm.err | tail -20; }
kill "$xpid" 2>/dev/null
t_done
