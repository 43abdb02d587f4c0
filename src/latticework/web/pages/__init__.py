"""Server-rendered pages, one router per resource."""

from latticework.web.pages import auth, framework, people, users

MODULES = [auth, framework, people, users]
