"""Server-rendered pages, one router per resource."""

from latticework.web.pages import auth, framework, growth, imports, people, users

MODULES = [auth, framework, growth, imports, people, users]
