"""One engine in one process: start-up time, chars/s over the texts, items found, peak RSS, answers on gold docs.

Run by bench/engine.py with the right venv's python; prints one JSON object on stdout.

    python bench/engine_worker.py ENGINE --out FILE --texts FILE... --gold-docs NAME... --seconds S

The result goes to --out, not stdout: some peers print banners when imported.
"""

import time

T0 = time.perf_counter()  # before any engine import: start-up counts imports and set-up

import argparse  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]  # engines.py, and the project for suanpan

import engines  # noqa: E402

WARM_UP = "上半年共销售住宅128套，实现销售收入3.2亿元，同比增长12.5%。"
MAX_PASSES = 5000  # a cap for safety; the --seconds budget is what ends a run (the seeds take ~5 ms a pass)


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("engine", choices=sorted(engines.LOADERS))
    ap.add_argument("--texts", nargs="+", required=True)
    ap.add_argument("--gold-docs", nargs="*", default=[], help="file names whose items are returned")
    ap.add_argument("--out", required=True, help="where the JSON result goes")
    ap.add_argument("--seconds", type=float, default=5.0, help="timed passes stop after this long")
    a = ap.parse_args()

    load, to_items = engines.LOADERS[a.engine]
    run = load()
    run(WARM_UP)  # lazy dictionaries and caches load on the first call: part of start-up
    startup = time.perf_counter() - T0
    rss_ready = peak_rss_mib()

    texts = [(Path(p).name, Path(p).read_text(encoding="utf-8")) for p in a.texts]
    chars = sum(len(t) for _, t in texts)

    # First pass, untimed: the answers (for items and recall) and a warm cache.
    gold = set(a.gold_docs)
    found, on_gold, errors = 0, {}, []
    for name, text in texts:
        try:
            raw = run(text)
        except Exception as e:  # a peer that crashes on a report scores nothing there
            errors.append(f"{name}: {type(e).__name__}: {e}"[:300])
            continue
        items = to_items(text, raw)
        found += len(items)
        if name in gold:
            on_gold[name] = items

    # Timed passes over all texts, at least one, until the budget is spent.
    passes, elapsed = 0, 0.0
    gc.collect()
    while passes < MAX_PASSES and (passes == 0 or elapsed < a.seconds):
        t = time.perf_counter()
        for _, text in texts:
            try:
                run(text)
            except Exception:
                pass
        elapsed += time.perf_counter() - t
        passes += 1

    result = {
        "engine": a.engine,
        "python": sys.version.split()[0],
        "pid": os.getpid(),
        "startup_s": startup,
        "rss_ready_mib": rss_ready,
        "peak_rss_mib": peak_rss_mib(),
        "docs": len(texts),
        "chars": chars,
        "passes": passes,
        "seconds": elapsed,
        "chars_per_s": chars * passes / elapsed if elapsed else None,
        "items": found,
        "errors": errors,
        "gold_items": on_gold,
    }
    Path(a.out).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
