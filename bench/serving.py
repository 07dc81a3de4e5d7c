"""Serving cost: what the HTTP layer adds to the engine, with kept-alive clients.

    .venv/bin/python bench/serving.py [--seconds 8] [--workers 2]

1. engine_seconds: the engine alone, in this process, on a 1 000-character report;
2. healthz_rps and extract_rps: wrk (8 kept-alive connections, pinned by taskset to the
   last core) against gunicorn as configured, on GET /healthz and on POST /v1/extract with
   that report as JSON;
3. ratio = extract_rps / (1 / (1/healthz_rps + engine_seconds/workers)): the share of the
   rate the engine alone would allow on top of /healthz's cost (issue 10 asks >= 0.85);
   cpu_ratio is the same from the workers' CPU time per request, (healthz_cpu + engine) /
   extract_cpu, which other load on a shared machine does not skew;
   engine_cpu_ms_in_workers is the engine's own CPU time per extraction inside the workers
   during that run (suanpan_engine_cpu_seconds), and http_cpu_ms the rest of extract_cpu:
   what the HTTP layer costs an extraction, to hold against healthz_cpu;
4. p50/p99 at 80 % of saturation with the load generator on its own core: a second server,
   pinned by taskset to the other cores, is saturated by wrk from the last core, then
   bench/openloop.py --keepalive (also on the last core) sends 80 % of that rate (latency from
   the scheduled send; no coordinated omission). The Python client needs far more CPU per
   request than wrk: sharing the server's cores, it would measure itself.

Workers are not recycled during the run (--max-requests 0; bench/load.py's soak covers
recycling). For steps 1–3 the server is not pinned: on a 2-core machine it shares the client's
core, so those figures are a floor. Writes bench/out/serving.json.
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from engine import machine, revision  # noqa: E402
from load import PYTHON, wrk  # noqa: E402
from scaling import ordinary_chars  # noqa: E402


def engine_seconds(text, runs=300):
    from service import extract

    for _ in range(20):
        extract(text)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        extract(text)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def cpu_seconds(pids):
    """User + system CPU time the processes have used, from /proc/<pid>/stat."""
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def measured(server, run):
    """``run()``'s wrk summary, with the workers' CPU milliseconds per request added.

    CPU per request does not depend on what else the shared machine runs, as requests
    per second do: workers / cpu_per_request is the rate with a core per worker.
    """
    pids = server.worker_pids()
    before = cpu_seconds(pids)
    result = run()
    result["cpu_ms_per_request"] = (cpu_seconds(pids) - before) / result["requests"] * 1000
    return result


def engine_in_workers(server):
    """(engine CPU seconds, documents) the workers have counted so far, from /metrics."""
    text = server.request("GET", "/metrics")[2].decode()
    found = dict(
        re.findall(r"^(suanpan_engine_cpu_seconds_total|suanpan_documents_total) (\S+)$", text, re.M)
    )
    return float(found["suanpan_engine_cpu_seconds_total"]), float(found["suanpan_documents_total"])


def pinned(cmd):
    """``cmd`` on the last core, when taskset is there."""
    core = max(os.sched_getaffinity(0))
    return ["taskset", "-c", str(core), *cmd] if os.path.exists("/usr/bin/taskset") else cmd


def off_client_core(cmd):
    """``cmd`` on every core but the last (the client's), when taskset is there and there are two."""
    cores = sorted(os.sched_getaffinity(0))
    if len(cores) < 2 or not os.path.exists("/usr/bin/taskset"):
        return cmd
    return ["taskset", "-c", ",".join(map(str, cores[:-1])), *cmd]


def run_open_loop(url, body, rate, seconds):
    r = subprocess.run(
        pinned(
            [
                str(PYTHON),
                str(HERE / "openloop.py"),
                url,
                "--method",
                "POST",
                "--rate",
                str(rate),
                "--seconds",
                str(seconds),
                "--body",
                str(body),
                "--keepalive",
            ]
        ),
        capture_output=True,
        text=True,
        timeout=seconds + 120,
    )
    return json.loads(r.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=int, default=8)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--connections", type=int, default=8)
    # Recycling off: a worker replaced mid-run would take its CPU time with it (and a
    # recycle is a pause that belongs to the soak in bench/load.py, not to this ratio).
    ap.add_argument("--extra-args", default="--max-requests 0", help="gunicorn options over gunicorn.conf.py")
    a = ap.parse_args()
    from helpers.live import default_argv, gunicorn

    OUT.mkdir(exist_ok=True)
    text = ordinary_chars(1000)
    body = OUT / "body-1000.json"
    body.write_text(json.dumps({"text": text}, ensure_ascii=False), encoding="utf-8")
    engine_s = engine_seconds(text)

    import load

    real_run = subprocess.run

    def run_pinned(cmd, *args, **kwargs):  # wrk, pinned to its own core
        return real_run(pinned(cmd) if cmd and cmd[0] == "wrk" else cmd, *args, **kwargs)

    load.subprocess.run = run_pinned

    with gunicorn(OUT, workers=a.workers, extra_args=a.extra_args) as server:
        base = f"http://127.0.0.1:{server.port}"
        wrk(base + "/v1/extract", "POST", (body, "application/json"), a.connections, 2)  # warm
        healthz = measured(server, lambda: wrk(base + "/healthz", "GET", None, a.connections, a.seconds))
        engine_before = engine_in_workers(server)
        extract = measured(
            server,
            lambda: wrk(base + "/v1/extract", "POST", (body, "application/json"), a.connections, a.seconds),
        )
        engine_after = engine_in_workers(server)

    # p99 at 80 % of saturation, the server kept off the client's core
    with gunicorn(OUT, off_client_core(default_argv()), workers=a.workers, extra_args=a.extra_args) as server:
        url = f"http://127.0.0.1:{server.port}/v1/extract"
        wrk(url, "POST", (body, "application/json"), a.connections, 2)  # warm
        saturated = wrk(url, "POST", (body, "application/json"), a.connections, a.seconds)
        rate = round(0.8 * saturated["rps"])
        open_loop = run_open_loop(url, body, rate, a.seconds)
    cpu, documents = (after - before for after, before in zip(engine_after, engine_before, strict=True))
    worker_engine_ms = cpu / documents * 1000
    allowed = 1 / (1 / healthz["rps"] + engine_s / a.workers)
    # the same ratio from CPU time per request, which the machine's other load does not skew
    cpu_ratio = (healthz["cpu_ms_per_request"] + engine_s * 1000) / extract["cpu_ms_per_request"]
    result = {
        "machine": machine(),
        "revision": revision(),
        "workers": a.workers,
        "extra_args": a.extra_args,
        "load_average": os.getloadavg()[0],
        "connections": a.connections,
        "engine_ms": engine_s * 1000,
        "healthz_rps": healthz["rps"],
        "extract_rps": extract["rps"],
        "engine_bound_rps": allowed,
        "ratio": extract["rps"] / allowed,
        "healthz_cpu_ms": healthz["cpu_ms_per_request"],
        "extract_cpu_ms": extract["cpu_ms_per_request"],
        "cpu_ratio": cpu_ratio,
        # the engine's own CPU time inside the workers during that run (its thread's clock,
        # suanpan_engine_cpu_seconds): what the engine cost there, against engine_ms here
        "engine_cpu_ms_in_workers": worker_engine_ms,
        "http_cpu_ms": extract["cpu_ms_per_request"] - worker_engine_ms,
        "cpu_ratio_engine_in_workers": (healthz["cpu_ms_per_request"] + worker_engine_ms)
        / extract["cpu_ms_per_request"],
        "extract_p99_ms_saturated": extract["p99_us"] / 1000,
        "openloop_server_cores": len(os.sched_getaffinity(0)) - 1 or 1,
        "openloop_saturation_rps": saturated["rps"],
        "openloop_rate": rate,
        "openloop": open_loop,
        "errors": healthz["errors"] + extract["errors"] + open_loop["errors"],
        "non_2xx": healthz["s4xx"] + healthz["s5xx"] + extract["s4xx"] + extract["s5xx"],
    }
    (OUT / "serving.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
