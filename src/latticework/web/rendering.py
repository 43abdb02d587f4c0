"""Rendering pages from templates, with the request's user and CSRF token in context."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from latticework.web.state import AppState


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    state: AppState = request.app.state.latticework
    return state.templates.TemplateResponse(
        request, template, context or {}, status_code=status_code, headers=headers
    )


def safe_next(target: str | None, default: str = "/") -> str:
    """A local path to go to after logging in; anything else (another site) becomes `default`."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target
