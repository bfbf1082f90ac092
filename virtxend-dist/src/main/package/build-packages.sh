#!/bin/sh
# Builds, from the layout `package` made in TARGET/virtxend/{bin,lib,conf,man}:
#   TARGET/virtxend-VERSION.tar.gz       the layout as it is (it runs on any Java 25)
#   TARGET/virtxend_DEBVERSION_amd64.deb  Debian 12 package with its own jlink runtime
# Maven runs it at `package`:  build-packages.sh TARGET VERSION JAVA_HOME
#
# The runtime is cached in ~/.cache/virtxend-jlink (key: JDK build + modules + options), since
# jlink is the slow step and its result only changes with the JDK or the module list.
set -eu

target=$1
version=$2
jdk=$3
here=$(cd "$(dirname "$0")" && pwd)
layout=$target/virtxend
[ -x "$layout/bin/virtxend" ] && [ -f "$layout/man/virtxend.8" ] || {
    echo "build-packages.sh: $layout is not a complete layout" >&2
    exit 1
}
# Debian orders 0.1.0~snapshot before the 0.1.0 release
deb_version=$(printf '%s' "$version" | sed 's/-SNAPSHOT$/~snapshot/')

# --- tarball: the layout under virtxend-VERSION/, root-owned, names sorted, no AOT cache (it
# belongs to the build host's JDK)
tarball=$target/virtxend-$version.tar.gz
tar -C "$target" --sort=name --owner=0 --group=0 --numeric-owner --exclude='*.aot' \
    --transform "s,^virtxend,virtxend-$version," --use-compress-program='gzip -n -6' -cf "$tarball.tmp" virtxend
mv "$tarball.tmp" "$tarball"

# --- runtime: the JDK modules the jars use, as jdeps finds them, less two that only Micrometer
# binders we never load need (java.desktop: Log4j2Metrics' java.beans; java.sql: the database
# binders); they are a third of the runtime. The libraries' answer is cached by their checksums,
# so a build usually asks jdeps about our own jars only; C1 and the serial GC start it faster.
cache=${XDG_CACHE_HOME:-$HOME/.cache}/virtxend-jlink
mkdir -p "$cache"
jdk_modules() {
    found=$("$jdk/bin/jdeps" -J-XX:TieredStopAtLevel=1 -J-XX:+UseSerialGC --multi-release 25 \
        --ignore-missing-deps --list-deps -q "$@") || { echo "build-packages.sh: jdeps failed" >&2; return 1; }
    # module names only, not the "JDK removed internal API" notes
    printf '%s\n' "$found" | sed -n 's/^ *\(\(java\|jdk\)\.[a-z.]*\)$/\1/p'
}
ours=$(find "$layout/lib" -name 'virtxend-*.jar' | sort)
theirs=$(find "$layout/lib" -name '*.jar' ! -name 'virtxend-*.jar' | sort)
# shellcheck disable=SC2086
their_key=$({ "$jdk/bin/java" -version 2>&1; md5sum $theirs | cut -c1-32; } | sha256sum | cut -c1-16)
their_modules=$cache/jdeps-$their_key
if [ ! -f "$their_modules" ]; then
    # shellcheck disable=SC2086
    jdk_modules $theirs >"$their_modules.$$"
    mv "$their_modules.$$" "$their_modules"
fi
# shellcheck disable=SC2086
our_modules=$(jdk_modules $ours)
modules=$(printf '%s\n' "$our_modules" | cat - "$their_modules" | grep -vx 'java.desktop\|java.sql' | sort -u | paste -sd, -)
case ",$modules," in
    *,java.base,*) ;;
    *) echo "build-packages.sh: jdeps found no JDK modules ($modules)" >&2; exit 1 ;;
esac
jlink_opts="--strip-debug --no-header-files --no-man-pages --generate-cds-archive"
key=$({ cat "$jdk/release"; "$jdk/bin/java" -version 2>&1; echo "$modules $jlink_opts"; } | sha256sum | cut -c1-16)
runtime=$cache/runtime-$key
if [ ! -x "$runtime/bin/java" ]; then
    tmp=$(mktemp -d "$cache/tmp.XXXXXX")
    # shellcheck disable=SC2086
    "$jdk/bin/jlink" --add-modules "$modules" $jlink_opts --output "$tmp/runtime"
    # the archive for uncompressed oops only serves heaps over 32 GB; ours is far smaller
    rm -f "$tmp/runtime/lib/server/classes_nocoops.jsa"
    mv -T "$tmp/runtime" "$runtime" 2>/dev/null || true   # a concurrent build may have won
    rm -rf "$tmp"
fi
[ -x "$runtime/bin/java" ] || { echo "build-packages.sh: jlink made no runtime in $runtime" >&2; exit 1; }

# --- .deb
stage=$target/deb
rm -rf "$stage"
root=$stage/root
lib=$root/usr/lib/virtxend
mkdir -p "$lib/bin" "$lib/lib" "$root/usr/sbin" "$root/etc/libvirt" "$root/etc/logrotate.d" \
    "$root/lib/systemd/system" "$root/usr/share/man/man8" "$root/usr/share/doc/virtxend" "$root/DEBIAN"
cp "$layout"/bin/virtxend "$layout"/bin/virtxend-aot-train "$lib/bin/"
cp "$layout"/lib/*.jar "$lib/lib/"
cp -a "$runtime" "$lib/runtime"
# a symlink, so that the launcher finds /usr/lib/virtxend and argv[0] stays /usr/sbin/virtxend
ln -s ../lib/virtxend/bin/virtxend "$root/usr/sbin/virtxend"
cp "$layout"/conf/virtxend.conf "$layout"/conf/libxl.conf "$root/etc/libvirt/"
cp "$layout"/conf/logrotate/virtxend "$root/etc/logrotate.d/virtxend"
cp "$layout"/conf/systemd/*.service "$layout"/conf/systemd/*.socket "$root/lib/systemd/system/"
gzip -9n <"$layout/man/virtxend.8" >"$root/usr/share/man/man8/virtxend.8.gz"
cat >"$root/usr/share/doc/virtxend/README.Debian" <<'TEXT'
virtxend for Debian

The daemon is /usr/sbin/virtxend, a link to /usr/lib/virtxend/bin/virtxend, which runs the jars
in /usr/lib/virtxend/lib on the Java runtime in /usr/lib/virtxend/runtime (made with jlink; the
JDK's licences are in runtime/legal). Settings: /etc/libvirt/virtxend.conf, libxl.conf. Units:
virtxend.service and its three sockets; they only start on a Xen control domain. See virtxend(8).
Purging the package leaves the domain definitions in /etc/libvirt/libxl alone.
TEXT
chmod -R u+rwX,go+rX,go-w "$root"
chmod 0755 "$lib/bin/virtxend" "$lib/bin/virtxend-aot-train"

cp "$here/debian/conffiles" "$here/debian/postinst" "$here/debian/prerm" "$here/debian/postrm" "$root/DEBIAN/"
chmod 0755 "$root/DEBIAN/postinst" "$root/DEBIAN/prerm" "$root/DEBIAN/postrm"
chmod 0644 "$root/DEBIAN/conffiles"
installed_kb=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$deb_version/" -e "s/@INSTALLED_SIZE@/$installed_kb/" "$here/debian/control" >"$root/DEBIAN/control"
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) \
    >"$root/DEBIAN/md5sums"

deb=$target/virtxend_${deb_version}_amd64.deb
# zstd (dpkg >= 1.21.18, so Debian 12 on): under a second, and smaller than gzip's 5 s;
# xz would save a fifth more but takes a minute on a busy 2-core CI machine
dpkg-deb --root-owner-group -Zzstd -z3 --build "$root" "$deb.tmp" >/dev/null
mv "$deb.tmp" "$deb"
echo "build-packages.sh: $tarball, $deb (installed size ${installed_kb} KiB)"
