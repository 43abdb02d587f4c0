"""Every web setting can be set from the environment, and docs/web.md lists each with its
default."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from latticework.web.settings import ENV_PREFIX, WebSettings

DOC = (Path(__file__).resolve().parents[2] / "docs" / "web.md").read_text(encoding="utf-8")


def env_name(field: str) -> str:
    return ENV_PREFIX + ("FRAMEWORK" if field == "framework_files" else field.upper())


def test_every_setting_is_documented_with_its_variable() -> None:
    missing = [env_name(f) for f in WebSettings.model_fields if f"| `{env_name(f)}` |" not in DOC]
    assert missing == [], f"add these to the settings table in docs/web.md: {missing}"


def test_every_setting_comes_from_its_environment_variable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    values = {
        "DATABASE_URL": "sqlite:///elsewhere.db",
        "SECRET_KEY": "k" * 40,
        "FRAMEWORK": os.pathsep.join([str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")]),
        "COOKIE_SECURE": "1",
        "SESSION_MAX_AGE_SECONDS": "120",
        "LOGIN_MAX_FAILURES": "3",
        "LOGIN_WINDOW_SECONDS": "60",
        "LOGIN_MAX_DELAY_SECONDS": "30",
        "MAX_UPLOAD_BYTES": "4096",
        "MAX_REQUEST_BYTES": "8192",
        "MAX_ANONYMOUS_REQUEST_BYTES": "2048",
        "TITLE": "Acme careers",
        "LOG_LEVEL": "WARNING",
        "AUDIT_WORKER": "0",
        "AUDIT_JOB_LEASE_SECONDS": "30",
        "AUDIT_JOB_HEARTBEAT_SECONDS": "2.5",
        "AUDIT_JOB_MAX_ATTEMPTS": "5",
        "AUDIT_JOB_POLL_SECONDS": "0.5",
    }
    for name, value in values.items():
        monkeypatch.setenv(ENV_PREFIX + name, value)
    settings = WebSettings.from_env()
    assert settings.database_url == "sqlite:///elsewhere.db"
    assert settings.secret_key == "k" * 40
    assert settings.framework_files == (tmp_path / "a.yaml", tmp_path / "b.yaml")
    assert settings.cookie_secure is True
    assert settings.session_max_age_seconds == 120
    assert settings.login_max_failures == 3
    assert settings.login_window_seconds == 60
    assert settings.login_max_delay_seconds == 30
    assert settings.max_upload_bytes == 4096
    assert settings.max_request_bytes == 8192
    assert settings.max_anonymous_request_bytes == 2048
    assert settings.title == "Acme careers"
    assert settings.log_level == "warning"
    assert settings.audit_worker is False
    assert (settings.audit_job_lease_seconds, settings.audit_job_heartbeat_seconds) == (30, 2.5)
    assert (settings.audit_job_max_attempts, settings.audit_job_poll_seconds) == (5, 0.5)
    assert len(values) == len(WebSettings.model_fields)


def test_defaults_without_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in WebSettings.model_fields:
        monkeypatch.delenv(env_name(name), raising=False)
    settings = WebSettings.from_env()
    assert settings.database_url == "sqlite:///latticework.db"
    assert len(settings.secret_key) >= 32  # a random one
    assert settings.framework_files == ()
    assert settings.cookie_secure is False
    assert settings.max_upload_bytes == 20 * 1024 * 1024


def test_explicit_values_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_PREFIX + "LOGIN_MAX_FAILURES", "9")
    assert WebSettings.from_env(login_max_failures=2).login_max_failures == 2


def test_a_bad_value_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from pydantic import ValidationError

    monkeypatch.setenv(ENV_PREFIX + "MAX_UPLOAD_BYTES", "ten")
    with pytest.raises(ValidationError, match="max_upload_bytes"):
        WebSettings.from_env()
