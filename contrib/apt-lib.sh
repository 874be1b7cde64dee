# SPDX-License-Identifier: GPL-2.0
#
# apt-lib.sh - sourced by the contrib/fetch-*.sh scripts: apt-get update and
# apt-get download that survive a mirror caught mid-sync.
#
# A mirror between syncs fails one index now and then ("File has unexpected
# size") or no longer has the .deb a stale list points at (404).  Both are
# retried: update up to three times, and a failed download once more after
# a fresh update.  Callers set APT_LIB_NAME (the prefix of messages) and
# SUDO ("" as root, "sudo" otherwise).

apt_msg() { echo "${APT_LIB_NAME:-apt-lib}: $*" >&2; }

# apt_update: refresh the package lists; carries on (with a warning) when
# the mirror keeps failing, since the lists that did arrive are usually
# enough and a download failing afterwards says so clearly.
apt_update() {
	_n=0
	until ${SUDO:-} apt-get update -qq; do
		_n=$((_n + 1))
		if [ $_n -ge 3 ]; then
			apt_msg "warning: apt-get update keeps failing; trying the downloads anyway"
			return 0
		fi
		sleep $((_n * 10))
	done
}

# apt_download DIR PKG...: download the packages (name[:arch][=version])
# into DIR in one apt-get run, as root into a private directory (the sandbox
# user _apt could not write there and apt would only warn).  If that fails,
# the lists are refreshed and it is tried once more; returns non-zero if it
# still fails.
apt_download() {
	_dir=$1
	shift
	apt_msg "downloading $# package(s): $*"
	if ! (cd "$_dir" && apt-get download -q -o APT::Sandbox::User=root "$@" >/dev/null); then
		apt_msg "download failed; refreshing the package lists and retrying"
		apt_update
		(cd "$_dir" && apt-get download -q -o APT::Sandbox::User=root "$@" >/dev/null) ||
			return 1
	fi
}

# apt_candidate PKG: the version apt would install (empty if unknown).
apt_candidate() {
	apt-cache policy "$1" 2>/dev/null | sed -n 's/^ *Candidate: //p' | grep -v '(none)' || true
}
