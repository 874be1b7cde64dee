#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# mkguestinitrd.sh OUT.cpio[.gz] GUEST_SCRIPT [FILE | SRC=DEST]...
#
# Build the initramfs of a Linux guest that molvm boots:
#   /bin/busybox   static ppc64el busybox from the private sysroot (-M
#                  pseries), or $MOLVM_BUSYBOX (the ppc32 one for -M powermac)
#   /init          mounts proc, sys, devtmpfs; installs the busybox applets;
#                  runs /guest-script; then powers the guest off (RTAS, Cuda), so
#                  a scenario ends with molvm's exit code 0 unless it hangs
#   /guest-script  GUEST_SCRIPT (#!/bin/sh); its exit status is printed as
#                  "GUEST-EXIT=N" before the power-off
#   /opt/          every FILE, under its basename, or SRC at DEST
# OUT.cpio.gz is gzip'd, OUT.cpio is not: a 32-bit PowerMac guest under KVM
# PR inflates slowly enough to notice (its linux32-* initrds are plain).
# No root needed (cpio -R 0:0).
set -eu

[ $# -ge 2 ] || { echo "usage: $0 OUT.cpio[.gz] GUEST_SCRIPT [FILE | SRC=DEST]..." >&2; exit 2; }
out=$1
script=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
[ -f "$script" ] || { echo "mkguestinitrd: $script not found" >&2; exit 1; }

busybox=${MOLVM_BUSYBOX:-}
if [ -z "$busybox" ]; then
	sysroot=$("$here/../fetch-sysroot.sh" | tail -1)
	busybox=$sysroot/bin/busybox
fi
[ -x "$busybox" ] || { echo "mkguestinitrd: no busybox at $busybox" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/sbin" "$tmp/usr/bin" "$tmp/usr/sbin" "$tmp/proc" \
	"$tmp/sys" "$tmp/dev" "$tmp/tmp" "$tmp/opt" "$tmp/etc" "$tmp/root"
cp "$busybox" "$tmp/bin/busybox"
cp "$script" "$tmp/guest-script"
chmod 755 "$tmp/guest-script"
cat >"$tmp/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t tmpfs tmpfs /tmp
export PATH=/bin:/sbin:/usr/bin:/usr/sbin HOME=/root
/guest-script
echo "GUEST-EXIT=$?"
sync
poweroff -f
INIT
chmod 755 "$tmp/init"

for f in "$@"; do
	case $f in
	*=*) src=${f%%=*} dst=$tmp/${f#*=} ;;
	*) src=$f dst=$tmp/opt/$(basename "$f") ;;
	esac
	[ -e "$src" ] || { echo "mkguestinitrd: $src not found" >&2; exit 1; }
	mkdir -p "$(dirname "$dst")"
	cp -r "$src" "$dst"
done

case $out in
*.gz) compress="gzip -9" ;;
*) compress=cat ;;
esac
(cd "$tmp" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) | $compress >"$out.tmp"
mv "$out.tmp" "$out"
