"""The reference report of `test_audit_report_unchanged.py`, and how to compare with it.

Regenerate the reference from the commit *before* the change being checked, never from the
changed code: check out that commit, then run

    PYTHONPATH=src python -m tests.services.reference_audit \
        tests/services/data/audit_report_2000.json.gz

and bring the file over to the change.
"""

from __future__ import annotations

import gzip
import json
import math
import sys
from datetime import date
from pathlib import Path

AS_OF = date(2026, 6, 30)
PEOPLE = 2000


def demo_audit_json(folder: Path) -> str:
    """`audit_json` of the 2,000-person demo (seed 0, five years), written to SQLite and
    audited through `audit_organisation`, as the web and the CLI do."""
    from latticework.demo.build import write_demo_database
    from latticework.demo.generator import generate_organisation
    from latticework.framework import load_default_framework
    from latticework.reports.audit_json import audit_json
    from latticework.services.audit import audit_organisation
    from latticework.storage import UnitOfWork, dispose_engine

    framework = load_default_framework().framework
    dataset = generate_organisation(framework, people=PEOPLE, years=5, seed=0, as_of=AS_OF)
    url = f"sqlite:///{folder / 'demo.db'}"
    write_demo_database(url, dataset, framework, replace=True)
    with UnitOfWork(url) as uow:
        text = audit_json(audit_organisation(uow, as_of=AS_OF))
    dispose_engine(url)
    return text


def differences(expected: object, actual: object, where: str = "$") -> list[str]:
    """Where two JSON values differ. Numbers agree within 1e-9 relative (another BLAS or a
    library release may round a last digit differently); everything else exactly."""
    if isinstance(expected, bool) or isinstance(actual, bool) or expected is None:
        return [] if expected == actual else [f"{where}: {expected!r} != {actual!r}"]
    if isinstance(expected, int | float) and isinstance(actual, int | float):
        close = math.isclose(expected, actual, rel_tol=1e-9, abs_tol=1e-12)
        return [] if close else [f"{where}: {expected!r} != {actual!r}"]
    if isinstance(expected, dict) and isinstance(actual, dict):
        if expected.keys() != actual.keys():
            return [f"{where}: keys {sorted(expected)} != {sorted(actual)}"]
        return [d for k in expected for d in differences(expected[k], actual[k], f"{where}.{k}")]
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return [f"{where}: {len(expected)} items != {len(actual)}"]
        return [
            d for i, (e, a) in enumerate(zip(expected, actual, strict=True))
            for d in differences(e, a, f"{where}[{i}]")
        ]  # fmt: skip
    return [] if expected == actual else [f"{where}: {expected!r} != {actual!r}"]


def main(out: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        text = demo_audit_json(Path(folder))
    Path(out).write_bytes(gzip.compress(json.dumps(json.loads(text)).encode(), mtime=0))


if __name__ == "__main__":
    main(sys.argv[1])
