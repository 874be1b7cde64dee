#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside a test host (POWER8, G5 or G4): the powermac machine's OSI
# devices on the real /dev/kvm (KVM PR), driven by the pm32 guest as MOL's drivers
# drive them.  Asserts on real data: the device tree text the guest reads
# over OSI against dtc's listing of molvm --dump-dtb (made on the build
# machine), NVRAM bytes in the image file across two runs, console bytes.
. /opt/molvm/tap.sh
M=/opt/molvm/molvm
G=/opt/molvm
cd /tmp

# byte FILE OFFSET: one byte of FILE, decimal
byte() { od -An -tu1 -j "$2" -N1 "$1" | tr -d ' '; }

show() { sed 's/^/#   /' "$1" | head -${2:-60}; }

# --- device tree: --dump-dtb here equals the build machine's --------------------
# (-cpu 7447a as on the build machine: a G4 host's default is its own CPU)
# but for three host facts of 4 bytes each: the CPU's clock and bus
# frequencies, and the timebase frequency (512 MHz on the POWER8, 100 MHz
# on QEMU's PowerMacs; the build machine has none and molvm assumed 512 MHz
# there).  The expected tree and listing carry the test host's timebase.
"$M" -M powermac -cpu 7447a -m 64 -kernel $G/pm32.elf --dump-dtb pm.dtb
t_eq "--dump-dtb -M powermac exits 0" 0 "$?"
t_eq "--dump-dtb here has the build machine's size" "$(wc -c <$G/powermac-64m.dtb)" \
	"$(wc -c <pm.dtb)"
tb=$(sed -n 's/^timebase[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo | head -n 1)
tbhex=$(printf '%08x' "$tb")
cp $G/powermac-64m.dtb want.dtb
# The build's value, 0x1e848000, is one 4-byte-aligned cell of the tree.
line=$(od -An -v -tx1 -w4 want.dtb | grep -n '^ *1e 84 80 00$' | cut -d: -f1)
t_eq "the build machine's tree has one 512 MHz timebase cell" 1 "$(echo "$line" | wc -w)"
printf "$(echo "$tbhex" | sed 's/\(..\)/\\x\1/g')" |
	dd of=want.dtb bs=1 seek=$(((line - 1) * 4)) conv=notrunc 2>/dev/null
sed "s/ timebase-frequency = .*/ timebase-frequency = $(echo "$tbhex" |
	sed 's/\(..\)/ \1/g; s/ 0\([0-9a-f]\)/ \1/g; s/^ //')/" $G/powermac-64m.tree >want.tree
ndiff=$(cmp -l pm.dtb want.dtb | wc -l)
t_check "--dump-dtb here differs from the build machine's in at most the 8 clock bytes ($ndiff; timebase $tb Hz)" \
	test "$ndiff" -le 8
# The host's clock as the guest should read it: "clock : 3425.000000MHz"
# in Hz (capped at 4294 MHz, one cell), as fdtget's bytes.
hz=$(awk -F: '/^clock/ { sub(/MHz.*/, "", $2); v = $2 + 0; if (v > 4294) v = 4294
	printf "%.0f\n", v * 1000000; exit }' /proc/cpuinfo)
mhz=$((${hz:-1000000000} / 1000000))
hz=$(printf '%08x' "${hz:-1000000000}")
host_clock=
for b in $(echo "$hz" | sed 's/\(..\)/\1 /g'); do
	host_clock="$host_clock${host_clock:+ }$(printf '%x' $((0x$b)))"
done

# --- pm32, first run: a fresh NVRAM image ------------------------------------------
rm -f nv.img
printf 'hello-tty\n' >tty.in
STDIN=tty.in run pm1 -M powermac -cpu 7447a -m 64 -kernel $G/pm32.elf -nvram /tmp/nv.img --timeout 120
t_eq "pm32 powers off with exit 0" 0 "$rc"
t_passes "pm32 guest checks all pass" 21 pm1.out
t_lacks "pm32 no failed guest check" pm1.out "not ok"
[ "$(grep -cF 'ok - ' pm1.out)" = 21 ] || show pm1.out 200
t_has "pm32 reaches its end" pm1.out "pm32: done"
t_has "TTY_PUTC reaches the console" pm1.out "pm32: via TTY_PUTC"
t_has "TTY_GETC reads the host's input" pm1.out "pm32: tty got: hello-tty"
t_has "BOOT_HELPER RAM size is -m 64" pm1.out "pm32: ram size 0x4000000"
grep '^pm32: USLEEP' pm1.out | sed 's/^/# /'

# The tree as the guest read it over PROM_IFACE, against dtc's fdtget
# (the host's clock and bus frequency apart: checked on their own).
host_freq='^T /cpus/PowerPC,7447a@0 \(clock\|bus\)-frequency '
grep '^T ' pm1.out | grep -v "$host_freq" >guest.tree
grep -v "$host_freq" want.tree >build.tree
t_eq "the guest walked the whole tree (lines)" "$(wc -l <build.tree)" "$(wc -l <guest.tree)"
if cmp -s guest.tree build.tree; then
	t_ok "tree read over OSI PROM_IFACE == fdtget listing of --dump-dtb"
else
	t_fail "tree read over OSI PROM_IFACE == fdtget listing of --dump-dtb"
	diff build.tree guest.tree | head -20 | sed 's/^/#   /'
fi
t_has "the CPU node's clock-frequency is the host's ($mhz MHz)" pm1.out \
	"T /cpus/PowerPC,7447a@0 clock-frequency = $host_clock"

# MOL's newworld tree (oftree.nw) as the guest reads it over OSI: the
# PowerMac1,1 root, mac-io's devices and MOL's own PCI functions, which
# its Mac OS drivers bind to.
B=/pci@80000000/pci-bridge@d
t_has "guest reads model PowerMac1,1" pm1.out "T / model = 50 6f 77 65 72 4d 61 63 31 2c 31 0"
t_has "guest reads the Heathrow PIC at mac-io + 0x10" pm1.out \
	"T $B/mac-io@5/interrupt-controller@10 reg = 0 0 0 10 0 0 0 20"
t_has "guest reads via-cuda's interrupt 18" pm1.out \
	"T $B/mac-io@5/via-cuda@16000 interrupts = 0 0 0 12"
t_has "guest reads $B/MacOnLinuxVideo@4 vendor-id 0x6666" pm1.out \
	"T $B/MacOnLinuxVideo@4 vendor-id = 0 0 66 66"
t_has "guest reads MacOnLinuxVideo device-id 0x6666" pm1.out \
	"T $B/MacOnLinuxVideo@4 device-id = 0 0 66 66"
t_has "guest reads $B/mol-blk@3 device-id 0x8888" pm1.out \
	"T $B/mol-blk@3 device-id = 0 0 88 88"
t_has "guest reads $B/mol-mouse@8 device-id 0x6668" pm1.out \
	"T $B/mol-mouse@8 device-id = 0 0 66 68"

# NVRAM: the image was created at exit with the guest's bytes.
t_has "first run: NVRAM boot count 1" pm1.out "pm32: nvram boot count 1"
t_eq "NVRAM image is 8192 bytes" 8192 "$(wc -c <nv.img)"
t_eq "NVRAM image byte 0x10 (boot count) is 1" 1 "$(byte nv.img 16)"
t_eq "NVRAM image byte 0x1ffe is 'M'" 77 "$(byte nv.img 8190)"
t_eq "NVRAM image byte 0x1fff is 'v'" 118 "$(byte nv.img 8191)"

# --- second run: NVRAM persists ----------------------------------------------------
run pm2 -M powermac -m 64 -kernel $G/pm32.elf -nvram /tmp/nv.img --timeout 120
t_eq "pm32 second run exits 0" 0 "$rc"
t_has "second run: NVRAM boot count 2" pm2.out "pm32: nvram boot count 2"
t_has "second run: no TTY input" pm2.out "pm32: tty got: (nothing)"
t_eq "NVRAM image byte 0x10 is 2 after the second run" 2 "$(byte nv.img 16)"


# --- bad input ---------------------------------------------------------------------
head -c 100 /dev/zero >bad.img
run badnv -M powermac -m 64 -kernel $G/pm32.elf -nvram /tmp/bad.img
t_eq "-nvram with a wrong-size file: exit 1" 1 "$rc"
t_eq "-nvram with a wrong-size file: one line" 1 "$(wc -l <badnv.err)"
t_has "-nvram with a wrong-size file: says why" badnv.err "not an NVRAM image"
run nvps -M pseries -m 64 -kernel $G/hello64.elf -nvram /tmp/nv.img
t_eq "a powermac NVRAM image (8 KiB) on pseries (64 KiB): exit 1" 1 "$rc"
if [ $HOST_BITS = 32 ]; then	# (a G4 host refuses pseries itself first)
	t_has "a powermac NVRAM image on pseries, 32-bit host: says why" nvps.err \
		"machine 'pseries' needs a 64-bit host"
else
	t_has "a powermac NVRAM image on pseries: says why" nvps.err "exactly 65536 bytes"
fi

# --- video: every mode, the framebuffer in guest memory -----------------------------
run vid -M powermac -m 64 -kernel $G/video32.elf --timeout 120
t_eq "video32 exits 0" 0 "$rc"
t_passes "video32 guest checks all pass" 7 vid.out
t_lacks "video32 no failed guest check" vid.out "not ok"
t_count "video32 went through 27 modes" 27 vid.out "video32: mode "
t_has "video32 mode 1680x1050 at depth 32" vid.out "video32: mode 1680x1050 depth 32 rowbytes 6720"
t_has "video32 mode 1600x1200 at depth 15" vid.out "video32: mode 1600x1200 depth 15 rowbytes 3200"
# sum over 640x480 of x:8<<16 | y:8<<8 | (x^y):8, computed on the build machine
t_has "video32 pattern checksum" vid.out "video32: pattern checksum 0xdcf9a800"
[ "$rc" = 0 ] || show vid.err

# Pixels as the host sees them, through the display layer's --script (when
# this molvm has it).
if "$M" --help | grep -q -- '--script'; then
	cat >vid.script <<'EOS'
wait "video32: pattern drawn" 60
expect-pixel 639 479 7fdfa0
expect-pixel 100 50 643256
expect-pixel 0 0 000000
wait-exit 30
EOS
	run vids -M powermac -m 64 -kernel $G/video32.elf -display none --script vid.script \
		--report tap:/tmp/vid.tap --timeout 120
	t_eq "video32 under --script: exit 0" 0 "$rc"
	t_count "host sees the guest's pixels (3 expect-pixel steps)" 3 /tmp/vid.tap "- expect-pixel"
	t_lacks "no failed --script step" /tmp/vid.tap "not ok"
	[ "$rc" = 0 ] || { show vids.err; show /tmp/vid.tap; }
else
	echo "# skip: host-side pixel check (this molvm has no --script)"
fi

# --- external interrupts: VBL through the osi-pic, KVM_INTERRUPT -------------------
# (input through a pipe: the console polls it and raises the TTY interrupt)
printf 'tty-irq\n' | "$M" -M powermac -m 64 -kernel $G/irq32.elf --timeout 120 >irq.out 2>irq.err
rc=$?
t_eq "irq32 exits 0" 0 "$rc"
t_passes "irq32 guest checks all pass" 8 irq.out
t_has "irq32 reads the line after the TTY interrupt" irq.out "irq32: tty interrupt, got: tty-irq"
t_lacks "irq32 no failed guest check" irq.out "not ok"
grep '^irq32: interrupts' irq.out | sed 's/^/# /'
[ "$rc" = 0 ] || { show irq.out; show irq.err; }

# --- ABLK block device: ring I/O off the vCPU thread, completion by interrupt ---------
cp $G/ablk-test.img disk.img
cp $G/ablk-test.img ro.img
run ablk -M powermac -m 64 -kernel $G/ablk32.elf -drive file=/tmp/disk.img \
	-drive file=/tmp/ro.img,readonly=on --timeout 120
t_eq "ablk32 exits 0" 0 "$rc"
t_passes "ablk32 guest checks all pass" 17 ablk.out
t_lacks "ablk32 no failed guest check" ablk.out "not ok"
[ "$rc" = 0 ] || { show ablk.out; show ablk.err; }
grep '^ablk32: ' ablk.out | sed 's/^/# /'
# The bytes on disk: ring write of sectors 200-201 (0xc0 + i % 16) ...
t_eq "image byte 200*512 is 0xc0 (ring write)" 192 "$(byte disk.img 102400)"
t_eq "image byte 200*512+15 is 0xcf (ring write)" 207 "$(byte disk.img 102415)"
t_eq "image byte 201*512+511 is 0xcf (ring write)" 207 "$(byte disk.img 103423)"
t_eq "image sector 202 untouched (pattern 0xca)" 202 "$(byte disk.img 103432)"
# ... SYNC_WRITE of sector 300
t_eq "sector 300 holds the SYNC_WRITE text" "molvm ablk sync write" \
	"$(dd if=disk.img bs=512 skip=300 count=1 2>/dev/null | tr -d '\000')"
t_check "the read-only image is unchanged" cmp -s ro.img $G/ablk-test.img
t_check "the rest of the image is unchanged (sectors 0-199)" \
	sh -c "cmp -s -n 102400 disk.img $G/ablk-test.img"
run ablkbad -M powermac -m 64 -kernel $G/ablk32.elf -drive file=/nonexistent.img
t_eq "-drive with a missing image: exit 1" 1 "$rc"
t_eq "-drive with a missing image: one line" 1 "$(wc -l <ablkbad.err)"
run ablkbad2 -M powermac -m 64 -kernel $G/ablk32.elf -drive /tmp/disk.img
t_eq "-drive without file=: exit 1" 1 "$rc"

# --- -rom: a synthetic NewWorld ROM whose ELF image is the pm32 guest --------------
run rom -M powermac -m 64 -rom $G/synthetic-macos.rom --timeout 120
t_eq "-rom: the ROM's ELF image runs and powers off (exit 0)" 0 "$rc"
t_has "-rom: pm32 from the ROM reaches its end" rom.out "pm32: done"
t_lacks "-rom: no failed check" rom.out "not ok"
# /rom/macos AAPL,toolbox-image,lzss = <0x01100000 size>, read over OSI PROM_IFACE
t_has "-rom: /rom/macos gives the toolbox image at 0x1100000" rom.out \
	"T /rom@ff800000/macos AAPL,toolbox-image,lzss = 1 10 0 0 "
t_has "-rom: ... and AAPL,toolbox-parcels" rom.out \
	"T /rom@ff800000/macos AAPL,toolbox-parcels = 1 10 0 0 "
run rombad -M powermac -m 64 -rom $G/pm32.elf
t_eq "-rom with a plain ELF file: exit 1" 1 "$rc"
t_has "-rom with a plain ELF file: says why" rombad.err "not a NewWorld Mac OS ROM"
t_eq "-rom with a plain ELF file: one line" 1 "$(wc -l <rombad.err)"
run romnone -M powermac -m 64 -rom /nonexistent.rom
t_eq "-rom with a missing file: exit 1" 1 "$rc"
run romsmall -M powermac -m 16 -rom $G/synthetic-macos.rom
t_eq "-rom with too little RAM for the toolbox: exit 1" 1 "$rc"
t_has "-rom with too little RAM: says so" romsmall.err "does not fit"

# --- keyboard and mouse ------------------------------------------------------------
run inp -M powermac -m 64 -kernel $G/input32.elf --timeout 120
t_eq "input32 exits 0" 0 "$rc"
t_passes "input32 guest checks all pass" 4 inp.out
t_has "input32 without input sees no events" inp.out "input32: events 0"
# Keys and mouse injected from the host side, through the display layer's
# --script (when this molvm has it): "type" posts evdev keys, which molvm
# turns into ADB codes (h = 0x04, i = 0x22, q = 0x0c; release = | 0x80).
if "$M" --help | grep -q -- '--script'; then
	cat >inp.script <<'EOS'
wait "input32: ready" 60
mouse_move 100 200
wait "input32: mouse" 10
type "hiq"
wait "input32: done" 30
EOS
	run inps -M powermac -m 64 -kernel $G/input32.elf -display none --script inp.script \
		--report tap:/tmp/inp.tap --timeout 120
	t_eq "input32 under --script: exit 0" 0 "$rc"
	t_has "key h arrives as ADB 0x04 (raw KEY_H 35)" inps.out "input32: adb 0x04 raw 35"
	t_has "key h release arrives as ADB 0x84" inps.out "input32: adb 0x84 raw 35"
	t_has "key i arrives as ADB 0x22" inps.out "input32: adb 0x22 raw 23"
	t_has "mouse_move arrives as an absolute move (event 0x80) to 100,200" inps.out \
		"input32: mouse event 0x80 x 100 y 200"
	[ "$rc" = 0 ] || { show inps.out; show inps.err; }
else
	echo "# skip: host-side key injection (this molvm has no --script)"
fi

# --- ENET2 over a tap: the host arpings the guest, which answers -------------------
"$M" -M powermac -m 64 -kernel $G/enet32.elf -netdev tap,ifname=moltap0 --timeout 90 \
	</dev/null >enet.out 2>enet.err &
pid=$!
for i in $(seq 1 300); do
	grep -q "enet32: ready" enet.out 2>/dev/null && break
	sleep 0.1
done
ifconfig moltap0 10.0.2.1 netmask 255.255.255.0 up
arping -c 3 -w 20 -I moltap0 10.0.2.15 >arping.out 2>&1
wait $pid
rc=$?
sed 's/^/# /' arping.out
t_eq "enet32 exits 0" 0 "$rc"
t_passes "enet32 guest checks all pass" 9 enet.out
t_count "the guest saw the host's 3 ARP requests (frames from the tap)" 3 enet.out \
	"enet32: arp request from 10.0.2.1"
t_check "arping on the host got the guest's 3 replies (frames onto the tap)" \
	grep -q "Received 3 response" arping.out
t_check "the replies carry the guest's MAC 02:4d:4f:4c:00:01" \
	grep -qi "reply from 10.0.2.15 \[02:4d:4f:4c:00:01\]" arping.out
# enet32 posts every buffer split (kEnet2SplitBufferFlag): 24 bytes in the
# receive slot, the rest (the ARP target address included) in the overflow
# ring; its replies are 14 + 46 bytes over the two TX rings.
t_has "the guest received frames split over the RX and RX overflow rings" enet.out \
	"enet32: frames"
t_check "... at least the 3 ARP requests arrived split" \
	sh -c "grep -q 'split frames [3-9]' enet.out || grep -q 'split frames [1-9][0-9]' enet.out"
[ "$rc" = 0 ] || { show enet.out; show enet.err; }
run enetbad -M powermac -m 64 -kernel $G/enet32.elf -netdev socket
t_eq "-netdev socket (not a type molvm has): exit 1" 1 "$rc"

# --- a guest that calls every selector with garbage ---------------------------------
run hostile -M powermac -m 64 -kernel $G/hostile32.elf --timeout 300
t_eq "hostile32: molvm keeps running, the guest powers off (exit 0)" 0 "$rc"
# LOG_PUTC/TTY_PUTC got NUL characters: drop them before grep.
tr -d '\000' <hostile.out >hostile.txt
t_has "hostile32 made all its calls" hostile.txt "hostile32: survived 3120 calls"
t_passes "hostile32: molvm still answers correctly afterwards" 4 hostile.txt
t_lacks "hostile32: no failed check" hostile.txt "not ok"
t_count "hostile32: a missing device is reported once" 1 hostile.err \
	"OSI selector 33 (SOUND_WRITE) is not available"
t_count "hostile32: an unused selector is reported once" 1 hostile.err \
	"OSI selector 2 is not implemented"
t_count "hostile32: out-of-range selectors are reported once" 1 hostile.err "is out of range"
t_count "hostile32: guest debugger breaks are reported, at most 8" 8 hostile.err "guest debugger break"
[ "$rc" = 0 ] || { show hostile.txt; show hostile.err; }

# hello32 still passes on powermac with the OSI devices present.
run h32 -M powermac -m 64 -kernel $G/hello32.elf --timeout 60
t_eq "hello32 on powermac exits 0" 0 "$rc"
t_lacks "hello32 no failed check" h32.out "not ok"

t_done
