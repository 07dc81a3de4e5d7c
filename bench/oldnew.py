"""Two versions of the engine, and jionlp, in one interleaved run: the old/new ratio under the same load.

    .venv/bin/python bench/oldnew.py --old /path/to/worktree-at-old-commit [--rounds 5] [--seconds 2]

Each round runs, in a fresh process each and in an order that alternates between rounds,
this work tree's engine and the old one (the project venv's python with that tree first on
sys.path) on the two seeds, on bench/engine.py's texts (the seeds and every corpus document) and on
the first 42 of them (the corpus when issue 9's 1.79 M was measured), and jionlp.ner.extract_money
(bench/.venv) on the seeds. Each measure is chars over time summed over the passes, in CPU
time of the process and in wall time, and chars over the fastest pass's wall time ("best",
what a busy shared machine disturbs least). Prints
per round and the median over rounds: issue 2's seed ratio (suanpan ÷ jionlp) for both
versions, corpus chars/s for both, and new ÷ old. Writes bench/out/oldnew.json.

With --profile N: cProfile over both versions instead (seeds, then all texts), the top N
functions by self time per pass with the old version's figure beside them, and the N
largest increases; bench/out/oldnew-profile.json. cProfile's cost per call inflates small
functions, so with --stages instead: each stage of ``extract`` timed in its own wall time
(the best pass; --detail: every method of the engine's classes too, a timer on each),
bench/out/oldnew-stages.json.
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
PYTHONS = {"project": ROOT / ".venv" / "bin" / "python", "bench": HERE / ".venv" / "bin" / "python"}
sys.path.insert(0, str(HERE))

from engine import corpus_files, seed_files  # noqa: E402


def worker(a):
    """In the child: load one engine, warm it, then time passes over the texts for a.seconds."""
    sys.path[:0] = [str(HERE), a.root]
    import gc

    import engines

    run = engines.LOADERS[a.engine][0]()
    run("上半年共销售住宅128套，实现销售收入3.2亿元，同比增长12.5%。")
    texts = [Path(p).read_text(encoding="utf-8") for p in a.texts]
    for t in texts:  # untimed pass: warm caches
        run(t)
    chars = sum(map(len, texts))
    passes, cpu, wall, best = 0, 0.0, 0.0, float("inf")
    gc.collect()
    while passes == 0 or cpu < a.seconds:
        c, w = time.process_time(), time.perf_counter()
        for t in texts:
            run(t)
        c, w = time.process_time() - c, time.perf_counter() - w
        cpu, wall, best = cpu + c, wall + w, min(best, w)
        passes += 1
    mod = sys.modules.get("service")
    print(
        "RESULT "
        + json.dumps(
            {
                "passes": passes,
                "chars": chars,
                "cpu_cps": chars * passes / cpu,
                "wall_cps": chars * passes / wall,
                "best_cps": chars / best,
                "loaded_from": getattr(mod, "__file__", None),
            }
        )
    )


def profile_worker(a):
    """In the child: cProfile over passes of this tree's ``extract``; self and total time by function."""
    sys.path.insert(0, a.root)
    import cProfile
    import pstats

    from service import extract

    texts = [Path(p).read_text(encoding="utf-8") for p in a.texts]
    for t in texts:
        extract(t)
    prof = cProfile.Profile()
    passes, t0 = 0, time.process_time()
    prof.enable()
    while passes == 0 or time.process_time() - t0 < a.seconds:
        for t in texts:
            extract(t)
        passes += 1
    prof.disable()
    rows = {}
    for (file, _line, func), (_cc, calls, tt, ct, _callers) in pstats.Stats(prof).stats.items():
        file = file.replace(a.root.rstrip("/") + "/", "")
        func = re.sub(r" at 0x[0-9a-f]+", "", func)  # a built-in's address differs from run to run
        key = f"{file.split('/')[-1] if file.startswith('service/') else file}:{func}"
        r = rows.setdefault(key, [0, 0.0, 0.0])
        r[0] += calls
        r[1] += tt
        r[2] += ct
    print(
        "RESULT "
        + json.dumps(
            {
                "passes": passes,
                "rows": {k: [c / passes, tt / passes, ct / passes] for k, (c, tt, ct) in rows.items()},
            }
        )
    )


# what service.engine.extract calls: module-level names in service.engine, then (module, class, method)
STAGE_FUNCS = ("fold", "find_sections", "mark_from_to", "resolve_currency", "_answer")
STAGE_METHODS = (
    ("sections", "Geometry", "__init__"),
    ("cues", "CueIndex", "__init__"),
    ("quantities", "Reader", "__init__"),
    ("quantities", "Reader", "mentions"),
    ("kpis", "KpiNamer", "name_all"),
    ("placeholders", "BlankFinder", "find"),
    ("kpis", "KpiNamer", "name_blank"),
    ("breakdowns", "BreakdownFinder", "find"),
    ("kpis", "KpiNamer", "name_parts"),
)


DETAIL = (
    ("kpis", "KpiNamer"),
    ("breakdowns", "BreakdownFinder"),
    ("placeholders", "BlankFinder"),
    ("cues", "CueIndex"),
    ("quantities", "Reader"),
    ("sections", "Geometry"),
)


def stages_worker(a):
    """In the child: the wall time of each stage of ``extract`` per pass (best pass), without a
    profiler: each stage is wrapped in a timer that counts only its own time (a wrapped stage
    called inside another is taken out of the caller's)."""
    sys.path.insert(0, a.root)
    import importlib

    import service.engine as engine

    own, stack, clock = {}, [], time.perf_counter

    def timed(name, fn):
        def run(*args, **kw):
            stack.append(0.0)
            t = clock()
            try:
                return fn(*args, **kw)
            finally:
                d = clock() - t
                inner = stack.pop()
                own[name] = own.get(name, 0.0) + d - inner
                if stack:
                    stack[-1] += d

        return run

    for name in STAGE_FUNCS:
        if hasattr(engine, name):
            setattr(engine, name, timed(name, getattr(engine, name)))
    for mod, cls, meth in STAGE_METHODS:
        c = getattr(importlib.import_module(f"service.engine.{mod}"), cls)
        if meth in vars(c):
            setattr(c, meth, timed(f"{cls}.{meth}", vars(c)[meth]))
    if a.detail:  # every method of the engine's classes, each its own time (a timer per call: slower)
        import inspect

        for mod, cls in DETAIL:
            c = getattr(importlib.import_module(f"service.engine.{mod}"), cls, None)
            for meth, fn in list(vars(c or object).items()):
                if c is not None and inspect.isfunction(fn):
                    if not any(m == meth and k == cls for _, k, m in STAGE_METHODS):
                        setattr(c, meth, timed(f"{cls}.{meth}", fn))
    extract = timed("extract (total)", engine.extract)
    texts = [Path(p).read_text(encoding="utf-8") for p in a.texts]
    for t in texts:
        extract(t)
    best, passes, t0 = None, 0, time.process_time()
    while passes == 0 or time.process_time() - t0 < a.seconds:
        own.clear()
        for t in texts:
            extract(t)
        if best is None or own["extract (total)"] < best["extract (total)"]:
            best = dict(own)
        passes += 1
    print("RESULT " + json.dumps({"passes": passes, "own": best}))


def stages(roots, sets, seconds, reps=3, detail=False):
    """Each stage's own time in the best pass, new against old (the smallest of reps runs each)."""
    out = {}
    for label, files in sets.items():
        res = {"new": {}, "old": {}}
        for i in range(reps):
            for v in ("new", "old") if i % 2 == 0 else ("old", "new"):
                own = child("--stages-worker", roots[v], files, seconds, ["--detail"] * detail)["own"]
                if not res[v] or own["extract (total)"] < res[v]["extract (total)"]:
                    res[v] = own
        out[label] = res
        print(f"\n{label}: own time of each stage in the best pass, ms (new, old, new − old)")
        for k in sorted(res["new"].keys() | res["old"].keys(), key=lambda k: -res["new"].get(k, 0.0)):
            n, o = res["new"].get(k, 0.0), res["old"].get(k, 0.0)
            print(f"  {k:28} {n * 1e3:8.3f} {o * 1e3:8.3f} {(n - o) * 1e3:+8.3f}")
    return out


def profile(roots, sets, seconds, top, reps=3):
    """Top functions by self time per pass, new against old, on each set of texts.

    Each version is profiled ``reps`` times, alternating, and each function keeps its
    smallest self time per pass over the repetitions (the one least slowed by other load).
    """
    out = {}
    for label, files in sets.items():
        res = {"new": {}, "old": {}}
        for i in range(reps):
            for v in ("new", "old") if i % 2 == 0 else ("old", "new"):
                for k, row in child("--profile-worker", roots[v], files, seconds)["rows"].items():
                    best = res[v].get(k)
                    if best is None or row[1] < best[1]:
                        res[v][k] = row
        out[label] = res
        tot = {v: sum(tt for _c, tt, _ct in res[v].values()) for v in res}
        print(
            f"\n{label}: self time per pass under cProfile, new {tot['new'] * 1e3:.2f} ms, "
            f"old {tot['old'] * 1e3:.2f} ms"
        )
        print(
            f"{'function (file:name)':52} {'new ms':>7} {'calls':>7} {'old ms':>7} {'calls':>7} {'Δ ms':>7}"
        )
        for k, (c, tt, _ct) in sorted(res["new"].items(), key=lambda kv: -kv[1][1])[:top]:
            oc, ott, _ = res["old"].get(k, (0, 0.0, 0.0))
            print(f"{k[:52]:52} {tt * 1e3:7.3f} {c:7.0f} {ott * 1e3:7.3f} {oc:7.0f} {(tt - ott) * 1e3:+7.3f}")
        grow = sorted(
            res["new"].keys() | res["old"].keys(),
            key=lambda k: -(res["new"].get(k, (0, 0.0))[1] - res["old"].get(k, (0, 0.0))[1]),
        )
        print("largest increases in self time (new − old):")
        for k in grow[:top]:
            n, o = res["new"].get(k, (0, 0.0, 0.0)), res["old"].get(k, (0, 0.0, 0.0))
            print(
                f"  {k[:52]:52} {n[1] * 1e3:7.3f} {n[0]:7.0f} {o[1] * 1e3:7.3f} {o[0]:7.0f} "
                f"{(n[1] - o[1]) * 1e3:+7.3f}"
            )
        print("stages of extract, cumulative time per pass (new, old, Δ ms):")
        for k in STAGES:
            n, o = res["new"].get(k, (0, 0.0, 0.0)), res["old"].get(k, (0, 0.0, 0.0))
            print(f"  {k:40} {n[2] * 1e3:8.3f} {o[2] * 1e3:8.3f} {(n[2] - o[2]) * 1e3:+8.3f}")
    return out


# what service.engine.extract calls, in order (a stage absent from one version reads 0)
STAGES = (
    "numerals.py:fold",
    "sections.py:find_sections",
    "sections.py:__init__",
    "cues.py:__init__",
    "quantities.py:__init__",
    "quantities.py:mentions",
    "breakdowns.py:mark_from_to",
    "kpis.py:name_all",
    "currency.py:resolve",
    "placeholders.py:find",
    "kpis.py:name_blank",
    "breakdowns.py:find",
    "kpis.py:name_parts",
    "__init__.py:_answer",
    "__init__.py:extract",
)


def child(mode, root, files, seconds, extra=(), venv="project"):
    """Run this script's worker ``mode`` in a fresh process on ``root``; its RESULT as a dict."""
    cmd = [
        str(PYTHONS[venv]),
        __file__,
        mode,
        "--root",
        str(root),
        "--seconds",
        str(seconds),
        *extra,
        "--texts",
        *map(str, files),
    ]
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")  # write nothing into the old tree
    r = subprocess.run(cmd, cwd="/", capture_output=True, text=True, env=env, timeout=900)
    lines = [x for x in r.stdout.splitlines() if x.startswith("RESULT ")]
    if r.returncode or not lines:
        raise SystemExit(f"{' '.join(cmd[2:4])} at {root}: exit {r.returncode}: {r.stderr.strip()[-400:]}")
    return json.loads(lines[-1][7:])


def summary(m):
    """One line of a round's (or the medians') figures."""
    return (
        f"seeds ÷ jionlp new {m['ratio_new']:.2f}× old {m['ratio_old']:.2f}×; corpus new "
        f"{m['corpus_new'] / 1e6:.2f} M old {m['corpus_old'] / 1e6:.2f} M chars/s; new÷old seeds "
        f"{m['seeds_new_over_old']:.3f} corpus {m['corpus_new_over_old']:.3f}; first 42 texts new "
        f"{m['first42_new'] / 1e6:.2f} M old {m['first42_old'] / 1e6:.2f} M"
    )


def measure(engine, root, files, seconds):
    venv = "bench" if engine == "jionlp" else "project"
    res = child("--worker", root, files, seconds, ["--engine", engine], venv)
    if engine == "suanpan" and not res["loaded_from"].startswith(str(root)):
        raise SystemExit(f"suanpan loaded from {res['loaded_from']}, not {root}")
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--old", help="a work tree at the old commit")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seconds", type=float, default=2.0, help="CPU seconds per measure")
    ap.add_argument("--profile", type=int, metavar="N", help="instead: cProfile both, top N functions")
    ap.add_argument("--profile-reps", type=int, default=3, help="profiles of each version (smallest kept)")
    ap.add_argument("--stages", action="store_true", help="instead: each stage's own time, new against old")
    ap.add_argument(
        "--detail", action="store_true", help="with --stages: every method of the engine's classes"
    )
    ap.add_argument("--stages-worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--profile-worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--engine", help=argparse.SUPPRESS)
    ap.add_argument("--root", help=argparse.SUPPRESS)
    ap.add_argument("--texts", nargs="*", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.worker:
        return worker(a)
    if a.profile_worker:
        return profile_worker(a)
    if a.stages_worker:
        return stages_worker(a)
    if not a.old:
        ap.error("--old is required")

    roots = {"new": ROOT, "old": Path(a.old).resolve()}
    revs = {
        k: subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=v, capture_output=True, text=True
        ).stdout.strip()
        for k, v in roots.items()
    }
    seeds, corpus = seed_files(), corpus_files()
    first42 = corpus[:42]  # the seeds and documents 001-040: the corpus when 1.79 M was measured
    print(
        f"new = {roots['new']} @ {revs['new']}, old = {roots['old']} @ {revs['old']}; "
        f"seeds {sum(len(f.read_text(encoding='utf-8')) for f in seeds):,} chars, "
        f"corpus {len(corpus)} texts; {a.rounds} rounds of {a.seconds} CPU s per measure",
        flush=True,
    )
    if a.stages:
        res = stages(roots, {"seeds": seeds, "corpus": corpus}, a.seconds, a.profile_reps, a.detail)
        OUT.mkdir(exist_ok=True)
        (OUT / "oldnew-stages.json").write_text(
            json.dumps({"revisions": revs, "stages": res}), encoding="utf-8"
        )
        return
    if a.profile:
        res = profile(roots, {"seeds": seeds, "corpus": corpus}, a.seconds, a.profile, a.profile_reps)
        OUT.mkdir(exist_ok=True)
        (OUT / "oldnew-profile.json").write_text(
            json.dumps({"revisions": revs, "profile": res}), encoding="utf-8"
        )
        return
    rounds = []
    for i in range(a.rounds):
        load = os.getloadavg()
        order = ["new", "old"] if i % 2 == 0 else ["old", "new"]
        r = {"load": load, "order": order}
        r["jionlp_seeds"] = measure("jionlp", ROOT, seeds, a.seconds)
        for v in order:
            r[f"{v}_seeds"] = measure("suanpan", roots[v], seeds, a.seconds)
            r[f"{v}_corpus"] = measure("suanpan", roots[v], corpus, a.seconds)
            r[f"{v}_first42"] = measure("suanpan", roots[v], first42, a.seconds)
        for clock in ("cpu", "wall", "best"):
            k = f"{clock}_cps"
            r[clock] = {
                "ratio_new": r["new_seeds"][k] / r["jionlp_seeds"][k],
                "ratio_old": r["old_seeds"][k] / r["jionlp_seeds"][k],
                "corpus_new": r["new_corpus"][k],
                "corpus_old": r["old_corpus"][k],
                "seeds_new_over_old": r["new_seeds"][k] / r["old_seeds"][k],
                "corpus_new_over_old": r["new_corpus"][k] / r["old_corpus"][k],
                "first42_new": r["new_first42"][k],
                "first42_old": r["old_first42"][k],
            }
        for clock in ("cpu", "best"):
            print(
                f"round {i + 1} (load {load[0]:.2f}, {'→'.join(order)}) {clock}: {summary(r[clock])}",
                flush=True,
            )
        rounds.append(r)

    med = {
        clock: {k: statistics.median(r[clock][k] for r in rounds) for k in rounds[0][clock]}
        for clock in ("cpu", "wall", "best")
    }
    for clock, m in med.items():
        print(f"median of {a.rounds} rounds, {clock}: {summary(m)}")
    OUT.mkdir(exist_ok=True)
    (OUT / "oldnew.json").write_text(
        json.dumps(
            {
                "date": time.strftime("%Y-%m-%d %H:%M %Z"),
                "revisions": revs,
                "seconds": a.seconds,
                "rounds": rounds,
                "median": med,
            },
            indent=1,
        ),
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
