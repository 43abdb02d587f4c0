"""Server-rendered pages, one router per resource."""

from latticework.web.pages import (
    audit,
    auth,
    eu,
    framework,
    growth,
    imports,
    people,
    promotions,
    remediation,
    team_view,
    users,
)

MODULES = [
    audit,
    auth,
    eu,
    framework,
    growth,
    imports,
    people,
    users,
    team_view,
    promotions,
    remediation,
]
