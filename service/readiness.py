"""The readiness self-check: a small built-in report and the KPI the engine must read from it."""

from service import engine

TEXT = "本月共销售住宅41套。"
EXPECTED = {"name": "units_sold", "value": 41}


def failure():
    """None when the engine reads ``EXPECTED`` from ``TEXT``, else why not, in words."""
    try:
        answer = engine.extract(TEXT)
    except Exception as error:  # noqa: BLE001 - any failure means not ready; the type says which
        return f"The engine raised {type(error).__qualname__} on the self-check report."
    found = [k.get("value") for k in answer.get("kpis", []) if k.get("name") == EXPECTED["name"]]
    if EXPECTED["value"] in found:
        return None
    return (
        f"The self-check report {TEXT!r} should give KPI {EXPECTED['name']} = "
        f"{EXPECTED['value']}; the engine gave {found or 'none'}."
    )
