#!/bin/sh
# Regenerate *.json from *.cfg with the REAL xl (dry run) on a host without
# Xen, using the fakexen preload shim from ../c.  Needs: xen-utils-4.17,
# libxen-dev (headers for the shim), gcc.
set -e
here=$(cd "$(dirname "$0")" && pwd)
so=${TMPDIR:-/tmp}/libfakexen_preload.so
gcc -Wall -shared -fPIC -o "$so" "$here/../../c/virtxend_fakexen.c"
for cfg in "$here"/*.cfg; do
  out="${cfg%.cfg}.json"
  if LD_PRELOAD="$so" /usr/lib/xen-4.17/bin/xl -N create "$cfg" > "$out" 2> "${TMPDIR:-/tmp}/$(basename "${cfg%.cfg}").stderr"; then
    echo "ok   $(basename "$cfg")"
  else
    echo "FAIL $(basename "$cfg") (see ${TMPDIR:-/tmp}/*.stderr)"
  fi
done
