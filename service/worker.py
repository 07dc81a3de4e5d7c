"""The gunicorn worker: whole requests are read in the event loop, so slow clients hold no thread.

gunicorn's ``gthread`` worker hands a connection to a thread as soon as its first byte
arrives, and the thread then blocks until the head (and the app until the body) is in:
a few dozen clients trickling bytes hold every thread. This worker (a ``gthread``
subclass) reads each request in its main loop without blocking until the head and the
body, as its Content-Length or chunking frames it, are all buffered, within
SUANPAN_READ_TIMEOUT seconds; only then does a thread parse and answer it, from memory.
A client that is too slow gets a 408 problem; one that says nothing is closed.

It also answers gunicorn's own errors (malformed heads, limits, a request over the
worker timeout) as application/problem+json instead of gunicorn's HTML pages.
"""

import errno
import http
import json
import os
import selectors
import socket
import sys
import time
from functools import partial

from gunicorn import glogging
from gunicorn.http import errors as gerrors
from gunicorn.http import wsgi
from gunicorn.http.message import Request
from gunicorn.workers.gthread import TConn, ThreadWorker

from service import errors, settings

_HANDOFF = -1  # framing the worker leaves to gunicorn's parser (it will refuse the request)
_CHUNKED = -2
_RECV = 256 * 1024
_HEX = frozenset(b"0123456789abcdefABCDEF")

# gunicorn's parse errors, by the status they get; anything else in the head is a 400.
_STATUS = (
    (
        gerrors.LimitRequestLine,
        414,
        "The request line is longer than the server accepts; send long texts by POST.",
    ),
    (gerrors.LimitRequestHeaders, 431, "The request's headers are too many or too large."),
    (
        (gerrors.InvalidChunkSize, gerrors.ChunkMissingTerminator, gerrors.InvalidChunkExtension),
        400,
        "The chunked body is malformed.",
    ),
    (gerrors.UnsupportedTransferCoding, 501, "Only the chunked transfer coding is supported."),
    (gerrors.ExpectationFailed, 417, "Only `Expect: 100-continue` is supported."),
    (gerrors.ForbiddenProxyRequest, 403, "Proxy headers from this address are not trusted."),
    (
        gerrors.InvalidHeader,
        400,
        "A header is malformed, or Content-Length and Transfer-Encoding disagree or repeat.",
    ),
)
_BAD_HEAD = "The request line or a header is malformed (HTTP/1.1, ASCII, RFC 9112)."


def problem_bytes(status, detail, headers=()):
    """A complete ``Connection: close`` HTTP/1.1 response carrying a problem document."""
    from service.app import SECURITY_HEADERS  # the app is loaded (preload_app) before workers run

    body = json.dumps(errors.body(status, detail), ensure_ascii=False).encode()
    head = [
        f"HTTP/1.1 {status} {http.HTTPStatus(status).phrase}",
        f"Content-Type: {errors.MEDIA_TYPE}",
        f"Content-Length: {len(body)}",
        "Connection: close",
        *(f"{k}: {v}" for k, v in (*SECURITY_HEADERS, *headers)),
    ]
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body


def classify(exc):
    """(status, detail) for an exception met while reading a request."""
    for kinds, status, detail in _STATUS:
        if isinstance(exc, kinds):
            return status, detail
    if isinstance(exc, gerrors.ParseException):
        return 400, _BAD_HEAD
    return 500, errors.INTERNAL_DETAIL


def framing(head):
    """How the body after ``head`` (bytes before the blank line) ends: a length, or _CHUNKED.

    _HANDOFF when the head is one gunicorn refuses anyway (Content-Length with
    Transfer-Encoding, a repeated or non-numeric length, a coding other than chunked).
    """
    lengths, codings = [], []
    for line in head.split(b"\r\n")[1:]:
        name, sep, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            lengths.append(value.strip())
        elif name == b"transfer-encoding":
            codings.append(value.strip().lower())
    if codings:
        if lengths or not b",".join(codings).rstrip().endswith(b"chunked"):
            return _HANDOFF
        return _CHUNKED
    if not lengths:
        return 0
    if len(lengths) > 1 or not lengths[0].isdigit():
        return _HANDOFF
    return int(lengths[0])


class Logger(glogging.Logger):
    """gunicorn's logger, minus the access line that no handler would write.

    A ``logconfig_dict`` (gunicorn.conf.py has one, for JSON lines) makes gunicorn build
    every request's access-log atoms and record, though the app writes the access line
    itself and nothing handles ``gunicorn.access``. An access log asked for with
    ``--access-logfile`` or a logging config that handles ``gunicorn.access`` still gets it.
    """

    def access(self, resp, req, environ, request_time):
        if self.cfg.accesslog or self.access_log.hasHandlers():
            super().access(resp, req, environ, request_time)


class _PlainContinue(Request):
    """A request whose ``100 Continue`` the event loop already sent (or never needed)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._expected_100_continue = False


class _HeadCapture:
    """Stands in for the socket while gunicorn writes a response's head, and keeps it."""

    def __init__(self):
        self.data = b""

    def sendall(self, data):
        self.data += data


class OneSendResponse(wsgi.Response):
    """gunicorn's response, its head sent together with the first body bytes.

    gunicorn sends the head and the body in two sends; on loopback and in a pod each is a
    system call and a segment, the larger part of what a small answer costs to write. Only
    write() holds the head back (a file sent with sendfile gets it first, as before)."""

    _head = None
    _holding = False

    def write(self, arg):
        self._holding = not self.headers_sent and not self.chunked
        try:
            super().write(arg)
        finally:
            self._holding = False
            self._flush_head()  # (a body-less answer, 304 or HEAD, wrote no body to carry it)

    def send_headers(self):
        if self.headers_sent or not self._holding:
            return super().send_headers()
        sock, self.sock = self.sock, _HeadCapture()
        try:
            super().send_headers()  # (gunicorn's own head, written into the capture)
        finally:
            self._head, self.sock = self.sock.data, sock

    def _emit_body(self, data):
        head, self._head = self._head, None
        super()._emit_body(head + data if head else data)

    def _flush_head(self):
        head, self._head = self._head, None
        if head:
            self.sock.sendall(head)


class BufferingWorker(ThreadWorker):
    """``gthread`` whose threads only ever see requests that have fully arrived."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        config = {**settings.defaults(), **settings.from_environ(os.environ)}
        self.read_timeout = config["READ_TIMEOUT"]
        self.queue_timeout = config["QUEUE_TIMEOUT"]
        self.max_body = config["MAX_BODY_BYTES"]
        self.max_head = (
            self.cfg.limit_request_line
            + 4
            + self.cfg.limit_request_fields * (self.cfg.limit_request_field_size + 2)
        )
        self.reading = {}  # conn -> deadline, in the order reading began (so by deadline)
        self.running = {}  # conn -> when a thread began answering it
        self.overran = False

    def init_process(self):
        # The loop thread must get the GIL back quickly from a thread deep in an extraction
        # to accept, read and hand on the next request: 5 ms (Python's default) per handoff
        # halved the rate of small requests.
        sys.setswitchinterval(0.0005)
        # gthread builds each response with wsgi.create, which takes wsgi.Response: in this
        # (worker) process, that is the one-send response
        wsgi.Response = OneSendResponse
        super().init_process()

    # --- reading, in the main loop -------------------------------------------------------
    def accept(self, listener):
        try:
            client, address = listener.accept()
        except OSError as e:
            if e.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        if client.family in (socket.AF_INET, socket.AF_INET6):
            # gunicorn writes a response's head and body in two sends; on a kept-alive
            # connection Nagle would hold the body until the client's delayed ACK (40 ms).
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._start_reading(TConn(self.cfg, client, address, listener.getsockname()))

    def on_client_socket_readable(self, conn, client):
        """A kept-alive connection speaks again: read its next request like a new one."""
        self.poller.unregister(client)
        self.keepalived_conns.remove(conn)
        self._start_reading(conn)

    def _start_reading(self, conn):
        conn.sock.setblocking(False)
        conn.inbox, conn.head_end, conn.need, conn.chunk_at = bytearray(), None, 0, 0
        self.reading[conn] = time.monotonic() + self.read_timeout
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_readable, conn))

    def _on_readable(self, conn, client):
        try:
            data = conn.sock.recv(_RECV)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:  # the client left before its request was whole: nothing to answer
            self._drop(conn)
            return
        conn.inbox += data
        if self._arrived(conn):
            self.poller.unregister(conn.sock)
            del self.reading[conn]
            conn.queued_at = time.monotonic()
            self.enqueue_req(conn)

    def _arrived(self, conn):
        """Whether the buffered bytes hold a whole request, or as much as is worth reading."""
        buf = conn.inbox
        if conn.head_end is None:
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                return len(buf) > self.max_head  # gunicorn's parser will refuse it
            conn.head_end = conn.chunk_at = end + 4
            conn.need = framing(bytes(buf[:end]))
            if b"100-continue" in buf[:end].lower() and conn.need not in (0, _HANDOFF):
                self._send_quietly(conn, b"HTTP/1.1 100 Continue\r\n\r\n")
        if conn.need == _HANDOFF:
            return True
        if conn.need != _CHUNKED:
            # past the limit the app answers 413 without reading the body
            return conn.need > self.max_body or len(buf) - conn.head_end >= conn.need
        return self._chunks_arrived(conn)

    def _chunks_arrived(self, conn):
        buf = conn.inbox
        while True:
            line_end = buf.find(b"\r\n", conn.chunk_at)
            if line_end < 0:
                return len(buf) - conn.chunk_at > 1024  # a size line that long is refused
            size = bytes(buf[conn.chunk_at : line_end]).split(b";", 1)[0].strip(b" \t")
            if not size or not _HEX.issuperset(size):
                return True  # gunicorn answers the malformed chunk (400)
            size = int(size, 16)
            if size == 0:  # the last chunk, then trailers up to a blank line
                return buf.find(b"\r\n\r\n", line_end) >= 0 or len(buf) - line_end > self.max_head
            if line_end + 2 + size - conn.head_end > self.max_body:
                return True  # the app counts the body and answers 413
            next_at = line_end + 2 + size + 2
            if len(buf) < next_at:
                return False
            conn.chunk_at = next_at

    @staticmethod
    def _send_quietly(conn, data):
        try:
            conn.sock.send(data)
        except OSError:
            pass

    def _drop(self, conn, answer=None):
        self.reading.pop(conn, None)
        try:
            self.poller.unregister(conn.sock)
        except (KeyError, ValueError, OSError):
            pass
        if answer:
            self._send_quietly(conn, answer)
        self.nr_conns -= 1
        conn.close()

    def murder_pending(self):
        """Each loop turn: drop clients past their read deadline, and watch running requests."""
        super().murder_pending()
        now = time.monotonic()
        for conn, deadline in list(self.reading.items()):
            if deadline > now:
                break
            said_something = bool(conn.inbox)
            self._drop(
                conn,
                said_something
                and problem_bytes(408, f"The request did not arrive whole within {self.read_timeout} s."),
            )
        self._watch_running(now)

    def _watch_running(self, now):
        """A request over the worker timeout: answer it 503, then replace this worker.

        A thread cannot be stopped from outside; what the sync worker got from SIGABRT
        (an answer, then a fresh process) is done here by hand.
        """
        if self.overran or not self.cfg.timeout:
            return
        for conn, started in list(self.running.items()):
            if now - started > self.cfg.timeout:
                self.log.error(
                    "Request over the worker timeout (%s s); replacing the worker", self.cfg.timeout
                )
                self._send_quietly(
                    conn,
                    problem_bytes(
                        503,
                        f"The request took longer than {self.cfg.timeout} s; try a shorter text.",
                        [("Retry-After", "1")],
                    ),
                )
                try:
                    conn.sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                self.running.pop(conn)
                self.nr_conns -= 1
                self.overran = True
                self.alive = False  # finish the other requests, then exit (see run)

    def run(self):
        super().run()
        if self.overran:
            # the overrunning thread still runs: a normal exit would wait for it
            os._exit(1)

    # --- answering, in a thread ------------------------------------------------------------
    def handle(self, conn):
        """Parse and answer one request from the bytes the loop buffered."""
        req = None
        queued_at, conn.queued_at = getattr(conn, "queued_at", None), None
        waited = 0.0 if queued_at is None else time.monotonic() - queued_at
        if waited > self.queue_timeout:
            # Overloaded: a request this old would cost a thread as much as a new one and only
            # lengthen the queue behind it; a fast 503 lets the worker catch up.
            self._send_problem(
                conn.sock,
                503,
                f"The service is overloaded: the request waited {waited:.1f} s for a worker "
                f"(SUANPAN_QUEUE_TIMEOUT {self.queue_timeout:g} s); retry after a pause.",
                [("Retry-After", "1")],
            )
            return False  # (finish_request closes the connection)
        try:
            conn.init()
            conn.parser.mesg_class = _PlainContinue
            conn.sock.setblocking(True)
            # A backstop only: the request is in memory, bar pipelined requests behind it.
            conn.sock.settimeout(self.read_timeout)
            inbox = getattr(conn, "inbox", None)
            if inbox:
                conn.parser.unreader.unread(bytes(inbox))
                conn.inbox = None
            req = next(conn.parser)
            if not req:
                return False
            self.running[conn] = time.monotonic()
            try:
                keepalive = self.handle_request(req, conn)
            finally:
                self.running.pop(conn, None)
            return self._keepalive_after(conn, keepalive)
        except (gerrors.NoMoreData, StopIteration, TimeoutError) as e:
            self.log.debug("Closing connection: %r", e)
        except OSError as e:
            if e.errno not in (errno.EPIPE, errno.ECONNRESET, errno.ENOTCONN, errno.EBADF):
                self.log.exception("Socket error processing request.")
        except Exception as e:  # noqa: BLE001 - every error gets an answer (handle_error)
            self.handle_error(req, conn.sock, conn.client, e)
        return False

    def handle_error(self, req, client, addr, exc):
        """gunicorn's own errors as problem+json; its HTML pages never reach a client."""
        status, detail = classify(exc)
        if status >= 500:
            self.log.exception("Error handling request")
        else:
            self.log.warning("Invalid request: %s", type(exc).__name__)
        self._send_problem(client, status, detail)

    def _send_problem(self, sock, status, detail, headers=()):
        """A problem answer from a thread, blocking at most a second; a client gone is let go."""
        try:
            sock.setblocking(True)
            sock.settimeout(1)
            sock.sendall(problem_bytes(status, detail, headers))
        except OSError:
            self.log.debug("Failed to send error message.")
