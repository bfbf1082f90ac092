#!/usr/bin/env python3
"""Start-up and idle-footprint figures of the packaged daemon, comparable to BEHAVIOR.md section 13.

For each run: a fresh sandbox root, the clock starts just before the launcher is spawned;
t_accept = first successful connect() to the rw socket (polled every 0.5 ms), t_rpc = reply
to a raw REMOTE_PROC_AUTH_LIST call, then VmRSS (anon/file) and the thread count at +1 s and
+3 s, CPU time, and SIGTERM -> exit. Prints median (min-max) over the runs.

  measure_startup.py LAUNCHER [--runs 10] [--java-opts '...'] [--label text]
"""
import argparse
import os
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import tempfile
import time

AUTH_LIST = struct.pack(">IIIIIII", 28, 0x20008086, 1, 66, 0, 1, 0)


def status(pid):
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            out[k] = v.strip()
    return out


def kib(v):
    return int(v.split()[0])


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def one_run(launcher, java_opts):
    root = tempfile.mkdtemp(prefix="vx-measure-")
    sock = os.path.join(root, "run/libvirt/virtxend-sock")
    env = dict(os.environ)
    if java_opts is not None:
        env["VIRTXEND_JAVA_OPTS"] = java_opts
    t0 = time.perf_counter()
    p = subprocess.Popen([launcher, "--root", root, "--backend", "sim"], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, env=env)
    r = {}
    try:
        s = None
        while s is None:
            if p.poll() is not None:
                raise RuntimeError(f"daemon exited with {p.returncode}")
            try:
                c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                c.connect(sock)
                s = c
            except OSError:
                c.close()
                time.sleep(0.0005)
        r["accept"] = time.perf_counter() - t0
        s.settimeout(60)
        s.sendall(AUTH_LIST)
        s.recv(4)
        r["rpc"] = time.perf_counter() - t0
        s.close()
        for at in (1.0, 3.0):
            time.sleep(max(0.0, t0 + r["rpc"] + at - time.perf_counter()))
            st = status(p.pid)
            r[f"rss{int(at)}"] = kib(st["VmRSS"]) / 1024
            r[f"anon{int(at)}"] = kib(st["RssAnon"]) / 1024
            r[f"file{int(at)}"] = kib(st["RssFile"]) / 1024
            r[f"threads{int(at)}"] = int(st["Threads"])
        r["cpu"] = cpu_seconds(p.pid)
        t1 = time.perf_counter()
        p.send_signal(signal.SIGTERM)
        rc = p.wait(30)
        r["stop"] = time.perf_counter() - t1
        r["rc"] = rc
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
        shutil.rmtree(root, ignore_errors=True)
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("launcher")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--java-opts", default=None)
    ap.add_argument("--label", default="")
    a = ap.parse_args()
    runs = [one_run(a.launcher, a.java_opts) for _ in range(a.runs)]

    def show(key, scale=1.0, unit="", fmt="{:.0f}"):
        vals = [x[key] * scale for x in runs]
        return f"{fmt.format(statistics.median(vals))}{unit} ({fmt.format(min(vals))}-{fmt.format(max(vals))})"

    print(f"{a.label} runs={a.runs} exit codes={sorted(set(x['rc'] for x in runs))}")
    print("exec -> socket connectable :", show("accept", 1000, " ms"))
    print("exec -> first RPC answered :", show("rpc", 1000, " ms"))
    print("VmRSS +1 s                 :", show("rss1", 1, " MB", "{:.1f}"), " anon", show("anon1", 1, " MB", "{:.1f}"),
          " file", show("file1", 1, " MB", "{:.1f}"))
    print("VmRSS +3 s                 :", show("rss3", 1, " MB", "{:.1f}"), " anon", show("anon3", 1, " MB", "{:.1f}"),
          " file", show("file3", 1, " MB", "{:.1f}"))
    print("threads +3 s               :", show("threads3"))
    print("CPU time until stop        :", show("cpu", 1, " s", "{:.2f}"))
    print("SIGTERM -> exit            :", show("stop", 1000, " ms"))


if __name__ == "__main__":
    main()
