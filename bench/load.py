"""Service load benchmark: gunicorn with the project's config, on loopback, against a no-op app under the same config.

    make bench-load         (or: .venv/bin/python bench/load.py [--quick] [--soak-only])

For each scenario (no-op ceiling, GET /healthz, POST /v1/extract with a 3 KB and a 30 KB
report, POST /v1/extract/batch with 20 reports):

1. saturation: wrk (bench/wrk/request.lua) with 1, 2, 4, 8 and 16 connections, a few
   seconds each, and the best count again; saturation is the median of the runs with
   2 or more connections (see ``saturate``), with that run's p50/p90/p99;
2. latency at 80 % of saturation: bench/openloop.py sends at that fixed rate (open loop,
   latency from the scheduled send time, as wrk2 does) and reports p50/p90/p99.

Then the soak: 60 s of wrk at the 3 KB report's saturation, twice: with the config as
shipped (workers recycled after max_requests: counts 5xx and errors), and with
recycling off (``--max-requests 0``), so that worker memory growth is a leak and not
a restart; each worker's RSS, PSS and private memory are read from /proc after start,
after a warm-up and after the soak.

All traffic goes to 127.0.0.1 (the server is bound there by GUNICORN_CMD_ARGS); every
load is bounded in time. wrk, the open-loop client and gunicorn share the machine's
cores, so the numbers are a floor for a server with cores of its own.
Writes bench/out/load.json for bench/report.py.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
PYTHON = ROOT / ".venv" / "bin" / "python"
sys.path.insert(0, str(HERE))

from engine import machine, revision  # noqa: E402
from scaling import ordinary  # noqa: E402

SHARED = ROOT.parent / "shared"
CONNECTIONS = [1, 2, 4, 8, 16]


# ───────────────────────── request bodies ─────────────────────────


def bodies():
    """The request bodies, written under bench/out/: {name: (path, content type)}."""
    docs = sorted((SHARED / "corpus" / "docs").glob("*.txt"))
    texts = [d.read_text(encoding="utf-8") for d in docs]
    # the real report closest to 3 KB of UTF-8
    three = min(texts, key=lambda t: abs(len(t.encode("utf-8")) - 3072))
    thirty = ordinary(30 * 1024)
    batch = {"documents": [{"id": f"d{i}", "text": t} for i, t in enumerate(texts[:20])]}
    out = {}
    for name, doc in (
        ("3kb", {"text": three}),
        ("30kb", {"text": thirty}),
        ("batch20", batch),
        ("noop3kb", {"text": three}),
    ):
        path = OUT / f"body-{name}.json"
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        out[name] = (path, "application/json")
    return out


# ───────────────────────── the server ─────────────────────────


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn with gunicorn.conf.py, bound to 127.0.0.1, its stderr in bench/out/."""

    def __init__(self, app, name, extra_args=""):
        self.port = free_port()
        self.log = OUT / f"gunicorn-{name}.log"
        env = {**os.environ, "GUNICORN_CMD_ARGS": f"--bind 127.0.0.1:{self.port} {extra_args}".strip()}
        # A metrics directory of our own, so its files can be counted (the config empties it).
        self.metrics_path = OUT / f"metrics-{name}"
        env["PROMETHEUS_MULTIPROC_DIR"] = str(self.metrics_path)
        cmd = [str(GUNICORN), "--config", "gunicorn.conf.py"]
        if app == "noop":
            cmd += ["--pythonpath", str(HERE), "noop:app"]
        else:
            cmd += ["service:create_app()"]
        self.logfile = open(self.log, "wb")
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=self.logfile, stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{self.port}"
        self._wait_ready("/healthz" if app != "noop" else "/")

    def _wait_ready(self, path, timeout=60):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise SystemExit(f"gunicorn exited {self.proc.returncode}; see {self.log}")
            try:
                with urllib.request.urlopen(self.url + path, timeout=2) as r:
                    if r.status == 200 and len(self.workers()) >= 1:
                        time.sleep(0.5)  # let every worker finish booting
                        return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise SystemExit(f"gunicorn not ready in {timeout} s; see {self.log}")

    def workers(self):
        """The worker pids: the master's children."""
        try:
            with open(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children") as f:
                return [int(p) for p in f.read().split()]
        except OSError:
            return []

    def memory(self):
        """Per worker: RSS, PSS and private memory in MiB (from /proc/PID/smaps_rollup)."""
        out = {}
        for pid in self.workers():
            try:
                fields = {}
                with open(f"/proc/{pid}/smaps_rollup") as f:
                    for line in f:
                        m = re.match(r"(\w+):\s+(\d+) kB", line)
                        if m:
                            fields[m.group(1)] = int(m.group(2)) / 1024
                out[pid] = {
                    "rss": fields.get("Rss"),
                    "pss": fields.get("Pss"),
                    "private": fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0),
                }
            except OSError:
                pass
        return out

    def metrics_dir(self):
        """Files and bytes in the master's PROMETHEUS_MULTIPROC_DIR (each worker ever booted leaves files)."""
        try:
            files = list(self.metrics_path.iterdir())
            return {"files": len(files), "bytes": sum(f.stat().st_size for f in files)}
        except OSError:
            return None

    def scrape_ms(self):
        """Best of 3 GET /metrics, in ms (it reads every file in the metrics directory), once idle."""
        time.sleep(1)  # requests wrk left in the listen queue are answered first
        best = None
        for _ in range(3):
            t = time.perf_counter()
            with urllib.request.urlopen(self.url + "/metrics", timeout=30) as r:
                r.read()
            ms = (time.perf_counter() - t) * 1000
            best = ms if best is None else min(best, ms)
        return best

    def boots(self):
        """How many workers the master has booted so far (start and recycling)."""
        self.logfile.flush()
        return self.log.read_text(encoding="utf-8", errors="replace").count("Booting worker")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.logfile.close()
        shutil.rmtree(self.metrics_path, ignore_errors=True)


# ───────────────────────── load generators ─────────────────────────


def wrk(url, method, body, connections, seconds):
    """One bounded wrk run; its JSON summary with requests/s added."""
    path, ctype = body if body else ("-", "-")
    cmd = [
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(HERE / "wrk" / "request.lua"),
        url,
        "--",
        method,
        str(path),
        ctype,
    ]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60)
    line = next((x for x in r.stdout.splitlines() if x.startswith("JSON ")), None)
    if line is None:
        raise SystemExit(f"wrk gave no summary: {r.stdout[-500:]} {r.stderr[-500:]}")
    res = json.loads(line[5:])
    res["rps"] = res["requests"] / (res["duration_us"] / 1e6)
    res["connections"] = connections
    res["errors"] = sum(res[k] for k in ("connect_errors", "read_errors", "write_errors", "timeouts"))
    return res


def openloop(url, method, body, rate, seconds):
    """bench/openloop.py at a fixed rate; its JSON summary."""
    cmd = [
        str(PYTHON),
        str(HERE / "openloop.py"),
        url,
        "--method",
        method,
        "--rate",
        str(rate),
        "--seconds",
        str(seconds),
    ]
    if body:
        cmd += ["--body", str(body[0]), "--content-type", body[1]]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 120)
    if r.returncode != 0:
        raise SystemExit(f"openloop failed: {r.stderr[-800:]}")
    return json.loads(r.stdout)


def ms(us):
    return us / 1000


def saturate(url, method, body, seconds):
    """wrk at each connection count; the run with the highest requests/s, and all runs."""
    runs = []
    for c in CONNECTIONS:
        res = wrk(url, method, body, c, seconds)
        runs.append(res)
        print(
            f"    c={c:<3} {res['rps']:8.0f} req/s  p50 {ms(res['p50_us']):7.2f} ms  "
            f"p99 {ms(res['p99_us']):7.2f} ms  5xx {res['s5xx']}  errors {res['errors']}",
            flush=True,
        )
    # This VM's throughput wanders by up to 2× from run to run (the two vCPUs are not always
    # two cores' worth), so one lucky run must not set the pace: run the best count again,
    # and take as saturation the median of every run with at least as many connections as
    # workers (all of them saturate the server), reported as the run nearest that median.
    best = max(runs, key=lambda r: r["rps"])
    again = wrk(url, method, body, best["connections"], seconds)
    print(f"    c={best['connections']:<3} {again['rps']:8.0f} req/s  (again)", flush=True)
    runs.append(again)
    saturated = sorted((r for r in runs if r["connections"] >= 2), key=lambda r: r["rps"])
    median = saturated[len(saturated) // 2]
    return {**median, "max_rps": max(r["rps"] for r in runs)}, runs


# ───────────────────────── the run ─────────────────────────

SCENARIOS = [
    # name, app, gunicorn args over the config, method, path, body key, what
    ("no-op (ceiling)", "noop", "", "POST", "/", "noop3kb", "bench/noop.py, POST of the 3 KB body"),
    ("GET /healthz", "app", "", "GET", "/healthz", None, "the app's lightest route"),
    ("extract 3 KB", "app", "", "POST", "/v1/extract", "3kb", "POST /v1/extract, a 3 KB report as JSON"),
    (
        "extract 3 KB, no recycling",
        "app",
        "--max-requests 0",
        "POST",
        "/v1/extract",
        "3kb",
        "the same with worker recycling off, to see what recycling costs the tail",
    ),
    ("extract 30 KB", "app", "", "POST", "/v1/extract", "30kb", "POST /v1/extract, a 30 KB report as JSON"),
    ("batch of 20", "app", "", "POST", "/v1/extract/batch", "batch20", "POST /v1/extract/batch, 20 reports"),
]


def run_scenarios(body_files, seconds, openloop_seconds):
    results = []
    servers = {}
    try:
        for name, app, extra, method, path, key, what in SCENARIOS:
            if (app, extra) not in servers:
                servers[app, extra] = Server(app, f"{app}{len(servers)}", extra)
            srv = servers[app, extra]
            body = body_files[key] if key else None
            print(f"  {name}: {what}", flush=True)
            best, runs = saturate(srv.url + path, method, body, seconds)
            rate = max(1, int(best["rps"] * 0.8))
            boots = srv.boots()
            fixed = openloop(srv.url + path, method, body, rate, openloop_seconds)
            fixed["workers_booted_during"] = srv.boots() - boots
            # Python's client tops out near 1 500 new connections/s here: past that it, not the
            # server, sets the pace, and its latencies say nothing about the server.
            fixed["client_bound"] = fixed["achieved_rps"] < 0.95 * rate
            print(
                f"    at 80 % ({rate} req/s, open loop, {openloop_seconds} s): p50 {fixed['p50_ms']:.2f} ms  "
                f"p90 {fixed['p90_ms']:.2f} ms  p99 {fixed['p99_ms']:.2f} ms  achieved {fixed['achieved_rps']:.0f}"
                f" req/s  5xx {fixed['s5xx']}  errors {fixed['errors']}"
                f"  workers recycled {fixed['workers_booted_during']}"
                f"{'  (CLIENT-BOUND: rate not reached)' if fixed['client_bound'] else ''}",
                flush=True,
            )
            results.append(
                {
                    "scenario": name,
                    "what": what,
                    "method": method,
                    "path": path,
                    "gunicorn_args": extra,
                    "body_bytes": body[0].stat().st_size if body else 0,
                    "saturation": best,
                    "sweep": runs,
                    "at_80": fixed,
                }
            )
    finally:
        for srv in servers.values():
            srv.stop()
    return results


def soak(body, seconds, connections, extra_args, label):
    """``seconds`` of wrk on POST /v1/extract; worker memory after start, after warm-up, after the soak."""
    srv = Server("app", f"soak-{label}", extra_args)
    try:
        url = srv.url + "/v1/extract"
        after_start = srv.memory()
        metrics_before = {**(srv.metrics_dir() or {}), "scrape_ms": srv.scrape_ms()}
        warm = wrk(url, "POST", body, connections, 5)
        after_warmup = srv.memory()
        boots_before = srv.boots()
        print(f"  soak ({label}): {seconds} s at c={connections} …", flush=True)
        res = wrk(url, "POST", body, connections, seconds)
        after_soak = srv.memory()
        res["workers_booted_during"] = srv.boots() - boots_before
        metrics_after = {**(srv.metrics_dir() or {}), "scrape_ms": srv.scrape_ms()}
    finally:
        srv.stop()

    def growth(a, b):
        same = [p for p in a if p in b]
        return {str(p): (b[p]["rss"] - a[p]["rss"]) / a[p]["rss"] for p in same} if same else {}

    out = {
        "label": label,
        "extra_args": extra_args,
        "seconds": seconds,
        "connections": connections,
        "warmup": warm,
        "result": res,
        "metrics_dir": {"before": metrics_before, "after": metrics_after},
        "memory": {"after_start": after_start, "after_warmup": after_warmup, "after_soak": after_soak},
        "rss_growth_from_start": growth(after_start, after_soak),
        "rss_growth_from_warmup": growth(after_warmup, after_soak),
    }
    g = out["rss_growth_from_start"]
    print(
        f"    {res['rps']:.0f} req/s, {res['requests']} requests, 5xx {res['s5xx']}, errors {res['errors']}, "
        f"workers booted during soak {res['workers_booted_during']}, RSS growth from start "
        f"{', '.join(f'{v:+.1%}' for v in g.values()) or 'n/a (workers replaced)'}; metrics dir "
        f"{metrics_before.get('files')} → {metrics_after.get('files')} files, /metrics "
        f"{metrics_before['scrape_ms']:.1f} → {metrics_after['scrape_ms']:.1f} ms",
        flush=True,
    )
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=int, default=5, help="wrk seconds per connection count")
    ap.add_argument("--openloop-seconds", type=int, default=10)
    ap.add_argument("--soak-seconds", type=int, default=60)
    ap.add_argument("--soak-only", action="store_true", help="only the soaks (saturation from the last run)")
    ap.add_argument("--quick", action="store_true", help="1 s per step and 10 s soaks, to try the harness")
    a = ap.parse_args()
    if a.quick:
        a.seconds, a.openloop_seconds, a.soak_seconds = 1, 3, 10
    if not shutil.which("wrk"):
        raise SystemExit("wrk not found: apt-get install -y wrk")
    OUT.mkdir(exist_ok=True)
    body_files = bodies()
    prev = OUT / "load.json"
    data = json.loads(prev.read_text(encoding="utf-8")) if a.soak_only and prev.exists() else {}
    if not a.soak_only:
        print("saturation and latency at 80 %:", flush=True)
        data["scenarios"] = run_scenarios(body_files, a.seconds, a.openloop_seconds)
    three = next((s for s in data.get("scenarios", []) if s["scenario"] == "extract 3 KB"), None)
    connections = three["saturation"]["connections"] if three else 4
    print("soak:", flush=True)
    data["soaks"] = [
        soak(body_files["3kb"], a.soak_seconds, connections, "", "as shipped"),
        soak(body_files["3kb"], a.soak_seconds, connections, "--max-requests 0", "recycling off"),
    ]
    data["meta"] = {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "machine": machine(),
        "revision": revision(),
        "command": "make bench-load" + (" (soak: make bench-soak)" if a.soak_only else ""),
        "wrk": subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split("\n")[0],
        "seconds": a.seconds,
        "openloop_seconds": a.openloop_seconds,
        "quick": a.quick,
    }
    prev.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nwrote {prev.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
