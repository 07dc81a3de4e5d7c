# suanpan image: build the virtualenv in one stage, copy it into a clean slim one.
# The base is a build argument so that a locally made base can stand in for the
# registry's (scripts/build-image.sh); it must give python3 with venv and CA certificates.
ARG BASE_IMAGE=python:3.11-slim

FROM ${BASE_IMAGE} AS builder
# pip checks PyPI's certificate against the system's CA bundle (mounted from the host by build-image.sh).
ENV PIP_CERT=/etc/ssl/certs/ca-certificates.crt \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python3 -m venv /opt/venv
COPY requirements.txt /tmp/requirements.txt
RUN /opt/venv/bin/pip install --no-cache-dir -r /tmp/requirements.txt
# The engine compiled with mypyc (scripts/build_engine.py): a C compiler and mypy here only.
# (Not pinned: the base's Debian release fixes gcc's version, and only its output is kept.)
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/*
COPY requirements-build.txt /tmp/requirements-build.txt
RUN python3 -m venv /opt/build \
    && /opt/build/bin/pip install --no-cache-dir -r /tmp/requirements.txt -r /tmp/requirements-build.txt
WORKDIR /src
COPY service ./service
COPY scripts/build_engine.py ./scripts/
RUN /opt/build/bin/python scripts/build_engine.py

FROM ${BASE_IMAGE}
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PORT=8000
# A user with no home and no shell; the numeric id lets Kubernetes check runAsNonRoot.
RUN groupadd --gid 10001 suanpan \
    && useradd --no-log-init --uid 10001 --gid 10001 --no-create-home \
        --home-dir /nonexistent --shell /usr/sbin/nologin suanpan
WORKDIR /app
COPY --from=builder /opt/venv /opt/venv
COPY gunicorn.conf.py openapi.yaml ./
# the engine's modules and their compiled extensions, and the library they share
COPY --from=builder /src/service ./service
COPY --from=builder /src/suanpan_engine__mypyc.*.so ./
# Bytecode now, since the root filesystem is read-only at run time.
RUN python -m compileall -q /app/service
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as u; u.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=4)"]
# Workers from WEB_CONCURRENCY (default: usable cores), port from PORT: see gunicorn.conf.py.
CMD ["gunicorn", "--config", "gunicorn.conf.py", "service:create_app()"]
