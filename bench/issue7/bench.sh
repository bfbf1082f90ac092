#!/bin/bash
# issue 7 benchmark: RPC lookup throughput with metrics off vs on (scraped every second, 100 domains),
# then scrape latency and size with 1000 running simulated domains. 3 repetitions each.
set -u
LVB=/tmp/lvb/lvbench; X="-x /tmp/vxsb/tmpl.xml"; DIST=/tmp/vx-stats-dist; OUT=/tmp/vxsb/out; mkdir -p $OUT
start_daemon() { # $1 root $2 metrics_listen
  mkdir -p $1/etc/libvirt; echo "metrics_listen = \"$2\"" > $1/etc/libvirt/virtxend.conf
  $DIST/bin/virtxend --root $1 --backend sim >> $1.log 2>&1 &
  P=$!
  for i in $(seq 100); do [ -S $1/run/libvirt/virtxend-sock ] && virsh -c "xen:///system?socket=$1/run/libvirt/virtxend-sock" version >/dev/null 2>&1 && break; sleep 0.2; done
}
stop_daemon() { kill -TERM $P; for i in $(seq 50); do kill -0 $P 2>/dev/null || break; sleep 0.2; done; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
for rep in 1 2 3; do
  for mode in off on; do
    R=/tmp/vxsb/rpc-$mode-$rep; rm -rf $R $R.log
    if [ $mode = on ]; then start_daemon $R 127.0.0.1:19278; else start_daemon $R ""; fi
    U="xen:///system?socket=$R/run/libvirt/virtxend-sock"
    $LVB hold -d 100 -u "$U" $X > /dev/null 2>&1 & H=$!
    sleep 3
    S=""
    if [ $mode = on ]; then (while true; do curl -s -o /dev/null 127.0.0.1:19278/metrics; sleep 1; done) & S=$!; fi
    echo "rep=$rep mode=$mode load=$(loadavg) $($LVB rpc -m lookup -d 100 -t 4 -T 5 -u "$U" -p $P $X 2>&1 | tail -1)" >> $OUT/rpc.txt
    [ -n "$S" ] && kill $S
    kill -TERM $H; wait $H 2>/dev/null
    stop_daemon
  done
done
R=/tmp/vxsb/scrape; rm -rf $R $R.log
for rep in 1 2 3; do
  start_daemon $R 127.0.0.1:19279
  U="xen:///system?socket=$R/run/libvirt/virtxend-sock"
  if [ $rep = 1 ]; then $LVB populate -d 1000 -s -u "$U" $X > $OUT/populate.txt 2>&1; fi
  echo "rep=$rep running=$(virsh -c "$U" list --state-running --name | grep -c .) load=$(loadavg)" >> $OUT/scrape.txt
  for i in $(seq 5); do curl -s -o /dev/null 127.0.0.1:19279/metrics; done   # warm-up
  for fmt in text om; do
    A=""; [ $fmt = om ] && A="application/openmetrics-text;version=1.0.0"
    for i in $(seq 20); do curl -s -o /dev/null -H "Accept: $A" -w "$fmt %{time_total} %{size_download}\n" 127.0.0.1:19279/metrics; done >> $OUT/scrape-$rep.txt
  done
  stop_daemon
done
echo done >> $OUT/scrape.txt
