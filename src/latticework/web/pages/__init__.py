"""Server-rendered pages, one router per resource."""

from latticework.web.pages import auth, framework

MODULES = [auth, framework]
