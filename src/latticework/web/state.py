"""What one app process holds: settings, a connection pool, the cookie signer, the
templates and the current framework. None of it is per-user state; every process
built from the same settings behaves the same."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from fastapi.templating import Jinja2Templates

from latticework.framework.model import Framework
from latticework.services.frameworks import current_framework
from latticework.storage import Engine, UnitOfWork
from latticework.web.access_log import AccessLogWriter
from latticework.web.audit_worker import AuditWorker
from latticework.web.security import CookieSigner
from latticework.web.settings import WebSettings

T = TypeVar("T")


class FrameworkProvider:
    """The framework pages are drawn with: explicit files, else the newest one stored, else
    the built-in default. A stored framework is re-read when an import stores a newer one,
    so every process follows imports made through another."""

    def __init__(self, settings: WebSettings) -> None:
        self._files = settings.framework_files
        self._lock = threading.Lock()
        self._loaded_version: int | None = None
        self._framework: Framework | None = None
        self._views: dict[tuple[object, ...], object] = {}

    def view(self, fw: Framework, key: tuple[object, ...], build: Callable[[], T]) -> T:
        """A view of the framework (a grid, a level page) built once per framework version.

        Views are pure functions of an immutable framework, so every process may
        keep its own copy; a new framework version starts a new cache.
        """
        full_key = (id(fw), *key)
        found = self._views.get(full_key)
        if found is None:
            if len(self._views) > 2000 or any(k[0] != id(fw) for k in list(self._views)[:1]):
                self._views.clear()
            found = self._views[full_key] = build()
        return found  # type: ignore[return-value]

    def current(self, uow: UnitOfWork) -> Framework:
        """The current framework (`services.frameworks`), re-read only when a newer
        version is stored."""
        if self._files:
            if self._framework is None:
                self._framework = current_framework(None, list(self._files))
            return self._framework
        version = uow.frameworks.newest_id()
        if self._framework is None or version != self._loaded_version:
            with self._lock:
                self._framework = current_framework(uow)
                self._loaded_version = version
        return self._framework


@dataclass
class AppState:
    settings: WebSettings
    engine: Engine
    signer: CookieSigner
    templates: Jinja2Templates
    frameworks: FrameworkProvider
    access_log: AccessLogWriter
    """Writes the access log with group commit (see web.access_log)."""
    audit_worker: AuditWorker
    """Runs queued audit jobs (see web.audit_worker); woken when this process queues one."""
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    """Writers of this process take turns (see deps.write_in_thread)."""
