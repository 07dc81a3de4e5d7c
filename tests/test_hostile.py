"""Hostile clients against a real gunicorn: malformed framing, slow and idle sockets, timeouts.

Each case goes over a raw socket, as an attacker would send it; every answer must be a
problem+json document with the right status, and the server must keep answering others.
"""

import http.client
import json
import threading
import time

import pytest

from helpers.live import default_argv, free_port, gunicorn

PROBLEM = "application/problem+json"
HEAD = b"Host: test\r\nContent-Type: text/plain; charset=utf-8\r\n"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with gunicorn(
        tmp_path_factory.mktemp("hostile"), workers=1, env={"SUANPAN_READ_TIMEOUT": "3"}
    ) as running:
        yield running


def exchange(server, raw, timeout=10):
    """Send ``raw`` bytes, then read one response: (status, headers, body)."""
    with server.connect(timeout=timeout) as sock:
        sock.sendall(raw)
        response = http.client.HTTPResponse(sock)
        response.begin()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()


def problem_of(answer):
    status, headers, body = answer
    assert headers["content-type"] == PROBLEM, (status, headers, body)
    problem = json.loads(body)
    assert problem["status"] == status
    return problem


@pytest.mark.parametrize(
    "raw, status",
    [
        pytest.param(
            b"POST /v1/extract HTTP/1.1\r\n" + HEAD + b"Content-Length: 3\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
            400,
            id="content-length-with-transfer-encoding",
        ),
        pytest.param(
            b"POST /v1/extract HTTP/1.1\r\n" + HEAD + b"Content-Length: -1\r\n\r\n",
            400,
            id="negative-content-length",
        ),
        pytest.param(
            "GET /v1/extract?text=销售 HTTP/1.1\r\nHost: test\r\n\r\n".encode(),
            400,
            id="raw-utf8-in-request-line",
        ),
        pytest.param(
            b"GET /healthz HTTP/1.1\r\nHost: test\r\nX-Big: " + b"a" * 9000 + b"\r\n\r\n",
            431,
            id="9kb-header",
        ),
        pytest.param(b"GET /healthz?" + b"a" * 9000 + b" HTTP/1.1\r\nHost: test\r\n\r\n", 414, id="9kb-uri"),
        pytest.param(
            b"POST /v1/extract HTTP/1.1\r\n" + HEAD + b"Transfer-Encoding: chunked\r\n\r\n"
            b"zz\r\nabc\r\n0\r\n\r\n",
            400,
            id="invalid-chunk-size",
        ),
        pytest.param(b"POST /v1/extract HTTP/1.1\r\n" + HEAD + b"\r\n", 411, id="no-length-on-post"),
        pytest.param(
            b"POST /v1/extract HTTP/1.1\r\n" + HEAD + b"Transfer-Encoding: gzip\r\n\r\n",
            501,
            id="unsupported-transfer-coding",
        ),
    ],
)
def test_framing_errors_are_problems(server, raw, status):
    problem = problem_of(exchange(server, raw))
    assert "Traceback" not in problem["detail"] and "<" not in problem["detail"]


def test_a_request_too_slow_to_arrive_gets_408(server):
    with server.connect() as sock:
        sock.sendall(b"POST /v1/extract HTTP/1.1\r\n" + HEAD + b"Content-Length: 100\r\n\r\nabc")
        response = http.client.HTTPResponse(sock)
        response.begin()
        assert (response.status, response.getheader("content-type")) == (408, PROBLEM)


def test_client_dropping_mid_chunk_is_no_error_and_frees_the_worker(server):
    before = server.log()
    for _ in range(8):  # more than the worker's threads
        with server.connect() as sock:
            sock.sendall(
                b"POST /v1/extract HTTP/1.1\r\n" + HEAD + b"Transfer-Encoding: chunked\r\n\r\n10\r\nabc"
            )
    assert server.request("GET", "/healthz", timeout=2)[0] == 200
    new = server.log()[len(before) :]
    assert '"level": "error"' not in new, new


def test_server_header_has_no_version(server):
    status, headers, _ = server.request("GET", "/healthz")
    assert headers["server"] == "gunicorn"


def test_kept_alive_connection_serves_several_requests(server):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    try:
        for _ in range(3):
            conn.request(
                "POST",
                "/v1/extract",
                body="共销售住宅41套。".encode(),
                headers={"Content-Type": "text/plain"},
            )
            response = conn.getresponse()
            assert (response.status, response.getheader("connection")) == (200, "keep-alive")
            response.read()
    finally:
        conn.close()


def test_expect_continue_is_answered_before_the_body(server):
    body = "共销售住宅41套。".encode()
    with server.connect(timeout=5) as sock:
        sock.sendall(
            b"POST /v1/extract HTTP/1.1\r\n" + HEAD + b"Expect: 100-continue\r\n"
            b"Content-Length: %d\r\n\r\n" % len(body)
        )
        assert sock.recv(100).startswith(b"HTTP/1.1 100 Continue\r\n\r\n")
        sock.sendall(body)
        response = http.client.HTTPResponse(sock)
        response.begin()
        assert response.status == 200


# --- slow clients --------------------------------------------------------------------------

REPORT = (
    "2024年上半年，本项目共销售住宅41套，销售面积4520平方米，实现销售收入1.2亿元，"
    "同比增长15%。其中住户咨询155件。"
)


def _trickle(server, stop, body):
    """Send a request a few bytes at a time until ``stop``; headers or a body, never finished."""
    try:
        with server.connect(timeout=30) as sock:
            head = (
                b"POST /v1/extract HTTP/1.1\r\n" + HEAD + b"Content-Length: 100000\r\n\r\n"
                if body
                else b"GET /healthz HTTP/1.1\r\nHost: test\r\nX-Slow: "
            )
            sock.sendall(head)
            while not stop.wait(0.2):
                sock.sendall(b"a")
    except OSError:
        pass  # dropped at the read deadline: what the server should do


def test_slow_and_idle_clients_leave_others_served(tmp_path):
    text = (REPORT * 30)[:1000]  # 1 000 characters, 3 KB of UTF-8
    stop, timings = threading.Event(), []
    with gunicorn(tmp_path, workers=2) as server:
        idle = [server.connect() for _ in range(2)]
        tricklers = [threading.Thread(target=_trickle, args=(server, stop, i % 2)) for i in range(50)]
        for t in tricklers:
            t.start()
        time.sleep(1.0)
        try:
            for i in range(100):
                started = time.perf_counter()
                if i % 2:
                    status = server.request("GET", "/healthz", timeout=5)[0]
                else:
                    status = server.request(
                        "POST", "/v1/extract", text.encode(), {"Content-Type": "text/plain"}, timeout=5
                    )[0]
                timings.append(time.perf_counter() - started)
                assert status == 200
        finally:
            stop.set()
            for t in tricklers:
                t.join()
            for sock in idle:
                sock.close()
    timings.sort()
    assert timings[98] < 0.1, timings[-5:]


def test_request_over_the_worker_timeout_gets_a_503_problem(tmp_path):
    # A WSGI app that sleeps stands in for an extraction too long for the timeout.
    argv = [*default_argv()[:-1], "--pythonpath", "tests", "helpers.sleepy:app"]
    with gunicorn(tmp_path, argv, workers=1, extra_args="--timeout 2") as server:
        status, headers, body = server.request("GET", "/sleep?s=30", timeout=30)
        assert (status, headers["content-type"]) == (503, PROBLEM)
        assert json.loads(body)["status"] == 503
        assert server.request("GET", "/healthz", timeout=10)[0] == 200


# --- bounded answers and a separate metrics port -------------------------------------------


def peak_rss_mb(pid):
    """The process's peak resident set (VmHWM) in MB."""
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        line = next(line for line in f if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def test_a_megabyte_of_figures_leaves_the_worker_under_150_mb(server):
    body = b"50%" * (1024 * 1024 // 3)
    problem = problem_of(
        server.request("POST", "/v1/extract", body, {"Content-Type": "text/plain"}, timeout=60)
    )
    assert problem["type"] == "urn:suanpan:problem:too-many-mentions"
    [worker] = server.worker_pids()
    assert peak_rss_mb(worker) <= 150


def test_metrics_can_have_a_port_of_their_own(tmp_path):
    port = free_port()
    env = {"SUANPAN_METRICS_PORT": str(port), "SUANPAN_METRICS_HOST": "127.0.0.1"}
    with gunicorn(tmp_path, env=env) as server:
        public = server.request("GET", "/metrics")
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            conn.request("GET", "/metrics")
            private = conn.getresponse()
            private_status, private_body = private.status, private.read()
            conn.request("GET", "/healthz")
            other = conn.getresponse().status
        finally:
            conn.close()
    assert problem_of(public)["status"] == 404
    assert private_status == 200 and b"suanpan_http_requests_total" in private_body
    assert other == 404
