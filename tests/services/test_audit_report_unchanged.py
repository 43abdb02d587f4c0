"""Making the audit faster must not change one number of its report.

The reference (data/audit_report_2000.json.gz) is the audit JSON of the 2,000-person demo
organisation produced by the code *before* the speed work (see reference_audit.py for how
it was made and when to regenerate it); numbers must agree to 1e-9 relative, every text
exactly.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from tests.services.reference_audit import demo_audit_json, differences

REFERENCE = Path(__file__).parent / "data" / "audit_report_2000.json.gz"


def test_the_demo_audit_report_is_what_it_was(tmp_path: Path) -> None:
    expected = json.loads(gzip.decompress(REFERENCE.read_bytes()))
    actual = json.loads(demo_audit_json(tmp_path))
    assert differences(expected, actual)[:20] == []


def test_the_comparison_sees_a_changed_number_and_a_changed_word() -> None:
    report = {"a": [1.0, {"b": "ICs"}], "n": 3}
    assert differences(report, {"a": [1.0 + 1e-13, {"b": "ICs"}], "n": 3}) == []
    assert differences(report, {"a": [1.001, {"b": "ICs"}], "n": 3}) == ["$.a[0]: 1.0 != 1.001"]
    assert differences(report, {"a": [1.0, {"b": "ICS"}], "n": 3}) == ["$.a[1].b: 'ICs' != 'ICS'"]
    assert differences(report, {"a": [1.0], "n": 3}) == ["$.a: 2 items != 1"]
