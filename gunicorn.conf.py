"""Gunicorn settings for suanpan: PORT and WEB_CONCURRENCY from the environment (any other
option through GUNICORN_CMD_ARGS), defaults chosen for a CPU-bound engine."""

import gc
import math
import os
import shutil
import tempfile


def _env_int(name, default):
    """``int(os.environ[name])``, or ``default`` when unset or empty; a bad value stops the start."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be an integer, got {raw!r}") from None


def usable_cores():
    """Cores this process may run on: its CPU affinity, capped by a cgroup CPU quota (a Kubernetes limit)."""
    cores = len(os.sched_getaffinity(0))
    for path, parse in (
        ("/sys/fs/cgroup/cpu.max", lambda s: s.split()),  # cgroup v2: "quota period"
        ("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", lambda s: [s, None]),
    ):  # cgroup v1
        try:
            with open(path, encoding="ascii") as f:
                quota, period = parse(f.read().strip())
            if period is None:
                with open("/sys/fs/cgroup/cpu/cpu.cfs_period_us", encoding="ascii") as f:
                    period = f.read().strip()
        except (OSError, ValueError):
            continue
        if quota not in ("max", "-1"):
            cores = min(cores, max(1, math.ceil(int(quota) / int(period))))
        break
    return cores


_METRICS_TEMP_PREFIX = "suanpan-metrics-"
_METRICS_PREPARED_BY = "SUANPAN_METRICS_PREPARED_BY"


def prepare_metrics_dir():
    """Point PROMETHEUS_MULTIPROC_DIR at an empty directory, once per master; return its path.

    It must be in the environment before the app is preloaded (this module's body runs
    first), because prometheus_client picks its multiprocess mode when first imported.
    Unset, a fresh temporary directory is made (and removed in ``on_exit``); set, the
    directory is created if needed and emptied of a previous run's files. A config reload
    (SIGHUP) runs this module again in the same master and must not wipe live files.
    """
    if os.environ.get(_METRICS_PREPARED_BY) != str(os.getpid()):
        path = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "").strip()
        if path:
            os.makedirs(path, exist_ok=True)
            for name in os.listdir(path):
                if name.endswith(".db"):  # a previous run's pids would be summed in
                    os.unlink(os.path.join(path, name))
        else:
            os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix=_METRICS_TEMP_PREFIX)
        os.environ[_METRICS_PREPARED_BY] = str(os.getpid())
    return os.environ["PROMETHEUS_MULTIPROC_DIR"]


# --- where and how many ---------------------------------------------------------------
bind = [f"0.0.0.0:{_env_int('PORT', 8000)}"]
# The engine is CPU-bound and pure Python: one worker per usable core keeps every core
# busy without two workers fighting over one. More only adds memory and latency.
workers = _env_int("WEB_CONCURRENCY", usable_cores())
# gthread, reading each request whole in its event loop before a thread sees it: idle and
# trickling clients cost a buffer, not a thread (sync workers were taken offline by two
# idle sockets), and connections are kept alive. Why this and not gevent or a proxy: README.
worker_class = "service.worker.BufferingWorker"
# Threads only run complete requests, so a few suffice: one extraction at a time uses the
# core, the others let /healthz and small requests through while a long one runs.
threads = 4
# Kept-alive and read-buffering connections per worker; each costs a socket and at most
# one request's buffer (SUANPAN_MAX_BODY_BYTES) while it is being read.
worker_connections = 200

# --- time limits (these and the rest: override with GUNICORN_CMD_ARGS="--timeout 120") -
# A request still running after `timeout` seconds is answered 503 and its worker replaced
# (service/worker.py), so no input can hold a core forever.
timeout = 60
# On SIGTERM, requests in flight get this long to finish before workers are killed;
# Kubernetes' terminationGracePeriodSeconds is set above it (deploy/k8s/deployment.yaml).
graceful_timeout = 30
# Seconds an idle kept-alive connection stays open; reading a request has its own
# deadline, SUANPAN_READ_TIMEOUT.
keepalive = 5

# --- recycling: bound any slow leak, and stagger restarts so workers never all recycle at once.
# The 60 s soak showed no growth after warm-up (BENCHMARKS.md), and each restart costs a
# latency spike and leaves its metric files behind, so recycle rarely.
max_requests = 20000
max_requests_jitter = 2000

# --- request head limits (the body limit is the app's, see service/settings.py) -------
# GET /v1/extract?text=… carries the text in the line: 8190 is gunicorn's ceiling, about
# 900 Chinese characters percent-encoded; longer texts are POSTed.
limit_request_line = 8190
limit_request_fields = 100  # gunicorn's default, stated: proxies and tracing add headers
limit_request_field_size = 8190

# --- process model ----------------------------------------------------------------------
# Load the app (and the engine's lexicon) once in the master, then fork: faster worker
# starts, shared memory pages, and a broken app fails the start instead of looping workers.
preload_app = True
# Gunicorn 27 opens a control socket under $HOME by default; the image's user has no home
# and the root filesystem is read-only, and the orchestrator, not gunicornc, manages us.
control_socket_disable = True

# --- logs: JSON lines on stderr; the app logs each request itself, so no access log ----
accesslog = None
logger_class = "service.worker.Logger"  # and gunicorn builds no access line nobody writes
errorlog = "-"
loglevel = "info"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "service.logs.JsonFormatter"}},
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    },
    "root": {"level": "INFO", "handlers": ["stderr"]},
    "loggers": {
        # no "level": gunicorn sets it from `loglevel` (--log-level)
        "gunicorn.error": {"handlers": ["stderr"], "propagate": False},
    },
}

# --- metrics across workers ---------------------------------------------------------------
prepare_metrics_dir()


def on_starting(server):
    """Listen on SUANPAN_METRICS_PORT too, when set, however the main bind was given."""
    port = os.environ.get("SUANPAN_METRICS_PORT", "").strip()
    if port:
        host = os.environ.get("SUANPAN_METRICS_HOST", "").strip() or "0.0.0.0"
        server.cfg.set("bind", [*server.cfg.bind, f"{host}:{port}"])


def pre_fork(server, worker):
    """Move the preloaded app's objects out of the collector's sight before each fork: a
    collection in a worker would otherwise write to (and so copy) the master's pages."""
    gc.freeze()


def post_worker_init(worker):
    """Run the engine once before the worker takes requests (service/warmup.py): the first
    client after a start or a recycle does not pay for the code pages and caches."""
    from service.warmup import warm

    warm()


def child_exit(server, worker):
    """A worker is gone: drop its live gauges from what /metrics adds up."""
    # Imported here, not at the top: prometheus_client fixes its mode when first imported,
    # and the top of this file runs before PROMETHEUS_MULTIPROC_DIR is set.
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    """Remove the metrics directory if this run made it; one given in the environment stays."""
    path = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")
    if os.path.dirname(path) == tempfile.gettempdir() and os.path.basename(path).startswith(
        _METRICS_TEMP_PREFIX
    ):
        shutil.rmtree(path, ignore_errors=True)
