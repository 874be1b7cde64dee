#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# debsrc.sh PACKAGE... - unpack Debian 12 source packages (with Debian's
# patches applied) under the cache and print each tree's path, one a line,
# in the order asked:
#
#   ${MOLVM_CACHE:-$HOME/.cache/molvm}/debsrc/PACKAGE-VERSION
#
# The machine's own apt configuration is left alone: a private one under
# the cache lists only "deb-src" for bookworm (and bookworm-security, whose
# fixes the binary packages carry too), signed by Debian's archive keyring,
# with its own lists and archives.  `apt-get source` checks the tarballs'
# hashes against the signed index; `dpkg-source -x` applies the patches.
# An unpacked tree is reused (no network) until its version changes.
#
# The index is refreshed at most once a day; when that fails (no network)
# and an older index exists, it is used as it is.  The newest version is
# taken; if the mirror does not serve its files (seen: a security upload
# listed in the index, its .dsc a 404), the next older one, and that
# version is not asked for again until the index is refreshed.
set -eu

cache=${MOLVM_CACHE:-$HOME/.cache/molvm}
apt=$cache/apt-src
mirror=${MOLVM_DEBIAN_MIRROR:-http://deb.debian.org}
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ $# -ge 1 ] || { echo "usage: $0 PACKAGE..." >&2; exit 2; }
[ -f "$keyring" ] || { echo "debsrc: $keyring missing (debian-archive-keyring)" >&2; exit 1; }
command -v dpkg-source >/dev/null || { echo "debsrc: dpkg-source missing (dpkg-dev)" >&2; exit 1; }

mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/sources.list.d" "$cache/debsrc"
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
# several worktrees) share them.  The apt configuration is written under
# it too (two builds writing sources.list.new at once lost one's file).
exec 9>"$cache/debsrc/.lock"
flock 9
cat >"$apt/sources.list.new" <<LIST
deb-src [signed-by=$keyring] $mirror/debian bookworm main
deb-src [signed-by=$keyring] $mirror/debian-security bookworm-security main
LIST
cmp -s "$apt/sources.list.new" "$apt/sources.list" 2>/dev/null ||
	{ mv "$apt/sources.list.new" "$apt/sources.list"; rm -f "$apt/lists/"*Sources*; }
rm -f "$apt/sources.list.new"

have_index() { [ -n "$(find "$apt/lists" -maxdepth 1 -name '*Sources*' 2>/dev/null | head -n 1)" ]; }
if [ -z "$(find "$apt/lists" -maxdepth 1 -name '*Sources*' -mtime -1 2>/dev/null | head -n 1)" ]; then
	n=0
	until aptc update >"$apt/update.log" 2>&1; do
		n=$((n + 1))
		if [ $n -ge 3 ]; then
			have_index || { echo "debsrc: apt-get update failed (see $apt/update.log)" >&2; exit 1; }
			echo "debsrc: warning: apt-get update failed; using the index as it was" >&2
			break
		fi
		sleep $((n * 10))
	done
	have_index && [ $n -lt 3 ] && : >"$apt/unavailable"
fi
touch "$apt/unavailable"

# "PACKAGE VERSION" for every version the index has of each package asked.
index=$(opts apt-cache showsrc --only-source "$@" 2>/dev/null |
	awk '/^Package: /{p=$2} /^Version: /{print p, $2}')

for p in "$@"; do
	dir=""
	for v in $(echo "$index" | awk -v p="$p" '$1 == p {print $2}' | sort -rV); do
		uv=${v#*:}			# no epoch in file names
		d=$cache/debsrc/$p-$uv
		if [ -f "$d/.stamp" ]; then
			dir=$d
			break
		fi
		grep -qxF "$p $v" "$apt/unavailable" && continue
		tmp=$(mktemp -d "$cache/debsrc/.tmp.XXXXXX")
		if ( cd "$tmp" && aptc source --download-only "$p=$v" >"$tmp/log" 2>&1 &&
			dpkg-source -x --no-check ./*.dsc tree >/dev/null ); then
			rm -rf "$d"
			mv "$tmp/tree" "$d"
			rm -rf "$tmp"
			echo "$p $v" >"$d/.stamp"
			dir=$d
			break
		fi
		echo "debsrc: $p $v is listed but not served; trying an older version" >&2
		echo "$p $v" >>"$apt/unavailable"
		rm -rf "$tmp"
	done
	[ -n "$dir" ] || { echo "debsrc: cannot fetch source package '$p'" >&2; exit 1; }
	echo "$dir"
done
