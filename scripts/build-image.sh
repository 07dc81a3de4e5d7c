#!/usr/bin/env bash
# Build the suanpan image and run it without a Docker daemon: Debian's podman with runc,
# on a base image made locally with debootstrap (no container registry is needed), then
# probe /healthz, /readyz and one extraction and print what came back.
#
# Usage: scripts/build-image.sh          (as root; installs podman, runc, debootstrap if missing)
# Env:   IMAGE (localhost/suanpan:dev), BASE_IMAGE (localhost/suanpan-base:bookworm),
#        SUITE (bookworm: its python3 is 3.11, the tested version), MIRROR (from the host's
#        apt sources), CACHE (/var/tmp/suanpan-base), HOST_PORT (18000), CA_BUNDLE, KEEP=1
#        to leave the container running.
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=${IMAGE:-localhost/suanpan:dev}
BASE_IMAGE=${BASE_IMAGE:-localhost/suanpan-base:bookworm}
SUITE=${SUITE:-bookworm}
CACHE=${CACHE:-/var/tmp/suanpan-base}
HOST_PORT=${HOST_PORT:-18000}
CA_BUNDLE=${CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}
CONTAINER=suanpan-probe
ULIMITS=(--ulimit nofile=4096:4096 --ulimit nproc=4096:4096)
PODMAN=(podman --runtime runc)

say() { printf '\n== %s\n' "$*"; }

host_mirror() {
    # The Debian mirror this host already uses, so the script names none.
    if [[ -n ${MIRROR:-} ]]; then echo "$MIRROR"; return; fi
    awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep . ||
        awk '/^deb / {print $2; exit}' /etc/apt/sources.list
}

need_tools() {
    local missing=()
    command -v podman >/dev/null || missing+=(podman)
    command -v runc >/dev/null || missing+=(runc)
    command -v debootstrap >/dev/null || missing+=(debootstrap)
    if ((${#missing[@]})); then
        say "installing ${missing[*]}"
        apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
            "${missing[@]}" uidmap
    fi
}

make_base() {
    if "${PODMAN[@]}" image exists "$BASE_IMAGE"; then
        say "base image $BASE_IMAGE already here"
        return
    fi
    local rootfs=$CACHE/rootfs
    if [[ ! -x $rootfs/usr/bin/python3 ]]; then
        say "debootstrap $SUITE (python3, venv, CA certificates) into $rootfs"
        rm -rf "$rootfs" && mkdir -p "$CACHE"
        debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates \
            "$SUITE" "$rootfs" "$(host_mirror)"
    fi
    say "importing $rootfs as $BASE_IMAGE"
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    tar -C "$rootfs" -c . | "${PODMAN[@]}" import \
        --change 'ENV LANG=C.UTF-8' --change 'CMD ["/bin/bash"]' - "$BASE_IMAGE"
}

build() {
    say "podman build $IMAGE on $BASE_IMAGE"
    # The host's CA bundle replaces the base's inside RUN steps, so pip trusts what the host trusts.
    # docker format: OCI image configs have no HEALTHCHECK.
    "${PODMAN[@]}" build --format docker "${ULIMITS[@]}" --network host \
        --volume "$CA_BUNDLE:/etc/ssl/certs/ca-certificates.crt:ro" \
        --build-arg "BASE_IMAGE=$BASE_IMAGE" --tag "$IMAGE" .
}

run() {
    say "podman run $IMAGE: read-only root, /tmp as tmpfs, 127.0.0.1:$HOST_PORT -> 8000"
    "${PODMAN[@]}" rm --force --ignore "$CONTAINER" >/dev/null
    "${PODMAN[@]}" run --detach --name "$CONTAINER" "${ULIMITS[@]}" \
        --read-only --tmpfs /tmp:rw,size=64m --cap-drop ALL --security-opt no-new-privileges \
        --publish "127.0.0.1:$HOST_PORT:8000" \
        --env WEB_CONCURRENCY=2 --env PROMETHEUS_MULTIPROC_DIR=/tmp/metrics "$IMAGE"
}

probe() {
    local base=http://127.0.0.1:$HOST_PORT i
    for i in $(seq 1 60); do
        curl -fsS -o /dev/null "$base/healthz" 2>/dev/null && break
        if [[ $("${PODMAN[@]}" inspect -f '{{.State.Running}}' "$CONTAINER") != true ]] || ((i == 60)); then
            say "container not answering; its log:"
            "${PODMAN[@]}" logs "$CONTAINER"
            return 1
        fi
        sleep 0.5
    done
    say "GET /healthz";  curl -sS -i "$base/healthz"; echo
    say "GET /readyz";   curl -sS -i "$base/readyz"; echo
    say "POST /v1/extract (text/plain)"
    curl -sS -i -H 'Content-Type: text/plain; charset=utf-8' \
        --data-binary '今年共接待住户咨询155件，实现销售收入12.5亿元，同比增长8.3%。' "$base/v1/extract"
    echo
    say "GET /metrics (documents counted across both workers)"
    curl -sS "$base/metrics" | grep -E '^suanpan_(documents|characters)_total'
    say "HEALTHCHECK (the image's own command, run by podman)"
    "${PODMAN[@]}" healthcheck run "$CONTAINER" && echo healthy
    say "processes in the container (user, pid, command)"
    "${PODMAN[@]}" top "$CONTAINER" user pid args
    say "image: user, command, size"
    "${PODMAN[@]}" image inspect -f 'user={{.Config.User}} cmd={{.Config.Cmd}} size={{.Size}}' "$IMAGE"
    say "container log (JSON lines)"
    "${PODMAN[@]}" logs "$CONTAINER" 2>&1 | tail -n 5
    [[ ${KEEP:-} == 1 ]] && return
    say "podman stop (SIGTERM): gunicorn drains and exits"
    "${PODMAN[@]}" stop --time 40 "$CONTAINER" >/dev/null
    "${PODMAN[@]}" inspect -f 'exit code {{.State.ExitCode}}' "$CONTAINER"
    "${PODMAN[@]}" logs "$CONTAINER" 2>&1 | tail -n 2
}

cleanup() {
    [[ ${KEEP:-} == 1 ]] || "${PODMAN[@]}" rm --force --ignore "$CONTAINER" >/dev/null 2>&1 || true
}

need_tools
make_base
build
trap cleanup EXIT
run
probe
