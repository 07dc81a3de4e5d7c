"""Run a real gunicorn on a free 127.0.0.1 port for live tests, and always stop it."""

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
APP = "service:create_app()"
START_TIMEOUT = 60  # seconds for the master to preload the app and a worker to answer
STOP_TIMEOUT = 40  # above gunicorn.conf.py's graceful_timeout (30 s)


def free_port():
    """A TCP port free on 127.0.0.1 right now (the kernel picks it)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def default_argv():
    """The command `make run` uses, from this test's virtualenv."""
    return [str(GUNICORN), "--config", "gunicorn.conf.py", APP]


class Server:
    """A running gunicorn master: its process, port and log file."""

    def __init__(self, proc, port, log_path):
        self.proc, self.port, self.log_path = proc, port, log_path

    def log(self):
        """Everything the master and its workers wrote to stdout and stderr so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def request(self, method, path, body=None, headers=None, timeout=30):
        """One HTTP request; returns (status, headers as a dict with lower-case names, body bytes)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            resp = conn.getresponse()
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
        finally:
            conn.close()

    def connect(self, timeout=30):
        """A raw socket to the server, for requests http.client will not send as written."""
        return socket.create_connection(("127.0.0.1", self.port), timeout=timeout)

    def worker_pids(self):
        """Pids of the master's live children (its workers)."""
        path = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        return [int(p) for p in path.read_text().split()]

    def stop(self, timeout=STOP_TIMEOUT):
        """SIGTERM the master and wait; SIGKILL its whole process group past ``timeout``."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            return self.proc.wait(10)


def _wait_until_up(server, deadline):
    """Poll GET /healthz until it answers 200; fail with the log if the master dies or time runs out."""
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.proc.returncode}:\n{server.log()[-4000:]}")
        try:
            if server.request("GET", "/healthz", timeout=2)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"gunicorn not answering after {START_TIMEOUT}s:\n{server.log()[-4000:]}")


@contextlib.contextmanager
def gunicorn(log_dir, argv=None, *, env=None, cwd=ROOT, workers=1, inherit_env=True, extra_args=""):
    """Run ``argv`` (default: the project's gunicorn command) bound to a free loopback port.

    ``env`` is laid over this process's environment (or stands alone, without
    ``inherit_env``); a None value removes the variable. ``extra_args`` go on the end of
    GUNICORN_CMD_ARGS (``--timeout 2``).
    The bind (and ``workers`` unless None) go in GUNICORN_CMD_ARGS, which gunicorn applies
    over its config file, so ``argv`` can be a command exactly as an image runs it. Yields
    a ``Server`` once /healthz answers; on exit the whole process group is gone.
    """
    port = free_port()
    base = os.environ if inherit_env else {}
    run_env = {k: v for k, v in {**base, **(env or {})}.items() if v is not None}
    run_env["GUNICORN_CMD_ARGS"] = (
        f"--bind 127.0.0.1:{port}"
        + (f" --workers {workers}" if workers else "")
        + (f" {extra_args}" if extra_args else "")
    )
    log_path = Path(log_dir) / f"gunicorn-{port}.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            argv or default_argv(),
            cwd=cwd,
            env=run_env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(proc, port, log_path)
    try:
        _wait_until_up(server, time.monotonic() + START_TIMEOUT)
        yield server
    finally:
        server.stop()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # any worker orphaned by a crash
