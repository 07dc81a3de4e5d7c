"""Slow and idle clients: 50 sockets trickling heads or bodies and 2 idle ones, while another
client asks /healthz and extracts a 1 000-character report, 200 times in turn.

    .venv/bin/python bench/slowclients.py [--worker-class sync ...]

Prints, per worker model, how many of the client's requests succeeded and their latency
p50/p99 (a request that got no answer in 5 s counts as failed). Writes bench/out/slowclients.json.
"""

import argparse
import json
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from test_hostile import REPORT, _trickle  # noqa: E402

from helpers.live import gunicorn  # noqa: E402

MODELS = {
    "shipped": "",
    "sync": "--worker-class sync",
    "gthread (4 threads)": "--worker-class gthread --threads 4",
}


def run(extra_args, requests=200):
    text = (REPORT * 30)[:1000].encode()
    stop, timings, failed = threading.Event(), [], 0
    with gunicorn(HERE / "out", workers=2, extra_args=extra_args) as server:
        idle = [server.connect() for _ in range(2)]
        tricklers = [threading.Thread(target=_trickle, args=(server, stop, i % 2)) for i in range(50)]
        for t in tricklers:
            t.start()
        time.sleep(1.0)
        deadline = time.monotonic() + 60
        try:
            for i in range(requests):
                if time.monotonic() > deadline:
                    failed += requests - i
                    break
                started = time.perf_counter()
                try:
                    status = (
                        server.request("GET", "/healthz", timeout=5)[0]
                        if i % 2
                        else server.request(
                            "POST", "/v1/extract", text, {"Content-Type": "text/plain"}, timeout=5
                        )[0]
                    )
                except OSError:
                    status = None
                if status == 200:
                    timings.append(time.perf_counter() - started)
                else:
                    failed += 1
        finally:
            stop.set()
            for t in tricklers:
                t.join()
            for sock in idle:
                sock.close()
    timings.sort()

    def pick(q):
        return round(timings[min(len(timings) - 1, int(q * len(timings)))] * 1000, 1) if timings else None

    return {"succeeded": len(timings), "failed": failed, "p50_ms": pick(0.5), "p99_ms": pick(0.99)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", choices=list(MODELS))
    a = ap.parse_args()
    results = {name: run(args) for name, args in MODELS.items() if a.only in (None, name)}
    (HERE / "out").mkdir(exist_ok=True)
    (HERE / "out" / "slowclients.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
