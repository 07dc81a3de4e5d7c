"""The service's settings: one table of name, environment variable, default and meaning."""

import logging
from collections.abc import Callable
from dataclasses import dataclass

PREFIX = "SUANPAN_"


def _positive_int(raw):
    value = int(raw)
    if value < 1:
        raise ValueError(f"must be a positive integer, got {raw!r}")
    return value


def _positive_float(raw):
    value = float(raw)
    if not value > 0 or value == float("inf"):
        raise ValueError(f"must be a positive number, got {raw!r}")
    return value


def _log_level(raw):
    level = raw.strip().upper()
    if not isinstance(logging.getLevelName(level), int):
        raise ValueError(f"not a logging level: {raw!r}")
    return level


@dataclass(frozen=True)
class Setting:
    """One row of the table; ``name`` is the Flask config key, None when a library reads it."""

    name: str | None
    env: str
    default: object
    meaning: str
    parse: Callable[[str], object] = str

    @property
    def shown_default(self):
        return "unset" if self.default is None else f"`{self.default}`"


SETTINGS = (
    Setting(
        "MAX_BODY_BYTES",
        PREFIX + "MAX_BODY_BYTES",
        1024 * 1024,
        "Largest request body in bytes, by Content-Length or counted while reading a "
        "chunked body; a larger body gets 413.",
        _positive_int,
    ),
    Setting(
        "MAX_FILE_BYTES",
        PREFIX + "MAX_FILE_BYTES",
        10 * 1024 * 1024,
        "Largest file in bytes: a multipart/form-data upload, or a Word, PDF or "
        "octet-stream body; a larger one gets 413, as does a .docx unpacking to more than "
        "4 times this, or a file whose text is more than SUANPAN_MAX_BODY_BYTES as UTF-8.",
        _positive_int,
    ),
    Setting(
        "MAX_BATCH",
        PREFIX + "MAX_BATCH",
        100,
        "Most documents in one POST /v1/extract/batch; more gets 422.",
        _positive_int,
    ),
    Setting(
        "MAX_GET_TEXT",
        PREFIX + "MAX_GET_TEXT",
        500,
        "Longest `text` in characters for GET /v1/extract (longer texts go by POST); more gets 422.",
        _positive_int,
    ),
    Setting(
        "CACHE_MAX_AGE",
        PREFIX + "CACHE_MAX_AGE",
        0,
        "Seconds a client may reuse a GET /v1/extract answer without asking "
        "(`Cache-Control: private, max-age=N`); at 0, `private, no-cache`: it revalidates "
        "each time with If-None-Match, a 304 when unchanged. Always `private`: the URL "
        "holds report text, which no shared cache should keep.",
        int,
    ),
    Setting(
        "MAX_MENTIONS",
        PREFIX + "MAX_MENTIONS",
        20000,
        "Most mentions one document may give; more gets 422 as soon as they are read, "
        "so no answer grows far past its request (a worker stays under 150 MB; a report "
        "that dense, over ~600 KB of figures, is split).",
        _positive_int,
    ),
    Setting(
        "READ_TIMEOUT",
        PREFIX + "READ_TIMEOUT",
        10,
        "Seconds a client has to send a whole request once it starts (head and body); "
        "slower gets 408 and the connection closed. Requests are read in the worker's "
        "event loop, so a slow client holds no thread (service/worker.py).",
        _positive_int,
    ),
    Setting(
        "QUEUE_TIMEOUT",
        PREFIX + "QUEUE_TIMEOUT",
        2.0,
        "Seconds a whole request may wait for one of its worker's threads; past that it "
        "gets 503 with Retry-After at once, so an overloaded worker sheds its oldest "
        "requests instead of answering all of them late (service/worker.py).",
        _positive_float,
    ),
    Setting(
        "METRICS_PORT",
        PREFIX + "METRICS_PORT",
        None,
        "A port for /metrics alone (gunicorn.conf.py binds it beside PORT, on "
        "SUANPAN_METRICS_HOST, default 0.0.0.0); when set, /metrics is 404 on the public "
        "port.",
        _positive_int,
    ),
    Setting(
        None,
        PREFIX + "METRICS_HOST",
        None,
        "The address SUANPAN_METRICS_PORT listens on (read by gunicorn.conf.py); "
        "`127.0.0.1` keeps /metrics to the host or pod.",
        str,
    ),
    Setting(
        "LOG_LEVEL",
        PREFIX + "LOG_LEVEL",
        "INFO",
        "Level of the JSON-line logs written to stderr (DEBUG, INFO, WARNING, ERROR).",
        _log_level,
    ),
    Setting(
        None,
        PREFIX + "UNITS_FILE",
        None,
        "A units lexicon to use instead of service/engine/data/units.yaml (read by the engine).",
    ),
    Setting(
        None,
        PREFIX + "KPIS_FILE",
        None,
        "A KPI taxonomy to use instead of service/engine/data/kpis.yaml (read by the engine).",
    ),
    Setting(
        None,
        PREFIX + "PLACEHOLDERS_FILE",
        None,
        "Template-blank rules to use instead of service/engine/data/placeholders.yaml (read by the engine).",
    ),
    Setting(
        None,
        "PROMETHEUS_MULTIPROC_DIR",
        None,
        "Directory for metric files shared by gunicorn workers (read by prometheus_client "
        "itself, hence no prefix); gunicorn.conf.py makes one when it is unset, so set it "
        "only to choose where, or when running several workers another way.",
    ),
)


def defaults():
    """The config mapping with every setting at its default."""
    return {s.name: s.default for s in SETTINGS if s.name}


def from_environ(environ):
    """The config values set in ``environ``, parsed; a bad value stops start-up with its name.

    >>> from_environ({"SUANPAN_MAX_BATCH": "20"})
    {'MAX_BATCH': 20}
    """
    config = {}
    for s in SETTINGS:
        if s.name and s.env in environ:
            try:
                config[s.name] = s.parse(environ[s.env])
            except ValueError as error:
                raise ValueError(f"{s.env}: {error}") from None
    return config


def markdown_table():
    """The settings as a Markdown table, for the README."""
    rows = ["| Variable | Default | Meaning |", "| --- | --- | --- |"]
    for s in SETTINGS:
        rows.append(f"| `{s.env}` | {s.shown_default} | {s.meaning} |")
    return "\n".join(rows) + "\n"
