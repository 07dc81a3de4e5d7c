"""A fixed-rate (open-loop) HTTP load client for loopback, as wrk2 does it: latency counts from the scheduled send.

    python bench/openloop.py http://127.0.0.1:PORT/v1/extract --rate 400 --seconds 10 \
        [--method POST --body FILE --content-type application/json]

Request i is due at start + i/rate whether or not earlier ones have answered, so a
stalled server shows up as latency (no coordinated omission). One connection per
request, or with --keepalive a pool of kept-alive ones (one the server closed is not reused;
one found closed as the request went out is replaced and the request sent again). Bounded:
``rate × seconds`` requests at most, at most 1024 in flight (more are counted as
``dropped``), 10 s per request. Only loopback URLs are accepted. Prints one JSON object.
"""

import argparse
import asyncio
import ipaddress
import json
import socket
import time
from urllib.parse import urlsplit

MAX_IN_FLIGHT = 1024
REQUEST_TIMEOUT = 10.0


def percentile(sorted_values, q):
    if not sorted_values:
        return None
    i = min(len(sorted_values) - 1, max(0, round(q / 100 * len(sorted_values)) - 1))
    return sorted_values[i]


async def run(host, port, request, rate, seconds, keepalive=False):
    n = int(rate * seconds)
    latencies, statuses = [], {}
    errors = dropped = 0
    in_flight = 0
    idle = []

    async def connection():
        """A kept-alive connection the server has not closed, or a new one; and whether it was kept."""
        while idle:
            reader, writer = idle.pop()
            if not reader.at_eof() and not writer.is_closing():
                return reader, writer, True
            writer.close()
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), REQUEST_TIMEOUT)
        return reader, writer, False

    async def one(due):
        nonlocal errors, in_flight
        try:
            reader, writer, kept = await connection()
            reuse = False
            try:
                try:
                    writer.write(request)
                    await writer.drain()
                    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), REQUEST_TIMEOUT)
                except (ConnectionError, asyncio.IncompleteReadError) as e:
                    if not kept or getattr(e, "partial", b""):
                        raise
                    # the server closed this kept-alive connection as the request went out
                    # (its keep-alive timeout): nothing was answered, so send it again on a
                    # new one, as HTTP clients do
                    writer.close()
                    reader, writer = await asyncio.wait_for(
                        asyncio.open_connection(host, port), REQUEST_TIMEOUT
                    )
                    writer.write(request)
                    await writer.drain()
                    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), REQUEST_TIMEOUT)
                length = 0
                for line in head.split(b"\r\n")[1:]:
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                if length:
                    await asyncio.wait_for(reader.readexactly(length), REQUEST_TIMEOUT)
                done = time.perf_counter()
                status = int(head[9:12])
                statuses[status // 100] = statuses.get(status // 100, 0) + 1
                latencies.append(done - due)
                reuse = keepalive and b"connection: close" not in head.lower()
            finally:
                if reuse:
                    idle.append((reader, writer))
                else:
                    writer.close()
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
            errors += 1
        finally:
            in_flight -= 1

    tasks = []
    start = time.perf_counter() + 0.05
    for i in range(n):
        due = start + i / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        if in_flight >= MAX_IN_FLIGHT:
            dropped += 1
            continue
        in_flight += 1
        tasks.append(asyncio.ensure_future(one(due)))
    sent_for = time.perf_counter() - start
    await asyncio.gather(*tasks)
    for _, writer in idle:
        writer.close()
    latencies.sort()
    ms = lambda v: None if v is None else v * 1000  # noqa: E731
    return {
        "rate": rate,
        "seconds": seconds,
        "requests": n,
        "answered": len(latencies),
        "achieved_rps": len(latencies) / max(sent_for, 1e-9),
        "p50_ms": ms(percentile(latencies, 50)),
        "p90_ms": ms(percentile(latencies, 90)),
        "p99_ms": ms(percentile(latencies, 99)),
        "max_ms": ms(latencies[-1] if latencies else None),
        "s2xx": statuses.get(2, 0),
        "s4xx": statuses.get(4, 0),
        "s5xx": statuses.get(5, 0),
        "errors": errors,
        "dropped": dropped,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("url")
    ap.add_argument("--rate", type=float, required=True, help="requests per second")
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--method", default="GET")
    ap.add_argument("--body")
    ap.add_argument("--content-type", default="application/json")
    ap.add_argument("--keepalive", action="store_true", help="reuse connections")
    a = ap.parse_args()
    u = urlsplit(a.url)
    host = u.hostname or "127.0.0.1"
    if not ipaddress.ip_address(socket.gethostbyname(host)).is_loopback:
        raise SystemExit(f"{host} is not a loopback address: this client only loads this machine")
    if a.rate <= 0 or a.seconds <= 0 or a.rate * a.seconds > 200_000:
        raise SystemExit("rate × seconds must be between 1 and 200 000 requests")
    body = open(a.body, "rb").read() if a.body else b""
    path = (u.path or "/") + (f"?{u.query}" if u.query else "")
    head = [
        f"{a.method} {path} HTTP/1.1",
        f"Host: {u.netloc}",
        *([] if a.keepalive else ["Connection: close"]),
        f"Content-Length: {len(body)}",
    ]
    if a.body:
        head.append(f"Content-Type: {a.content_type}")
    request = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body
    print(json.dumps(asyncio.run(run(host, u.port or 80, request, a.rate, a.seconds, a.keepalive))))


if __name__ == "__main__":
    main()
