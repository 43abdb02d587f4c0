"""The JSON API under /api, one router per resource; the OpenAPI document is /openapi.json."""

from latticework.web.api import framework, growth, imports, people, users

MODULES = [framework, growth, imports, people, users]
