"""The Kubernetes manifests: valid against the 1.37 schemas offline, and consistent with the image."""

import math
import socket

import kubernetes_validate
import pytest
import yaml

from helpers import gunicorn_conf
from helpers.dockerfile import env as dockerfile_env
from helpers.dockerfile import final_stage, last
from helpers.live import ROOT

MANIFESTS = sorted((ROOT / "deploy" / "k8s").glob("*.yaml"))
K8S_VERSION = "1.37"


def resources():
    """Every resource in deploy/k8s, keyed by kind."""
    found = {}
    for path in MANIFESTS:
        for doc in yaml.safe_load_all(path.read_text()):
            if doc:
                found[doc["kind"]] = doc
    return found


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network used: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture(scope="module")
def pod():
    return resources()["Deployment"]["spec"]["template"]


@pytest.fixture(scope="module")
def container(pod):
    (only,) = pod["spec"]["containers"]
    return only


@pytest.fixture
def conf(monkeypatch, tmp_path):
    """gunicorn.conf.py's settings, as the image's gunicorn reads them."""
    return gunicorn_conf.load(monkeypatch, PROMETHEUS_MULTIPROC_DIR=str(tmp_path))


def container_env(container):
    return {e["name"]: e["value"] for e in container["env"]}


@pytest.mark.parametrize("path", MANIFESTS, ids=[p.name for p in MANIFESTS])
def test_manifest_is_valid_offline(path, no_network):
    for doc in yaml.safe_load_all(path.read_text()):
        kubernetes_validate.validate(doc, K8S_VERSION, strict=True)


def test_all_four_kinds_are_there():
    assert set(resources()) == {"Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget"}


def test_validation_rejects_an_unknown_field(no_network):
    deployment = resources()["Deployment"]
    deployment["spec"]["template"]["spec"]["containers"][0]["readOnlyRootFS"] = True
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, K8S_VERSION, strict=True)


def test_liveness_probe_is_healthz(container):
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"


def test_readiness_probe_is_readyz(container):
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"


def test_container_port_is_the_port_gunicorn_binds(container):
    assert str(container["ports"][0]["containerPort"]) == container_env(container)["PORT"]


def test_pod_runs_as_the_images_user(pod):
    uid, _, gid = last("USER", final_stage()).partition(":")
    context = pod["spec"]["securityContext"]
    assert (context["runAsNonRoot"], context["runAsUser"], context["runAsGroup"]) == (
        True,
        int(uid),
        int(gid),
    )


def test_container_root_filesystem_is_read_only(container):
    context = container["securityContext"]
    assert (
        context["readOnlyRootFilesystem"],
        context["allowPrivilegeEscalation"],
        context["capabilities"]["drop"],
    ) == (True, False, ["ALL"])


def volume_at(pod, container, path):
    """The pod volume mounted at ``path`` in the container."""
    (name,) = [m["name"] for m in container["volumeMounts"] if m["mountPath"] == path]
    (volume,) = [v for v in pod["spec"]["volumes"] if v["name"] == name]
    return volume


def test_tmp_is_a_writable_empty_dir(pod, container):
    assert "emptyDir" in volume_at(pod, container, "/tmp")


def test_metrics_dir_is_a_writable_empty_dir(pod, container):
    assert "emptyDir" in volume_at(pod, container, container_env(container)["PROMETHEUS_MULTIPROC_DIR"])


def test_image_env_does_not_clash_with_the_pod_env(container):
    image = dockerfile_env(final_stage())
    assert all(image.get(name, value) == value for name, value in container_env(container).items())


def test_workers_match_the_cpu_limit(container):
    cpu = container["resources"]["limits"]["cpu"]
    cores = int(cpu[:-1]) / 1000 if cpu.endswith("m") else float(cpu)
    assert int(container_env(container)["WEB_CONCURRENCY"]) == math.ceil(cores)


def test_grace_period_outlasts_gunicorn_graceful_timeout(pod, container, conf):
    pre_stop = container["lifecycle"]["preStop"]["sleep"]["seconds"]
    assert pod["spec"]["terminationGracePeriodSeconds"] > pre_stop + conf["graceful_timeout"]


def test_liveness_outlasts_gunicorns_worker_timeout(container, conf):
    # a worker busy past `timeout` is gunicorn's to replace; liveness must not restart the pod first
    probe = container["livenessProbe"]
    assert probe["periodSeconds"] * probe["failureThreshold"] > conf["timeout"]


def test_service_pdb_and_hpa_point_at_the_deployment():
    found = resources()
    labels = found["Deployment"]["spec"]["template"]["metadata"]["labels"]
    assert (
        found["Service"]["spec"]["selector"] == labels
        and found["PodDisruptionBudget"]["spec"]["selector"]["matchLabels"] == labels
        and found["HorizontalPodAutoscaler"]["spec"]["scaleTargetRef"]["name"]
        == found["Deployment"]["metadata"]["name"]
    )


def test_hpa_never_goes_below_what_the_pdb_keeps():
    found = resources()
    hpa, pdb = found["HorizontalPodAutoscaler"]["spec"], found["PodDisruptionBudget"]["spec"]
    assert hpa["minReplicas"] - pdb["maxUnavailable"] >= 1
