"""The service under a real gunicorn on a loopback port: shutdown, streamed bodies, logs, workers."""

import http.client
import json
import signal
import threading
import time
from urllib.parse import quote

from helpers.live import STOP_TIMEOUT, gunicorn
from service.settings import defaults

BODY_LIMIT = 64 * 1024
SMALL_LIMIT = {"SUANPAN_MAX_BODY_BYTES": str(BODY_LIMIT)}


def read_response(sock):
    """Parse one HTTP response from a raw socket: (status, body bytes)."""
    resp = http.client.HTTPResponse(sock)
    resp.begin()
    return resp.status, resp.read()


def wait_for(predicate, timeout=10.0):
    """Poll ``predicate`` until true or ``timeout`` seconds pass; return its last value."""
    deadline = time.monotonic() + timeout
    while not (ok := predicate()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return ok


def post_chunked(server, payload, chunk=16 * 1024):
    """POST ``payload`` as text/plain with Transfer-Encoding: chunked and no Content-Length."""
    with server.connect() as sock:
        sock.sendall(
            b"POST /v1/extract HTTP/1.1\r\nHost: test\r\n"
            b"Content-Type: text/plain; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        try:
            for i in range(0, len(payload), chunk):
                part = payload[i : i + chunk]
                sock.sendall(b"%x\r\n%s\r\n" % (len(part), part))
            sock.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may answer (413) and close before the body ends
        return read_response(sock)


def test_sigterm_lets_in_flight_request_finish(tmp_path):
    text = "今年实现销售收入12亿元，同比增长15%。" * 2000
    body = text.encode()
    head = (
        b"POST /v1/extract HTTP/1.1\r\nHost: test\r\nContent-Type: text/plain; charset=utf-8\r\n"
        b"Content-Length: %d\r\n\r\n" % len(body)
    )
    with gunicorn(tmp_path) as server, server.connect() as sock:
        sock.sendall(head + body[: len(body) // 2])
        time.sleep(0.5)  # the worker is now in the app, waiting for the rest of the body
        server.proc.send_signal(signal.SIGTERM)
        assert wait_for(lambda: "Handling signal: term" in server.log()), server.log()
        time.sleep(0.3)  # the master has passed SIGTERM on to the worker
        sock.sendall(body[len(body) // 2 :])
        status, answer = read_response(sock)
        assert (status, json.loads(answer)["document"]["chars"]) == (200, len(text))
        assert server.proc.wait(STOP_TIMEOUT) == 0


def test_chunked_body_past_limit_gets_413(tmp_path):
    with gunicorn(tmp_path, env=SMALL_LIMIT) as server:
        # 18 KiB past the limit: past it, yet within what gunicorn drains before closing,
        # so the answer is not lost to a reset
        status, _ = post_chunked(server, "一".encode() * (BODY_LIMIT // 3 + 6000))
    assert status == 413


def test_chunked_body_under_limit_is_read_whole(tmp_path):
    text = "一" * (BODY_LIMIT // 3 - 100)
    with gunicorn(tmp_path, env=SMALL_LIMIT) as server:
        status, answer = post_chunked(server, text.encode())
    assert (status, json.loads(answer)["document"]["chars"]) == (200, len(text))


def test_every_log_line_is_json(tmp_path):
    with gunicorn(tmp_path) as server:
        server.request("POST", "/v1/extract", "营业收入3.5亿元".encode(), {"Content-Type": "text/plain"})
        server.request("GET", "/no-such-page")
    lines = [line for line in server.log().splitlines() if line.strip()]
    assert lines and all(isinstance(json.loads(line), dict) for line in lines)


def test_report_text_stays_out_of_logs(tmp_path):
    marker = "机密报告内容独一无二"
    with gunicorn(tmp_path) as server:
        server.request("POST", "/v1/extract", marker.encode(), {"Content-Type": "text/plain"})
        server.request(
            "POST",
            "/v1/extract",
            json.dumps({"text": marker, "options": {"bad": 1}}),
            {"Content-Type": "application/json"},
        )
    assert marker not in server.log() and json.dumps(marker) not in server.log()


def test_workers_come_from_web_concurrency(tmp_path):
    with gunicorn(tmp_path, env={"WEB_CONCURRENCY": "3"}, workers=None) as server:
        assert wait_for(lambda: len(server.worker_pids()) == 3), server.worker_pids()


def test_no_control_socket_error_without_a_home(tmp_path):
    # gunicorn 27 opens a control socket under $XDG_RUNTIME_DIR or $HOME and logs an error
    # when it cannot; the image's user has neither, so the config turns the socket off
    with gunicorn(tmp_path, env={"HOME": "/proc/no-such-home", "XDG_RUNTIME_DIR": None}) as server:
        server.request("GET", "/healthz")
    assert "Control server error" not in server.log()


def test_metrics_add_up_across_workers(tmp_path):
    with gunicorn(tmp_path, workers=2) as server:
        for _ in range(20):
            server.request("POST", "/v1/extract", "营业收入3.5亿元".encode(), {"Content-Type": "text/plain"})
        exposition = server.request("GET", "/metrics")[2].decode()
    assert "suanpan_documents_total 20.0" in exposition.splitlines()


def test_longest_get_text_fits_gunicorns_request_line(tmp_path):
    # Percent-encoded, each Chinese character takes 9 bytes of the request line: the app's
    # longest GET text must pass gunicorn's limit_request_line, or gunicorn answers 400 first.
    text = "销" * defaults()["MAX_GET_TEXT"]
    with gunicorn(tmp_path) as server:
        status, _, body = server.request("GET", "/v1/extract?text=" + quote(text))
    assert (status, json.loads(body)["document"]["chars"]) == (200, len(text))


def test_a_request_that_waited_too_long_for_a_thread_gets_503(tmp_path):
    """One thread busy with a long extraction: the request queued behind it past
    SUANPAN_QUEUE_TIMEOUT is shed with a problem+json 503 and Retry-After, and the worker
    goes on answering."""
    slow = ("销售10套" * 20000).encode()  # a few tenths of a second of extraction
    env = {"SUANPAN_QUEUE_TIMEOUT": "0.1", "SUANPAN_MAX_MENTIONS": "100000"}
    with gunicorn(tmp_path, env=env, extra_args="--threads 1") as server, server.connect() as busy:
        answered = []
        reader = threading.Thread(target=lambda: answered.append(read_response(busy)[0]))
        busy.sendall(
            b"POST /v1/extract HTTP/1.1\r\nHost: test\r\nContent-Type: text/plain; charset=utf-8\r\n"
            b"Content-Length: %d\r\n\r\n" % len(slow) + slow
        )
        reader.start()
        time.sleep(0.05)  # the slow request holds the only thread
        status, headers, body = server.request("GET", "/healthz")
        assert status == 503, body
        assert headers["content-type"] == "application/problem+json"
        assert headers["retry-after"] == "1"
        assert "overloaded" in json.loads(body)["detail"]
        reader.join(30)
        assert answered == [200]  # the request that held the thread is answered
        assert server.request("GET", "/healthz")[0] == 200  # and the worker serves again
