#!/usr/bin/python3
"""RPC load for the scrape test: THREADS connections, each looking domains up and reading
their info and statistics for SECONDS; prints the number of calls and of failed calls."""
import sys
import threading
import time

import libvirt

uri, threads, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
calls = [0] * threads
errors = [0] * threads
libvirt.registerErrorHandler(lambda ctx, err: None, None)


def work(i):
    conn = libvirt.open(uri)
    end = time.time() + seconds
    while time.time() < end:
        try:
            for dom in conn.listAllDomains(libvirt.VIR_CONNECT_LIST_DOMAINS_ACTIVE):
                dom.info()
                calls[i] += 1
            conn.getAllDomainStats()
            calls[i] += 2
        except libvirt.libvirtError as e:
            errors[i] += 1
            print("error:", e, file=sys.stderr)
    conn.close()


ts = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("calls=%d errors=%d" % (sum(calls), sum(errors)))
