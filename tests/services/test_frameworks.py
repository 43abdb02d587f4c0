"""The one rule for which framework an organisation is read against (services.frameworks):
the given files, else the newest stored version, else the built-in default."""

from __future__ import annotations

from pathlib import Path

from latticework.framework import dump_framework, load_default_framework
from latticework.services.data import upgrade_database
from latticework.services.frameworks import current_framework, resolve
from latticework.storage import UnitOfWork
from latticework.storage.engine import dispose_engine

DEFAULT = load_default_framework().framework


def test_a_new_database_reads_against_the_default_framework(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    upgrade_database(url)
    with UnitOfWork(url) as uow:
        found = resolve(uow)
    dispose_engine(url)
    assert found.source == "default"
    assert found.framework == DEFAULT
    assert resolve(None).source == "default"  # no database at all


def test_the_newest_stored_version_is_current(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'stored.db'}"
    upgrade_database(url)
    renamed = DEFAULT.model_copy(update={"organisation": "Acme"})
    with UnitOfWork(url) as uow:
        uow.frameworks.store(DEFAULT, ["first.yaml"])
        uow.frameworks.store(renamed, ["second.yaml"])
        uow.commit()
    with UnitOfWork(url) as uow:
        found = resolve(uow)
        assert current_framework(uow).organisation == "Acme"
    dispose_engine(url)
    assert (found.source, found.files) == ("stored", ["second.yaml"])


def test_given_files_win_over_what_is_stored(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'files.db'}"
    upgrade_database(url)
    with UnitOfWork(url) as uow:
        uow.frameworks.store(DEFAULT.model_copy(update={"organisation": "Stored"}), [])
        uow.commit()
    file = tmp_path / "framework.yaml"
    file.write_text(dump_framework(DEFAULT.model_copy(update={"organisation": "Files"})))
    with UnitOfWork(url) as uow:
        found = resolve(uow, [file])
    dispose_engine(url)
    assert (found.source, found.framework.organisation) == ("files", "Files")
