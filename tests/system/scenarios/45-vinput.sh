#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the POWER8 test host: a Linux -M pseries guest with a control
# socket gets molvm's virtio-input device.  Once the guest reads its
# /dev/input/eventN, keys and mouse events go in over the socket
# (qmp-client); the guest prints the evdev records it read, which must be
# exactly what was sent, each followed by SYN_REPORT.
. /opt/molvm/tap.sh
M=/opt/molvm/molvm
G=/opt/molvm
cd /tmp

"$M" -M pseries -m 512 -kernel $G/vmlinux -initrd $G/linux-vinput.cpio.gz \
	-append "console=hvc0" -display none --timeout 300 \
	-qmp unix:/tmp/q.sock,server </dev/null >vin.out 2>vin.err &
pid=$!
n=0
while ! grep -q "GUEST-VINPUT-READY\|GUEST-EXIT" vin.out 2>/dev/null && [ $n -lt 1800 ]; do
	sleep 0.1
	n=$((n + 1))
done
echo "# guest ready after $((n / 10)) s"
# 18 records: a (4), b (4), an absolute move (3), a left click (4), a
# relative move (3).  qmp-client stays until molvm closes the socket.
$G/qmp-client /tmp/q.sock 120 \
	'{"execute":"qmp_capabilities"}' \
	'{"execute":"sendkey","arguments":{"keys":["a"]},"id":"k1"}' \
	'{"execute":"type","arguments":{"text":"b"},"id":"t1"}' \
	'{"execute":"mouse_move","arguments":{"x":512,"y":384},"id":"m1"}' \
	'{"execute":"mouse_button","arguments":{"button":"left"},"id":"b1"}' \
	'{"execute":"mouse_move","arguments":{"dx":5,"dy":-3},"id":"m2"}' >vin.qmp
wait $pid
rc=$?

t_eq "Linux with a control socket powers off with exit 0" 0 "$rc"
t_has "the guest ran its script to the end" vin.out "GUEST-EXIT=0"
t_has "virtio-pci bound the input device (0x1052)" vin.out "0x1052"
t_has "Linux names the device from its config space" vin.out \
	'GUEST-INPUT: N: Name="molvm virtio keyboard+mouse"'
t_has "the device has an event handler" vin.out "GUEST-VINPUT-DEV=event"
t_has "qmp: sendkey answered" vin.qmp '{"return":{},"id":"k1"}'
t_has "qmp: mouse_button answered" vin.qmp '{"return":{},"id":"b1"}'
t_has "the guest read all 18 records" vin.out "GUEST-VINPUT-BYTES=432"
got=$(tr -d '\r' <vin.out | grep '^GUEST-EV ' | cut -d' ' -f2- | tr '\n' ',')
t_eq "KEY_A (30) press and release, each with SYN_REPORT" "1 30 1,0 0 0,1 30 0,0 0 0," \
	"$(echo "$got" | cut -d, -f1-4),"
t_eq "typed b: KEY_B (48) press and release" "1 48 1,0 0 0,1 48 0,0 0 0," \
	"$(echo "$got" | cut -d, -f5-8),"
t_eq "absolute move to 512,384 of 1024x768: ABS_X/ABS_Y scaled to 0..32767" \
	"3 0 16399,3 1 16404,0 0 0," "$(echo "$got" | cut -d, -f9-11),"
t_eq "left click: BTN_LEFT (0x110 = 272) press and release" "1 272 1,0 0 0,1 272 0,0 0 0," \
	"$(echo "$got" | cut -d, -f12-15),"
t_eq "relative move: REL_X 5, REL_Y -3" "2 0 5,2 1 -3,0 0 0," \
	"$(echo "$got" | cut -d, -f16-18),"
t_lacks "no kernel oops" vin.out "Oops"
t_lacks "molvm reports no error" vin.err "error"
echo "# guest lines:"
grep -a -E 'GUEST-|virtio' vin.out | sed 's/^/#   /' | head -60
echo "# molvm stderr:"
sed 's/^/#   /' vin.err | head -20

# --- the same through --script alone (no socket) -------------------------------
# 19 records: "Hi" is Shift, H, release H, release Shift, then i (12); the
# bottom-right pixel (3); a right click (4).
cat >vin.script <<'SCRIPT'
timeout 180
wait "GUEST-VINPUT-READY"
type "Hi"
mouse_move 1023 767
mouse_button right
wait "GUEST-EXIT=0" 60
wait-exit 60
SCRIPT
"$M" -M pseries -m 512 -kernel $G/vmlinux -initrd $G/linux-vinput.cpio.gz \
	-append "console=hvc0 vinput_n=19" -display none --timeout 300 \
	--script vin.script </dev/null >vs.out 2>vs.err
t_eq "--script run: exit 0 (every step passed)" 0 "$?"
t_has "--script run: the guest read all 19 records" vs.out "GUEST-VINPUT-BYTES=456"
got=$(tr -d '\r' <vs.out | grep '^GUEST-EV ' | cut -d' ' -f2- | tr '\n' ',')
t_eq "--script: type \"Hi\": KEY_LEFTSHIFT (42) around KEY_H (35), then KEY_I (23)" \
	"1 42 1,0 0 0,1 35 1,0 0 0,1 35 0,0 0 0,1 42 0,0 0 0,1 23 1,0 0 0,1 23 0,0 0 0," \
	"$(echo "$got" | cut -d, -f1-12),"
t_eq "--script: the last pixel (1023,767) is ABS_X = ABS_Y = 32767" \
	"3 0 32767,3 1 32767,0 0 0," "$(echo "$got" | cut -d, -f13-15),"
t_eq "--script: right click is BTN_RIGHT (273)" "1 273 1,0 0 0,1 273 0,0 0 0," \
	"$(echo "$got" | cut -d, -f16-19),"
[ "$(grep -c '^GUEST-EV' vs.out)" = 19 ] || grep -a 'GUEST-' vs.out | sed 's/^/#   /'

# --- present only when something can send input --------------------------------
"$M" -M pseries -m 256 -display none --dump-dtb plain.dtb
"$M" -M pseries -m 256 -display none -qmp unix:/tmp/d.sock,server --dump-dtb qmp.dtb
t_eq "no input device without a window, socket or script" 0 "$(grep -c pci1af4,1052 plain.dtb)"
t_eq "-qmp: the input device node is in the tree" 1 "$(grep -c pci1af4,1052 qmp.dtb)"
# With every disk and NIC slot taken it still fits: the ninth slot.
truncate -s 1M d.img
"$M" -M pseries -m 256 -display none -qmp unix:/tmp/d.sock,server \
	-drive file=d.img -drive file=d.img -drive file=d.img -drive file=d.img \
	-netdev tap,ifname=v0 -netdev tap,ifname=v1 -netdev tap,ifname=v2 \
	-netdev tap,ifname=v3 --dump-dtb full.dtb
t_eq "4 disks + 4 NICs + input: the input device in slot 8" 1 "$(grep -c pci1af4,1052@8 full.dtb)"

t_done
