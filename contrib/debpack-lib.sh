# SPDX-License-Identifier: GPL-2.0
#
# debpack-lib.sh - sourced by the contrib/fetch-*.sh scripts that carry
# Debian ppc64el programs into the test host (fetch-qemu.sh: QEMU for
# make bench; fetch-xdisplay.sh: Xvfb, xdotool and SDL for the SDL window
# scenario): download a package set with apt-get download (nothing is
# installed), unpack it with dpkg-deb, keep the programs, their DT_NEEDED
# closure (read with readelf) and the dynamic loader, and pack what was kept
# as a newc archive to append to the test host's initramfs (the kernel
# unpacks concatenated archives).
#
# The caller sets APT_LIB_NAME and SUDO (see apt-lib.sh), then:
#   debpack_version PKG        the version apt would fetch of PKG:ppc64el
#                              (the architecture added and the lists
#                              refreshed first if apt does not know it)
#   debpack_start              a scratch directory: $DP_X is the unpacked
#                              tree, $DP_ROOT what is kept
#   debpack_depends PKG...     prints the ppc64el packages of the Depends
#                              closure of PKG (no Recommends), one a line
#   debpack_fetch PKG...       downloads and unpacks them into $DP_X
#   debpack_needed PATH        keeps PATH (relative to the tree) and,
#                              recursively, the libraries it needs
#   debpack_loader PATH        keeps PATH's program interpreter
#   debpack_keep PATH          keeps PATH (a file, symlink or directory)
#   debpack_pack OUT [gzip]    writes the kept tree to OUT (newc, sorted
#                              names, root-owned; gzip'd if asked)
#   debpack_list FILE          the fetched packages' "name version" lines
# The scratch directory goes away when the script exits.

DP_ARCH=ppc64el
DP_TRIPLET=powerpc64le-linux-gnu
DP_READELF=$DP_TRIPLET-readelf

debpack_version() {
	_v=$(apt_candidate "$1:$DP_ARCH")
	if [ -z "$_v" ]; then
		dpkg --print-foreign-architectures | grep -qx "$DP_ARCH" ||
			${SUDO:-} dpkg --add-architecture "$DP_ARCH"
		apt_update
		_v=$(apt_candidate "$1:$DP_ARCH")
	fi
	[ -n "$_v" ] || { apt_msg "error: apt knows no $1:$DP_ARCH"; exit 1; }
	echo "$_v"
}

debpack_start() {
	command -v "$DP_READELF" >/dev/null || {
		apt_msg "error: $DP_READELF missing (contrib/setup.sh)"
		exit 1
	}
	DP_TMP=$(mktemp -d "${TMPDIR:-/tmp}/molvm-debpack.XXXXXX")
	# shellcheck disable=SC2064
	trap "rm -rf '$DP_TMP'" EXIT INT TERM
	DP_X=$DP_TMP/x
	DP_ROOT=$DP_TMP/root
	mkdir "$DP_TMP/debs" "$DP_X" "$DP_ROOT"
	: >"$DP_TMP/seen"
}

debpack_depends() {
	apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
		--no-breaks --no-replaces --no-enhances "$@" 2>/dev/null |
		sed -n "s/^\([a-z0-9][^ <>]*:$DP_ARCH\)\$/\1/p" | sort -u
}

debpack_fetch() {
	apt_download "$DP_TMP/debs" "$@" || { apt_msg "error: the download failed"; exit 1; }
	for deb in "$DP_TMP"/debs/*.deb; do
		dpkg-deb -x "$deb" "$DP_X"
	done
}

# A library by soname, in the places the loader looks: the needing
# object's RUNPATH (e.g. libpulse's usr/lib/TRIPLET/pulseaudio), then the
# system directories.
debpack_find_lib() {	# SONAME RUNPATH
	for d in $(echo "$2" | tr ':' ' ') lib/$DP_TRIPLET usr/lib/$DP_TRIPLET lib64 usr/lib; do
		d=${d#/}
		[ -e "$DP_X/$d/$1" ] && { echo "$d/$1"; return 0; }
	done
	return 1
}

debpack_keep() {	# PATH: copy it (and, for a symlink, its target) into root
	[ -e "$DP_X/$1" ] || [ -L "$DP_X/$1" ] || {
		apt_msg "error: $1 is not in the packages"
		exit 1
	}
	mkdir -p "$DP_ROOT/$(dirname "$1")"
	cp -a "$DP_X/$1" "$DP_ROOT/$1"
	if [ -L "$DP_X/$1" ]; then
		_t=$(readlink "$DP_X/$1")
		case $_t in
		/*) debpack_keep "${_t#/}" ;;
		*) debpack_keep "$(dirname "$1")/$_t" ;;
		esac
	fi
}

debpack_needed() {
	grep -qx "$1" "$DP_TMP/seen" && return 0
	echo "$1" >>"$DP_TMP/seen"
	debpack_keep "$1"
	_rp=$($DP_READELF -d "$DP_X/$1" | sed -n 's/.*(R[UN]*PATH).*\[\(.*\)\]/\1/p' |
		sed "s|\\\$ORIGIN|$(dirname "$1")|g")
	for _lib in $($DP_READELF -d "$DP_X/$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
		_p=$(debpack_find_lib "$_lib" "$_rp") || {
			apt_msg "error: $_lib (needed by $1) not in the packages"
			exit 1
		}
		debpack_needed "$_p"
	done
}

debpack_loader() {
	_i=$($DP_READELF -l "$DP_X/$1" | sed -n 's/.*interpreter: \(.*\)]/\1/p')
	[ -n "$_i" ] || { apt_msg "error: no program interpreter in $1"; exit 1; }
	debpack_keep "${_i#/}"	# a symlink into lib/; it needs nothing
}

debpack_pack() {
	mkdir -p "$(dirname "$1")"
	(cd "$DP_ROOT" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) |
		if [ "${2:-}" = gzip ]; then gzip -6n; else cat; fi >"$1.tmp"
	mv "$1.tmp" "$1"
	apt_msg "$(find "$DP_ROOT" -type f | wc -l) files, $(($(wc -c <"$1") >> 20)) MiB: $1"
}

debpack_list() {
	for deb in "$DP_TMP"/debs/*.deb; do
		dpkg-deb -f "$deb" Package Version | paste -sd' '
	done >"$1"
}
