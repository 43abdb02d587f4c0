"""`latticework audit` as a user runs it: a real database, every format, exit codes, the docs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from latticework.audit import all_audits
from latticework.cli import app
from latticework.demo.generator import generate_organisation
from latticework.framework import load_default_framework
from latticework.reports.audit_json import audit_json_schema
from latticework.services.data import import_dataset, upgrade_database
from latticework.storage.unit_of_work import UnitOfWork

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()
AS_OF = "2026-06-30"


def demo_database(url: str) -> str:
    """The 1,200-person demo organisation written through the import path."""
    from datetime import date

    framework = load_default_framework().framework
    dataset = generate_organisation(framework, people=1200, seed=4, as_of=date.fromisoformat(AS_OF))
    upgrade_database(url)
    with UnitOfWork(url) as uow:
        import_dataset(uow, dataset, framework)
        uow.commit()
    return url


@pytest.fixture(scope="module")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return demo_database(f"sqlite:///{tmp_path_factory.mktemp('audit') / 'demo.db'}")


def audit(url: str, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["audit", "--db", url, "--as-of", AS_OF, *args])


def test_json_report_validates_against_the_published_schema(sqlite_url: str) -> None:
    result = audit(sqlite_url, "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    jsonschema.validate(report, audit_json_schema())
    assert report["schema_version"] == 1
    assert report["as_of"] == AS_OF
    assert report["period_start"] == "2025-06-30"
    assert {s["id"] for s in report["sections"]} == {a.id for a in all_audits()}
    assert report["correction"].startswith("Holm")


@pytest.mark.parametrize("fmt", ["text", "md", "html", "pdf"])
def test_every_format_writes_the_report_to_out(sqlite_url: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"audit.{fmt}"
    result = audit(sqlite_url, "--format", fmt, "--out", str(out))
    assert result.exit_code == 0, result.output
    content = out.read_bytes()
    if fmt == "pdf":
        assert content.startswith(b"%PDF")
        return
    text = content.decode()
    assert "Strategic planning" in text
    if fmt == "html":
        assert text.count("<svg") >= 5  # pay, promotion, time in level, influence, …
        assert "<script" not in text
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text)
        assert "@import" not in text


def test_findings_exit_0_unless_fail_on_is_given(sqlite_url: str) -> None:
    assert audit(sqlite_url, "--audits", "pay-parity").exit_code == 0
    assert audit(sqlite_url, "--audits", "pay-parity", "--fail-on", "medium").exit_code == 1
    assert audit(sqlite_url, "--audits", "ceiling", "--fail-on", "high").exit_code == 0


def test_options_select_audits_attributes_period_and_correction(sqlite_url: str) -> None:
    result = audit(
        sqlite_url,
        "--format", "json",
        "--audits", "advancement,demographic",
        "--attributes", "gender",
        "--period-start", "2024-01-01",
        "--period-end", "2025-12-31",
        "--correction", "bh",
        "--min-group", "10",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [s["id"] for s in report["sections"]] == ["advancement", "demographic"]
    assert report["options"]["attributes"] == ["gender"]
    assert report["options"]["min_group"] == 10
    assert (report["period_start"], report["period_end"]) == ("2024-01-01", "2025-12-31")
    assert "Benjamini" in report["correction"]
    for section in report["sections"]:
        for c in section["comparisons"]:
            assert all(g["n"] is None or g["n"] >= 10 for g in c["groups"])


def test_usage_errors_exit_2_and_bad_input_exits_1(sqlite_url: str, tmp_path: Path) -> None:
    unknown = audit(sqlite_url, "--audits", "pay-parity,bogus")
    assert unknown.exit_code == 2
    assert "Unknown audit 'bogus'" in unknown.output
    backwards = audit(sqlite_url, "--period-start", "2026-01-01", "--period-end", "2025-01-01")
    assert backwards.exit_code == 2
    assert audit(sqlite_url, "--format", "xml").exit_code == 2
    # A mistyped path is a usage error, and no empty database file is left behind.
    missing = audit(f"sqlite:///{tmp_path / 'empty.db'}")
    assert missing.exit_code == 2
    assert "does not exist" in missing.output
    assert not (tmp_path / "empty.db").exists()
    (tmp_path / "bare.db").touch()  # an SQLite database without latticework's tables
    bare = audit(f"sqlite:///{tmp_path / 'bare.db'}")
    assert bare.exit_code == 2
    assert "latticework db upgrade" in bare.output


@pytest.mark.postgres
def test_postgresql_gives_the_same_report_as_sqlite(sqlite_url: str, postgres_url: str) -> None:
    import uuid

    import psycopg

    from latticework.storage.engine import dispose_engine

    schema = f"lw_audit_{uuid.uuid4().hex[:10]}"
    conninfo = postgres_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo, autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in postgres_url else "?"
    url = f"{postgres_url}{separator}options=-csearch_path%3D{schema}"
    try:
        demo_database(url)
        from_pg = json.loads(audit(url, "--format", "json").stdout)
        from_sqlite = json.loads(audit(sqlite_url, "--format", "json").stdout)
        assert from_pg["findings"] == from_sqlite["findings"]
        assert from_pg["sections"] == from_sqlite["sections"]
    finally:
        dispose_engine(url)
        with psycopg.connect(conninfo, autocommit=True) as admin:
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')


def test_every_audit_is_documented_in_audit_methods() -> None:
    methods = (ROOT / "docs" / "audit-methods.md").read_text(encoding="utf-8")
    missing = [a.id for a in all_audits() if f"### `{a.id}`" not in methods]
    assert missing == []


def test_published_json_schema_is_the_one_the_code_produces() -> None:
    page = (ROOT / "docs" / "audit-json-schema.md").read_text(encoding="utf-8")
    published = json.loads(page.split("```json\n", 1)[1].split("\n```", 1)[0])
    assert published == audit_json_schema(), "regenerate docs/audit-json-schema.md"


def test_tolerance_option_takes_a_percentage_and_rejects_nonsense(sqlite_url: str) -> None:
    result = audit(sqlite_url, "--audits", "pay-parity", "--tolerance", "5%", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    gaps = [c for s in report["sections"] for c in s["comparisons"] if c["estimate"] is not None]
    assert gaps
    assert all(c["tolerance_p"] is not None for c in gaps)
    bad = audit(sqlite_url, "--tolerance", "five")
    assert bad.exit_code == 2
    assert "--tolerance" in bad.output
