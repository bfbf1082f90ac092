#!/bin/bash
# daemon CPU per scrape with 1000 running domains (warm JIT: 30 scrapes first)
DIST=/tmp/vx-stats-dist; OUT=/tmp/vxsb/out; R=/tmp/vxsb/scrape
for rep in 1 2 3; do
  $DIST/bin/virtxend --root $R --backend sim >> $R.log 2>&1 & P=$!
  for i in $(seq 100); do curl -s -o /dev/null 127.0.0.1:19279/metrics && break; sleep 0.2; done
  for i in $(seq 30); do curl -s -o /dev/null 127.0.0.1:19279/metrics; done
  c0=$(awk '{print $14+$15}' /proc/$P/stat)
  for i in $(seq 20); do curl -s -o /dev/null -w "warm %{time_total} %{size_download}\n" 127.0.0.1:19279/metrics; done > $OUT/scrape-warm-$rep.txt
  c1=$(awk '{print $14+$15}' /proc/$P/stat)
  echo "rep=$rep load=$(cut -d' ' -f1-3 /proc/loadavg) daemon_cpu_ms_per_scrape=$(( (c1-c0)*10/20 ))" >> $OUT/scrape-cpu.txt
  kill -TERM $P; for i in $(seq 50); do kill -0 $P 2>/dev/null || break; sleep 0.2; done
done
