#!/bin/bash
# metrics off vs on (no scrape) vs on with a tight scrape loop; lvbench rpc -m lookup, 4 threads, 8 s
set -u
LVB=/tmp/lvb/lvbench; X="-x /tmp/vxsb/tmpl.xml"; DIST=/tmp/vx-main-dist; OUT=/tmp/vxsb/onoff.txt
start_daemon() {
  rm -rf $1; mkdir -p $1/etc/libvirt; echo "metrics_listen = \"$2\"" > $1/etc/libvirt/virtxend.conf
  $DIST/bin/virtxend --root $1 --backend sim >> $1.log 2>&1 &
  P=$!
  for i in $(seq 100); do [ -S $1/run/libvirt/virtxend-sock ] && virsh -c "xen:///system?socket=$1/run/libvirt/virtxend-sock" version >/dev/null 2>&1 && break; sleep 0.2; done
}
stop_daemon() { kill -TERM $P; for i in $(seq 50); do kill -0 $P 2>/dev/null || break; sleep 0.2; done; }
for rep in 1 2 3; do
  for mode in off on tight; do
    R=/tmp/vxsb/r-$mode-$rep
    if [ $mode = off ]; then start_daemon $R ""; else start_daemon $R 127.0.0.1:19279; fi
    U="xen:///system?socket=$R/run/libvirt/virtxend-sock"
    $LVB hold -d 100 -u "$U" $X > /dev/null 2>&1 & H=$!
    sleep 3
    S=""
    if [ $mode = tight ]; then
      ( n=0; bad=0; while [ ! -f $R.stop ]; do c=$(curl -s -o /dev/null -w '%{http_code}' 127.0.0.1:19279/metrics); n=$((n+1)); [ "$c" = 200 ] || bad=$((bad+1)); done; echo "scrapes=$n non200=$bad" > $R.scrapes ) & S=$!
    fi
    res=$($LVB rpc -m lookup -d 100 -t 4 -T 8 -u "$U" -p $P $X 2>&1 | tail -2 | tr '\n' ' ')
    if [ -n "$S" ]; then touch $R.stop; wait $S; fi
    echo "rep=$rep mode=$mode load=$(cut -d' ' -f1-3 /proc/loadavg) $res $(cat $R.scrapes 2>/dev/null)" >> $OUT
    kill -TERM $H; wait $H 2>/dev/null
    stop_daemon
  done
done
