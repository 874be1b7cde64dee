#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-kernel.sh [TARGET] - build (once) one of the project's Linux 6.1
# kernels and print the path of its vmlinux as the last stdout line.
#
#   K=$(contrib/testhost/build-kernel.sh | tail -1)          # ppc64le
#   K=$(contrib/testhost/build-kernel.sh ppc32 | tail -1)
#
# TARGET        config                          serves as
#   ppc64le     allnoconfig + kernel.config     the POWER8 KVM PR test host
#   (default)                                   (powernv8-le) and the LE
#                                               pseries Linux guest
#   ppc64       allnoconfig + kernel-ppc64.config
#                                               big-endian: the BE POWER8 host
#                                               (powernv8-be), the G5 host
#                                               (PowerMac, 970) and the BE
#                                               pseries guest (POWER8 or 970)
#   ppc32       pmac32_defconfig + kernel-ppc32.config
#                                               the G4 host (KVM_BOOK3S_32) and
#                                               the stock 32-bit PowerMac
#                                               Linux guest (-M powermac)
#
# Every target gets the patches in patches/, in name order.
#
# The result is cached at $MOLVM_CACHE/kernel-TARGET-<hash>/vmlinux, where
# <hash> covers the target, its config fragment, the linux-source package
# version, this script and the code part of each patch (not its commit
# message), so changing any of them gives a fresh build and a cache hit
# costs only a hash (well under a second).  Progress goes to stderr so that
# stdout carries nothing but the path.
#
# Environment:
#   MOLVM_CACHE        cache root (default: $HOME/.cache/molvm)
#   MOLVM_KEEP_KBUILD  if 1, keep the object tree after a successful build
#   MOLVM_JOBS         make -j value (default: nproc + 1)

set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
self="$here/$(basename "$0")"
target=${1:-ppc64le}
# Fixes applied to the source, in name order (each says why in its header).
patches=$(ls "$here"/patches/*.patch 2>/dev/null | LC_ALL=C sort || true)
cache=${MOLVM_CACHE:-$HOME/.cache/molvm}
srcpkg=linux-source-6.1
tarball=/usr/src/$srcpkg.tar.xz
arch=powerpc

# Per target: cross compiler, the config the fragment is applied on top of,
# the fragment, and the options the kernel cannot serve without: if
# olddefconfig drops one of these (a missing dependency, a renamed symbol)
# we stop instead of producing a kernel without /dev/kvm or without a
# console.  Every other option of the fragment only warns when it does not
# survive.
case $target in
ppc64le)
	cross=powerpc64le-linux-gnu- base=allnoconfig frag="$here/kernel.config"
	required="PPC64 PPC_BOOK3S_64 CPU_LITTLE_ENDIAN PPC_POWERNV PPC_64S_HASH_MMU
	PPC_RADIX_MMU SMP VIRTUALIZATION KVM_BOOK3S_64 KVM_BOOK3S_64_PR KVM_XICS
	BLK_DEV_INITRD RD_GZIP DEVTMPFS TTY HVC_OPAL BINFMT_ELF BINFMT_SCRIPT
	PROC_FS SYSFS TMPFS SHMEM FUTEX EPOLL EVENTFD TIMERFD SIGNALFD UNIX
	ALTIVEC VSX MODULES PPC_PSERIES HVC_CONSOLE KVM_GUEST PPC_OF_BOOT_TRAMPOLINE" ;;
ppc64)
	cross=powerpc64-linux-gnu- base=allnoconfig frag="$here/kernel-ppc64.config"
	required="PPC64 PPC_BOOK3S_64 CPU_BIG_ENDIAN POWERPC64_CPU PPC_POWERNV
	PPC_PMAC PPC_PMAC64 PPC_PSERIES PPC_64S_HASH_MMU PPC_RADIX_MMU
	PPC_OF_BOOT_TRAMPOLINE VIRTUALIZATION KVM_BOOK3S_64 KVM_BOOK3S_64_PR
	KVM_XICS KVM_GUEST BLK_DEV_INITRD RD_GZIP DEVTMPFS TTY HVC_OPAL
	HVC_CONSOLE SERIAL_PMACZILOG SERIAL_PMACZILOG_TTYS
	SERIAL_PMACZILOG_CONSOLE BINFMT_ELF BINFMT_SCRIPT PROC_FS SYSFS TMPFS
	SHMEM FUTEX EPOLL EVENTFD TIMERFD SIGNALFD UNIX TUN MODULES VIRTIO_PCI
	VIRTIO_BLK" ;;
ppc32)
	cross=powerpc-linux-gnu- base=pmac32_defconfig frag="$here/kernel-ppc32.config"
	required="PPC_BOOK3S_32 PPC_PMAC SMP VIRTUALIZATION KVM_BOOK3S_32
	BLK_DEV_INITRD RD_GZIP DEVTMPFS SERIAL_PMACZILOG SERIAL_PMACZILOG_TTYS
	SERIAL_PMACZILOG_CONSOLE TUN VIRTIO_PCI VIRTIO_BLK XMON" ;;
*)
	echo "usage: $0 [ppc64le|ppc64|ppc32]" >&2
	exit 2 ;;
esac

msg() { printf 'build-kernel %s: %s\n' "$target" "$*" >&2; }
die() { msg "error: $*"; exit 1; }

now_ms() { date +%s%3N; }
# Format a millisecond interval as seconds with one decimal.
secs() { local ms=$1; printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100)); }

t0=$(now_ms)

[ -r "$frag" ] || die "config fragment $frag not found"

# The package version rather than the tarball's mtime, so that the hash is
# stable across machines that installed the same package.
srcver=$(dpkg-query -W -f='${Version}' "$srcpkg" 2>/dev/null || true)
[ -n "$srcver" ] && [ -r "$tarball" ] ||
	die "$srcpkg is not installed ($tarball missing); run contrib/setup.sh"

# A patch's code starts at its first "--- " line; its commit message can be
# reworded without rebuilding anything.
patch_code() { sed -n '/^--- /,$p' "$@"; }
hash=$( { printf '%s\n' "$target $base" "$srcpkg $srcver"; cat "$frag" "$self";
	  for p in $patches; do patch_code "$p"; done; } | sha256sum | cut -c1-16)
out="$cache/kernel-$target-$hash"
vmlinux="$out/vmlinux"

hit() {
	msg "cached kernel $vmlinux ($(secs $(($(now_ms) - t0))) s)"
	printf '%s\n' "$vmlinux"
	exit 0
}

[ -s "$vmlinux" ] && hit

command -v "${cross}gcc" >/dev/null ||
	die "${cross}gcc not found; run contrib/setup.sh"

mkdir -p "$out"
# Two test runs started at once (make -j on the test suite) must not build
# the same tree concurrently: the second waits and then takes the cache hit.
exec 9>"$out/lock"
if ! flock -n 9; then
	msg "another build of kernel-$target-$hash is running; waiting for it"
	flock 9
fi
[ -s "$vmlinux" ] && hit

# --- Unpack the source once per package version ---------------------------
# A patched tree gets its own directory, keyed by the patches' hash.
src="$cache/src/$srcpkg-$srcver"
if [ -n "$patches" ]; then
	src="$src-p$(patch_code $patches | sha256sum | cut -c1-12)"
fi
# The three targets build side by side (make kernels) from one tree: the
# first unpacks it, the others wait for it here.
mkdir -p "$cache/src"
exec 8>"$src.lock"
flock 8
if [ ! -f "$src/.unpacked" ]; then
	msg "unpacking $tarball into $src"
	rm -rf "$src" "$src.tmp"
	mkdir -p "$src.tmp"
	tar -C "$src.tmp" -xJf "$tarball"
	for p in $patches; do
		msg "applying $(basename "$p")"
		patch -s -d "$src.tmp/$srcpkg" -p1 <"$p" || die "patch $p does not apply"
	done
	mv "$src.tmp/$srcpkg" "$src"
	rmdir "$src.tmp"
	# The stamp is written last so an interrupted unpack is redone.
	touch "$src/.unpacked"
fi
flock -u 8

# --- Configure --------------------------------------------------------------
# Out-of-tree (O=) so the unpacked source stays pristine and can be shared
# by builds with different fragments.
build="$out/build"
log="$out/build.log"
mkdir -p "$build"
: >"$log"
kmake() {
	make -C "$src" O="$build" ARCH=$arch CROSS_COMPILE=$cross "$@"
}

msg "configuring $target ($base + $(basename "$frag"))"
# KCONFIG_ALLCONFIG makes allnoconfig start from the fragment's values and
# resolve dependencies around them; this is what merge_config.sh -n does.
# A defconfig base is the same with alldefconfig and the defconfig's lines
# first (a later line for the same symbol wins).
allconfig="$out/allconfig"
case $base in
allnoconfig) cat "$frag" >"$allconfig"; kconf=allnoconfig ;;
*) cat "$src/arch/$arch/configs/$base" "$frag" >"$allconfig"; kconf=alldefconfig ;;
esac
if ! { kmake KCONFIG_ALLCONFIG="$allconfig" $kconf &&
	kmake olddefconfig; } >>"$log" 2>&1; then
	tail -n 30 "$log" >&2
	die "configuration failed; full log: $log"
fi

# Verify every option of the fragment against the resulting .config.
bad_required=0
while IFS= read -r line; do
	case $line in
	CONFIG_*=*)
		opt=${line%%=*}; opt=${opt#CONFIG_}; want=${line#*=} ;;
	"# CONFIG_"*" is not set")
		opt=${line#\# CONFIG_}; opt=${opt%% *}; want=n ;;
	*) continue ;;
	esac
	got=$(sed -n "s/^CONFIG_$opt=//p" "$build/.config")
	[ -n "$got" ] || got=n
	[ "$got" = "$want" ] && continue
	case " $(echo $required) " in
	*" $opt "*)
		msg "FATAL: CONFIG_$opt=$got, fragment wants $want"
		bad_required=1 ;;
	*)
		msg "warning: CONFIG_$opt=$got, fragment wants $want (not essential)" ;;
	esac
done <"$frag"
[ $bad_required = 0 ] ||
	die "essential options were dropped by olddefconfig; see $build/.config"
cp "$build/.config" "$out/config"

# --- Build --------------------------------------------------------------------
jobs=${MOLVM_JOBS:-$(($(nproc) + 1))}
msg "building vmlinux with -j$jobs (log: $log)"
kmake -j"$jobs" vmlinux >>"$log" 2>&1 &
mpid=$!
# If we are interrupted (Ctrl-C, a caller's timeout), do not leave a
# detached make eating both cores.
trap 'kill $mpid 2>/dev/null; wait $mpid 2>/dev/null; exit 130' INT TERM HUP

# One short line every ~30 s instead of the whole log: elapsed time and the
# last object kbuild reported.
last_report=$(now_ms)
while kill -0 $mpid 2>/dev/null; do
	sleep 1
	if [ $(($(now_ms) - last_report)) -ge 30000 ]; then
		last_report=$(now_ms)
		# (|| true: no match yet must not trip set -e/pipefail)
		cur=$(grep -E '^ +(CC|AS|LD|AR|GEN|HOSTCC)' "$log" | tail -n 1 |
			sed 's/^ *//; s/  */ /g' || true)
		msg "[$(secs $((last_report - t0))) s] ${cur:-starting}"
	fi
done
rc=0
wait $mpid || rc=$?
trap - INT TERM HUP
if [ $rc != 0 ] || [ ! -s "$build/vmlinux" ]; then
	tail -n 40 "$log" >&2
	die "kernel build failed (make exit $rc); full log: $log"
fi

cp "$build/vmlinux" "$out/vmlinux.tmp"
cp "$build/System.map" "$out/System.map"
mv "$out/vmlinux.tmp" "$vmlinux"
if [ "${MOLVM_KEEP_KBUILD:-0}" != 1 ]; then
	rm -rf "$build"
fi
msg "built $vmlinux in $(secs $(($(now_ms) - t0))) s"
printf '%s\n' "$vmlinux"
