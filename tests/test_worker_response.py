"""The worker's response writer: a response's head goes out with its first body bytes, in one send."""

import io

import pytest
from gunicorn.config import Config
from gunicorn.http import wsgi
from gunicorn.http.parser import RequestParser

from service.worker import OneSendResponse

PEER = ("127.0.0.1", 50000)
SERVER = ("127.0.0.1", 8000)


class Socket:
    """A socket that reads a request from bytes and records each send."""

    def __init__(self, request: bytes):
        self._in = io.BytesIO(request)
        self.sends: list[bytes] = []

    def recv(self, n):
        return self._in.read(n)

    def sendall(self, data):
        self.sends.append(bytes(data))

    def send(self, data):
        self.sends.append(bytes(data))
        return len(data)


def respond(method, status, headers, chunks):
    sock = Socket(f"{method} /v1/extract HTTP/1.1\r\nHost: test\r\n\r\n".encode())
    cfg = Config()
    req = next(RequestParser(cfg, sock, PEER))
    resp, _ = wsgi.create(req, sock, PEER, SERVER, cfg, response_class=OneSendResponse)
    resp.start_response(status, headers)
    for chunk in chunks:
        resp.write(chunk)
    resp.close()
    return sock.sends


def split(wire: bytes):
    head, _, body = wire.partition(b"\r\n\r\n")
    return head.decode("latin-1"), body


def test_head_and_body_go_out_in_one_send():
    body = b'{"kpis": []}'
    sends = respond(
        "GET", "200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))], [body]
    )
    assert len(sends) == 1
    head, sent_body = split(sends[0])
    assert head.startswith("HTTP/1.1 200 OK") and "Content-Length: 12" in head
    assert sent_body == body


def test_later_writes_follow_on_their_own():
    sends = respond("GET", "200 OK", [("Content-Length", "6")], [b"abc", b"def"])
    assert len(sends) == 2
    assert split(sends[0])[1] == b"abc" and sends[1] == b"def"


@pytest.mark.parametrize(
    ("method", "status", "chunks"),
    [("HEAD", "200 OK", [b"dropped"]), ("GET", "204 No Content", []), ("GET", "304 Not Modified", [b""])],
)
def test_an_answer_without_a_body_still_sends_its_head(method, status, chunks):
    sends = respond(method, status, [("Content-Length", "7")] if method == "HEAD" else [], chunks)
    wire = b"".join(sends)
    head, body = split(wire)
    assert head.startswith(f"HTTP/1.1 {status}")
    assert body == b""


def test_a_chunked_answer_is_framed_after_its_head():
    sends = respond("GET", "200 OK", [("Content-Type", "text/plain")], [b"hello", b"world"])
    head, body = split(b"".join(sends))
    assert "Transfer-Encoding: chunked" in head
    assert body == b"5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\n"
