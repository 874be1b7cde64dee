#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# fetch-xdisplay.sh - a virtual X display for the test host and SDL2 to
# build molvm's window against, both Debian 12's ppc64el packages, for the
# scenario that types into molvm's SDL window on the real KVM
# (tests/system/scenarios/17-sdl-storm.sh):
#
#   ${MOLVM_CACHE:-$HOME/.cache/molvm}/xdisplay-ppc64el-<key>/
#     xdisplay.cpio  newc archive to append to the test host's initramfs:
#                    Xvfb, xdotool, xkbcomp (Xvfb runs it for its keymap)
#                    and xkb-data, Xlib's C locale, libSDL2 and the X libraries it loads,
#                    their DT_NEEDED closure and the dynamic loader.  Not
#                    compressed: the test host reads it faster than it
#                    inflates it (contrib/testhost/mkinitramfs.sh).
#     sysroot/       the same tree plus SDL2's and Xlib's headers and link
#                    names, to link molvm with SDL (make cross-sdl) and
#                    the window helper (tests/ui/xwin.c) against
#
# Nothing is installed (contrib/debpack-lib.sh).  Cached by the packages'
# versions and this script; prints the directory last.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
cache=${MOLVM_CACHE:-$HOME/.cache/molvm}

# shellcheck disable=SC2034 # both read by apt-lib.sh
APT_LIB_NAME=fetch-xdisplay SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
. "$here/apt-lib.sh"
. "$here/debpack-lib.sh"
arch=$DP_ARCH
t=$DP_TRIPLET

# What runs: their Depends closure is fetched, less what none of the kept
# programs loads (Mesa's GL drivers and LLVM, which Xvfb's GLX would only
# dlopen, are most of the closure's size); a wrong guess fails below
# ("not in the packages").
roots="xvfb xdotool libsdl2-2.0-0 x11-xkb-utils"
skip="libllvm15 libgl1-mesa-dri libz3-4 libicu72 libxml2 libglx-mesa0 libdrm-amdgpu1
libdrm-nouveau2 libdrm-radeon1 libsensors5 libelf1 libedit2 libstdc++6 sysvinit-utils libtinfo6"
# Architecture-independent data, and the build-only packages (headers,
# link names).
data="xkb-data libx11-data x11proto-dev"
dev="libsdl2-dev libx11-dev"
# SDL's X11 back end, whether linked or dlopened (SDL_x11dyn.h).
xlibs="libX11.so.6 libXext.so.6 libXcursor.so.1 libXi.so.6 libXfixes.so.3 libXrandr.so.2
libXss.so.1"

vers=""
for p in $roots; do
	v=$(debpack_version "$p")
	vers="$vers $p=$v"
done
key=$({ echo "$vers"; cat "$0" "$here/debpack-lib.sh"; } | sha256sum | cut -c1-16)
dir=$cache/xdisplay-ppc64el-$key
if [ -f "$dir/.stamp" ]; then
	echo "$dir"
	exit 0
fi

debpack_start
pkgs=""
skip=$(echo "$skip" | tr '\n' ' ')
# shellcheck disable=SC2046
for p in $(debpack_depends $(for r in $roots; do echo "$r:$arch"; done)); do
	case " $skip " in
	*" ${p%:"$arch"} "*) ;;
	*) pkgs="$pkgs $p" ;;
	esac
done
for p in $dev; do
	pkgs="$pkgs $p:$arch"
done
apt_msg "$vers: $(echo "$pkgs $data" | wc -w) packages"
# shellcheck disable=SC2086
debpack_fetch $pkgs $data

for b in usr/bin/Xvfb usr/bin/xdotool usr/bin/xkbcomp; do
	debpack_needed $b
done
debpack_loader usr/bin/Xvfb
for l in libSDL2-2.0.so.0 $xlibs; do
	debpack_needed "usr/lib/$t/$l"
done
debpack_keep usr/share/X11/xkb
# Xlib's C locale: without it XmbTextPropertyToTextList fails and xdotool
# finds no window by name.
for f in locale.alias locale.dir compose.dir C; do
	debpack_keep "usr/share/X11/locale/$f"
done
mkdir -p "$dir"
rm -rf "$dir/sysroot"
debpack_pack "$dir/xdisplay.cpio"

# The build tree: the kept tree and the headers and link names.
for f in usr/include/SDL2 "usr/include/$t/SDL2" usr/include/X11 "usr/lib/$t/libSDL2.so" "usr/lib/$t/libX11.so"; do
	debpack_keep "$f"
done
cp -a "$DP_ROOT" "$dir/sysroot"
debpack_list "$dir/.packages"
touch "$dir/.stamp"
echo "$dir"
