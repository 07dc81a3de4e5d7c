"""Prometheus metrics: requests and latency by route and status; documents, characters, KPIs."""

import collections
import os

from flask import abort, current_app, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
    values,
)

from service.logs import elapsed_seconds

_LABELS = ("method", "route", "status")
# Label values must be a short, fixed list: each new one is a series in every worker's files.
_METHODS = frozenset(("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"))
OTHER = "other"
_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)


def _multiprocess():
    return bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))


def _follow_environment():
    """Choose prometheus_client's value store from the environment now, not at its first import.

    prometheus_client fixes multiprocess mode when first imported; anything that imported it
    earlier under another environment (a test that ran gunicorn.conf.py in-process, a host
    module) would otherwise make this app count in the wrong place.
    """
    values.ValueClass = values.MultiProcessValue() if _multiprocess() else values.MutexValue


class Metrics:
    """The service's metrics, in a registry of their own so each app (and test) starts at zero."""

    def __init__(self):
        _follow_environment()
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "suanpan_http_requests", "HTTP requests answered.", _LABELS, registry=self.registry
        )
        self.latency = Histogram(
            "suanpan_http_request_duration_seconds",
            "Time to answer an HTTP request.",
            _LABELS,
            buckets=_BUCKETS,
            registry=self.registry,
        )
        self.documents = Counter("suanpan_documents", "Documents extracted.", registry=self.registry)
        self.characters = Counter(
            "suanpan_characters", "Characters of text extracted.", registry=self.registry
        )
        self.kpis = Counter("suanpan_kpis", "KPIs found, by name.", ("name",), registry=self.registry)
        self.engine_cpu = Counter(
            "suanpan_engine_cpu_seconds",
            "CPU time the engine took on the documents extracted "
            "(its thread's): with a process's CPU time, what the HTTP layer costs.",
            registry=self.registry,
        )
        # prometheus_client looks a child up by its label values under a lock, each time;
        # these keep the children this process has used (the same objects it would return).
        self._by_request, self._by_kpi = {}, {}

    def request(self, labels):
        """The (requests, latency) children of one (method, route, status)."""
        children = self._by_request.get(labels)
        if children is None:
            children = self._by_request[labels] = (
                self.requests.labels(*labels),
                self.latency.labels(*labels),
            )
        return children

    def kpi(self, name):
        child = self._by_kpi.get(name)
        if child is None:
            child = self._by_kpi[name] = self.kpis.labels(name)
        return child


def _metrics():
    return current_app.extensions["suanpan.metrics"]


def observe_answer(answer, cpu_seconds):
    """Count one extracted document, its characters, its KPIs and the engine's CPU time on it."""
    metrics = _metrics()
    metrics.documents.inc()
    metrics.engine_cpu.inc(cpu_seconds)
    metrics.characters.inc(answer["document"]["chars"])
    # one write per KPI name, not per KPI: under gunicorn each write goes to the worker's file
    for name, count in collections.Counter(kpi["name"] for kpi in answer["kpis"]).items():
        metrics.kpi(name).inc(count)


def exposition():
    """The metrics in Prometheus text format, and its content type.

    Under several gunicorn workers each one writes its values to files in
    PROMETHEUS_MULTIPROC_DIR; reading them all is what makes the totals right.
    """
    if _multiprocess():
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = _metrics().registry
    return generate_latest(registry), CONTENT_TYPE_LATEST


def _record(response):
    # The rule, not the path: paths are unbounded (404 scans), rules are a short list.
    req = request._get_current_object()  # one proxy look-up, not one per attribute
    route = req.url_rule.rule if req.url_rule else "unmatched"
    method = req.method if req.method in _METHODS else OTHER
    requests, latency = _metrics().request((method, route, str(response.status_code)))
    requests.inc()
    latency.observe(elapsed_seconds())
    return response


def _local_port():
    """The port this request came in on (the listening socket's, not the Host header's)."""
    try:
        return request.environ["gunicorn.socket"].getsockname()[1]
    except (KeyError, OSError, AttributeError, IndexError):
        return int(request.environ.get("SERVER_PORT") or 0)


def _split_ports():
    """With SUANPAN_METRICS_PORT set, /metrics is there alone, and 404 on the public port."""
    port = current_app.config["METRICS_PORT"]
    if port is not None and (request.path == "/metrics") != (_local_port() == port):
        abort(404)


def init_app(app):
    app.extensions["suanpan.metrics"] = Metrics()
    app.before_request(_split_ports)
    app.after_request(_record)
