#!/bin/sh
# Unpacks a clean Debian 12 (bookworm) root into DEST for the package test: debootstrap's minbase
# plus what every real Debian host has and the test uses there: systemd (systemd-analyze and the
# targets our units name), man-db (to read the installed page) and procps (/bin/kill, which the
# service's ExecReload runs). debootstrap builds that root once (a minute or two, from the
# mirror); a tarball of it is kept in the user's cache dir, so later runs only unpack it
# (seconds). Needs root (debootstrap, chroot, device nodes).
#
#   debian12-root.sh DEST
#   VIRTXEND_DEBIAN_MIRROR   mirror to bootstrap from (default http://deb.debian.org/debian)
#   VIRTXEND_DEBOOTSTRAP_CACHE  where the tarball is kept (default ~/.cache/virtxend-debootstrap)
set -eu

dest=$1
mirror=${VIRTXEND_DEBIAN_MIRROR:-http://deb.debian.org/debian}
cache_dir=${VIRTXEND_DEBOOTSTRAP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/virtxend-debootstrap}
packages=systemd,man-db,procps
tarball=$cache_dir/bookworm-minbase-$(echo "$packages" | tr , +)-amd64.tar.gz

# Unmounts whatever a failed debootstrap left mounted below $1, then deletes $1 without ever
# crossing into another file system (a leftover /proc or /sys mount must not be emptied).
remove_tree() {
    awk -v p="$1/" 'index($2, p) == 1 { print $2 }' /proc/self/mounts | sort -r | while read -r m; do
        umount -l "$m"
    done
    rm -rf --one-file-system "$1"
}

if [ ! -s "$tarball" ]; then
    command -v debootstrap >/dev/null || { echo "debian12-root.sh: debootstrap is not installed" >&2; exit 1; }
    mkdir -p "$cache_dir"
    work=$(mktemp -d "$cache_dir/build.XXXXXX")
    trap 'remove_tree "$work"' EXIT
    if ! debootstrap --variant=minbase --include="$packages" --arch=amd64 bookworm "$work/root" "$mirror" >"$work/log" 2>&1; then
        echo "debian12-root.sh: debootstrap could not make a Debian 12 root from $mirror" \
             "(is the mirror reachable? set VIRTXEND_DEBIAN_MIRROR to use another):" >&2
        tail -n 15 "$work/log" >&2
        [ -f "$work/root/debootstrap/debootstrap.log" ] && tail -n 15 "$work/root/debootstrap/debootstrap.log" >&2
        exit 1
    fi
    # apt's downloaded .debs are of no use to the tests; leaving them out halves the tarball
    rm -f "$work"/root/var/cache/apt/archives/*.deb
    tar -C "$work/root" --numeric-owner -czf "$work/root.tar.gz" .
    mv "$work/root.tar.gz" "$tarball"   # atomic: a concurrent run sees no tarball or a whole one
fi

mkdir -p "$dest"
tar -C "$dest" --numeric-owner -xzf "$tarball"
