# N lifecycle subscribers (one connection each) count the events of a run of
# operations made on another connection. Prints: "ops O expected E min A max B"
# and, when a metrics URL is given, the subscription gauge before the
# subscribers deregister, after, and after they disconnect (seen by a new scrape).
import sys, threading, time, urllib.request, libvirt

uri, subscribers, pairs, xml_path = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
metrics = sys.argv[5] if len(sys.argv) > 5 else None

libvirt.virEventRegisterDefaultImpl()
def loop():
    while True:
        libvirt.virEventRunDefaultImpl()
threading.Thread(target=loop, daemon=True).start()

def gauge():
    text = urllib.request.urlopen(metrics, timeout=10).read().decode()
    for line in text.splitlines():
        if line.startswith("virtxend_event_subscriptions "):
            return int(float(line.split()[1]))
    raise SystemExit("no subscription gauge in metrics")

counts = [0] * subscribers
lock = threading.Lock()
def make_cb(i):
    def cb(conn, dom, event, detail, opaque):
        with lock:
            counts[i] += 1
    return cb

conns, ids = [], []
for i in range(subscribers):
    c = libvirt.open(uri)
    ids.append(c.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, make_cb(i), None))
    conns.append(c)

ops = libvirt.open(uri)
start = time.time()
dom = ops.defineXML(open(xml_path).read())
dom.create()
for _ in range(pairs):
    dom.suspend()
    dom.resume()
dom.destroy()
dom.undefine()
elapsed = time.time() - start
expected = 4 + 2 * pairs
deadline = time.time() + 60
while min(counts) < expected and time.time() < deadline:
    time.sleep(0.05)
time.sleep(0.5)
print("ops", 4 + 2 * pairs, "expected", expected, "min", min(counts), "max", max(counts), "seconds %.1f" % elapsed)
if metrics:
    print("gauge-registered", gauge())
    for c, cb in zip(conns, ids):
        c.domainEventDeregisterAny(cb)
    print("gauge-deregistered", gauge())
for c in conns:
    c.close()
ops.close()
sys.stdout.flush()
