#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# debsrc.sh PACKAGE... - unpack Debian 12 source packages (with Debian's
# patches applied) under the cache and print each tree's path, one a line:
#
#   ${MOLVM_CACHE:-$HOME/.cache/molvm}/debsrc/PACKAGE-VERSION
#
# The machine's own apt configuration is left alone: a private one under
# the cache lists only "deb-src" for bookworm (and bookworm-security, whose
# fixes the binary packages carry too), signed by Debian's archive keyring,
# with its own lists and archives.  `apt-get source` checks the tarballs'
# hashes against the signed index; `dpkg-source -x` applies the patches.
# An unpacked tree is reused (no network) until its version changes.
set -eu

cache=${MOLVM_CACHE:-$HOME/.cache/molvm}
apt=$cache/apt-src
mirror=${MOLVM_DEBIAN_MIRROR:-http://deb.debian.org}
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ $# -ge 1 ] || { echo "usage: $0 PACKAGE..." >&2; exit 2; }
[ -f "$keyring" ] || { echo "debsrc: $keyring missing (debian-archive-keyring)" >&2; exit 1; }
command -v dpkg-source >/dev/null || { echo "debsrc: dpkg-source missing (dpkg-dev)" >&2; exit 1; }

mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/sources.list.d" "$cache/debsrc"
cat >"$apt/sources.list" <<LIST
deb-src [signed-by=$keyring] $mirror/debian bookworm main
deb-src [signed-by=$keyring] $mirror/debian-security bookworm-security main
LIST
opts() {
	tool=$1
	shift
	"$tool" -q -o Dir::Etc::SourceList="$apt/sources.list" \
		-o Dir::Etc::SourceParts="$apt/sources.list.d" \
		-o Dir::State::Lists="$apt/lists" -o Dir::Cache="$apt/cache" \
		-o APT::Sandbox::User=root "$@"
}
aptc() { opts apt-get "$@"; }

# One lock for the whole cache's source trees: parallel builds (CI steps,
# several worktrees) share them.
exec 9>"$cache/debsrc/.lock"
flock 9

# The index is refreshed at most once a day.
if [ -z "$(find "$apt/lists" -maxdepth 1 -name '*Sources*' -mtime -1 2>/dev/null | head -n 1)" ]; then
	n=0
	until aptc update >"$apt/update.log" 2>&1; do
		n=$((n + 1))
		if [ $n -ge 3 ]; then
			# Older lists still name what the cache holds.
			ls "$apt/lists/"*Sources* >/dev/null 2>&1 ||
				{ echo "debsrc: apt-get update failed (see $apt/update.log)" >&2; exit 1; }
			echo "debsrc: warning: apt-get update failed; using the lists from before" >&2
			break
		fi
		sleep $((n * 10))
	done
fi

for p in "$@"; do
	v=$(opts apt-cache showsrc --only-source "$p" 2>/dev/null | sed -n 's/^Version: //p' | sort -V | tail -n 1)
	[ -n "$v" ] || { echo "debsrc: no source package '$p'" >&2; exit 1; }
	uv=${v#*:}			# no epoch in file names
	dir=$cache/debsrc/$p-$uv
	if [ ! -f "$dir/.stamp" ]; then
		tmp=$(mktemp -d "$cache/debsrc/.tmp.XXXXXX")
		( cd "$tmp" && aptc source --download-only "$p=$v" >/dev/null &&
			dpkg-source -x --no-check ./*.dsc tree >/dev/null ) ||
			{ rm -rf "$tmp"; echo "debsrc: cannot fetch or unpack $p $v" >&2; exit 1; }
		rm -rf "$dir"
		mv "$tmp/tree" "$dir"
		rm -rf "$tmp"
		echo "$p $v" >"$dir/.stamp"
	fi
	echo "$dir"
done
