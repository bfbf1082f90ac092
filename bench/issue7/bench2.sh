#!/bin/bash
# on without scraping vs off: the cost of recording alone
set -u
LVB=/tmp/lvb/lvbench; X="-x /tmp/vxsb/tmpl.xml"; DIST=/tmp/vx-stats-dist; OUT=/tmp/vxsb/out; mkdir -p $OUT
start_daemon() {
  mkdir -p $1/etc/libvirt; echo "metrics_listen = \"$2\"" > $1/etc/libvirt/virtxend.conf
  $DIST/bin/virtxend --root $1 --backend sim >> $1.log 2>&1 &
  P=$!
  for i in $(seq 100); do [ -S $1/run/libvirt/virtxend-sock ] && virsh -c "xen:///system?socket=$1/run/libvirt/virtxend-sock" version >/dev/null 2>&1 && break; sleep 0.2; done
}
stop_daemon() { kill -TERM $P; for i in $(seq 50); do kill -0 $P 2>/dev/null || break; sleep 0.2; done; }
for rep in 1 2 3; do
  for mode in off noscrape; do
    R=/tmp/vxsb/rpc2-$mode-$rep; rm -rf $R $R.log
    if [ $mode = noscrape ]; then start_daemon $R 127.0.0.1:19278; else start_daemon $R ""; fi
    U="xen:///system?socket=$R/run/libvirt/virtxend-sock"
    $LVB hold -d 100 -u "$U" $X > /dev/null 2>&1 & H=$!
    sleep 3
    echo "rep=$rep mode=$mode load=$(cut -d' ' -f1-3 /proc/loadavg) $($LVB rpc -m lookup -d 100 -t 4 -T 5 -u "$U" -p $P $X 2>&1 | tail -1)" >> $OUT/rpc2.txt
    kill -TERM $H; wait $H 2>/dev/null
    stop_daemon
  done
done
