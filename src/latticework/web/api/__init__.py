"""The JSON API under /api, one router per resource; the OpenAPI document is /openapi.json."""

from latticework.web.api import audit, eu, framework, growth, imports, people, users

MODULES = [audit, eu, framework, growth, imports, people, users]
