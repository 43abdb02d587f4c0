"""Server-rendered pages, one router per resource."""

from latticework.web.pages import auth, framework, growth, people, users

MODULES = [auth, framework, people, growth, users]
