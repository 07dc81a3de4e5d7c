"""gunicorn.conf.py run as gunicorn runs it: settings from the environment, the metrics directory."""

import os
from functools import partial
from pathlib import Path
from types import SimpleNamespace

import pytest

from helpers import gunicorn_conf


@pytest.fixture
def load(monkeypatch):
    """Run gunicorn.conf.py under the given environment (None removes a variable); return its names."""
    return partial(gunicorn_conf.load, monkeypatch)


@pytest.fixture
def metrics_dir(tmp_path, monkeypatch):
    path = tmp_path / "metrics"
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(path))
    return path


def test_port_sets_the_bind(load, metrics_dir):
    assert load(PORT="9123")["bind"] == ["0.0.0.0:9123"]


def test_port_defaults_to_8000(load, metrics_dir):
    assert load(PORT=None)["bind"] == ["0.0.0.0:8000"]


def test_web_concurrency_sets_the_workers(load, metrics_dir):
    assert load(WEB_CONCURRENCY="5")["workers"] == 5


def test_bad_web_concurrency_stops_the_start(load, metrics_dir):
    with pytest.raises(SystemExit, match="WEB_CONCURRENCY"):
        load(WEB_CONCURRENCY="lots")


def test_given_metrics_dir_is_created(load, metrics_dir):
    load()
    assert metrics_dir.is_dir()


def test_stale_metric_files_are_removed_at_start(load, metrics_dir):
    metrics_dir.mkdir()
    (metrics_dir / "counter_4242.db").write_bytes(b"old")
    (metrics_dir / "notes.txt").write_text("not ours")
    load()
    assert sorted(p.name for p in metrics_dir.iterdir()) == ["notes.txt"]


def test_config_reload_keeps_live_metric_files(load, metrics_dir):
    conf = load()
    (metrics_dir / "counter_4242.db").write_bytes(b"live")
    conf["prepare_metrics_dir"]()  # what a SIGHUP reload runs again in the same master
    assert (metrics_dir / "counter_4242.db").exists()


def test_metrics_dir_is_made_when_unset(load):
    conf = load(PROMETHEUS_MULTIPROC_DIR=None)
    path = Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])
    try:
        assert path.is_dir()
    finally:
        conf["on_exit"](None)


def test_own_metrics_dir_is_removed_on_exit(load):
    conf = load(PROMETHEUS_MULTIPROC_DIR=None)
    path = Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])
    conf["on_exit"](None)
    assert not path.exists()


def test_given_metrics_dir_survives_exit(load, metrics_dir):
    load()["on_exit"](None)
    assert metrics_dir.is_dir()


def test_child_exit_drops_the_dead_workers_live_gauges(load, metrics_dir):
    conf = load()
    (metrics_dir / "gauge_livesum_4242.db").write_bytes(b"")
    conf["child_exit"](None, SimpleNamespace(pid=4242))
    assert not (metrics_dir / "gauge_livesum_4242.db").exists()


@pytest.mark.parametrize("access_log", [None, "-"], ids=["shipped", "access-logfile"])
def test_gunicorn_builds_an_access_line_only_when_one_is_written(load, metrics_dir, monkeypatch, access_log):
    from gunicorn.config import Config
    from gunicorn.glogging import Logger

    from service import worker

    conf = load()
    cfg = Config()
    for name in ("accesslog", "logconfig_dict", "logger_class"):
        cfg.set(name, conf[name])
    if access_log:
        cfg.set("accesslog", access_log)
    logger = cfg.logger_class(cfg)
    built = []
    monkeypatch.setattr(Logger, "atoms", lambda *args: built.append(args) or {})
    logger.access(SimpleNamespace(), SimpleNamespace(), {}, None)
    assert cfg.logger_class is worker.Logger and bool(built) == bool(access_log)


def test_each_worker_is_warmed_before_it_takes_requests(load, metrics_dir, monkeypatch):
    import service.warmup

    calls = []
    monkeypatch.setattr(service.warmup, "warm", lambda: calls.append("warm"))
    load()["post_worker_init"](SimpleNamespace())
    assert calls == ["warm"]


def test_the_master_freezes_its_objects_before_each_fork(load, metrics_dir):
    import gc

    gc.unfreeze()
    try:
        gc.collect()
        load()["pre_fork"](SimpleNamespace(), SimpleNamespace())
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
