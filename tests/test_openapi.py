"""openapi.yaml: valid, generated from the schemas, with real examples and every status listed."""

from pathlib import Path

import pytest
import yaml
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate

from service import engine, openapi

SPEC = Path(__file__).resolve().parent.parent / "openapi.yaml"
DOCUMENT = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
METHODS = ("get", "post", "put", "patch", "delete")


def resolve(node):
    """``node`` with every local $ref replaced by what it points at."""
    if isinstance(node, dict):
        if "$ref" in node:
            target = DOCUMENT
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            return resolve(target)
        return {key: resolve(value) for key, value in node.items()}
    if isinstance(node, list):
        return [resolve(item) for item in node]
    return node


def operations():
    return [
        (path, method, op)
        for path, item in DOCUMENT["paths"].items()
        for method, op in item.items()
        if method in METHODS
    ]


def examples():
    """(where, schema, example) for every documented example of a request or response body."""
    found = []
    for path, method, op in operations():
        bodies = [(f"{status}", r.get("content", {})) for status, r in op["responses"].items()]
        bodies.append(("request", op.get("requestBody", {}).get("content", {})))
        for label, content in bodies:
            for media, entry in content.items():
                if "example" in entry:
                    found.append((f"{method} {path} {label} {media}", entry["schema"], entry["example"]))
    return found


def test_document_is_valid_openapi():
    validate(DOCUMENT)


def test_document_is_what_the_schemas_generate():
    """Schemas, routes, taxonomy or the engine's answers changed and openapi.yaml did not."""
    assert SPEC.read_text(encoding="utf-8") == openapi.to_yaml(openapi.build()), (
        "openapi.yaml is stale: review, then run `python -m service.openapi > openapi.yaml`"
    )


@pytest.mark.parametrize("where, schema, example", examples(), ids=[e[0] for e in examples()])
def test_each_example_matches_its_schema(where, schema, example):
    OAS30Validator(resolve(schema)).validate(example)


STATUSES = {
    ("/v1/extract", "get"): {"200", "304", "400", "422", "500"},
    ("/v1/extract", "post"): {"200", "400", "411", "413", "415", "422", "500"},
    ("/v1/extract/batch", "post"): {"200", "400", "411", "413", "415", "422", "500"},
    ("/v1/kpis", "get"): {"200", "500"},
    ("/healthz", "get"): {"200", "500"},
    ("/readyz", "get"): {"200", "503", "500"},
    ("/metrics", "get"): {"200", "500"},
    ("/openapi.yaml", "get"): {"200", "500"},
    ("/openapi.json", "get"): {"200", "500"},
    ("/docs", "get"): {"200", "500"},
    ("/docs/{name}", "get"): {"200", "404", "500"},
    ("/", "get"): {"200", "304", "500"},
    ("/static/{name}", "get"): {"200", "304", "404", "500"},
}


def test_every_operation_has_its_statuses_listed_here():
    assert {(path, method) for path, method, _ in operations()} == set(STATUSES)


@pytest.mark.parametrize("path, method", STATUSES, ids=[f"{m} {p}" for p, m in STATUSES])
def test_each_operation_documents_every_status_it_can_answer(path, method):
    """The errors each can answer are exercised in test_errors.py and test_api.py."""
    assert set(DOCUMENT["paths"][path][method]["responses"]) == STATUSES[(path, method)]


@pytest.mark.parametrize("path, method, op", operations(), ids=[f"{m} {p}" for p, m, _ in operations()])
def test_every_response_documents_the_request_id_header(path, method, op):
    assert all("X-Request-ID" in r["headers"] for r in op["responses"].values())


@pytest.mark.parametrize("path, method, op", operations(), ids=[f"{m} {p}" for p, m, _ in operations()])
def test_every_error_is_a_problem(path, method, op):
    errors = [r for status, r in op["responses"].items() if int(status) >= 400]
    assert errors and all(list(r["content"]) == ["application/problem+json"] for r in errors)


def test_every_schema_field_has_a_description():
    missing = [
        f"{name}.{field}"
        for name, schema in DOCUMENT["components"]["schemas"].items()
        for field, prop in schema["properties"].items()
        if "$ref" not in prop and not prop.get("description")
    ]
    assert missing == []


@pytest.mark.parametrize("path", ["/v1/extract", "/v1/extract/batch"])
def test_documented_answer_is_what_the_service_answers(client, path):
    operation = DOCUMENT["paths"][path]["post"]
    request = operation["requestBody"]["content"]["application/json"]["example"]
    answer = operation["responses"]["200"]["content"]["application/json"]["example"]
    live = client.post(path, json=request).get_json()
    openapi._generic_version(live, engine.version())  # examples show the version's form
    assert live == answer
