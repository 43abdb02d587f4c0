"""A small organisation as canonical frames, built in a few lines (no database)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from latticework.framework import Framework
from latticework.org.dataset import OrgDataset, add_derived_pay, empty_frame

PEOPLE = [
    # id, name, discipline, track, level, path, team, level_start
    ("p1", "Ada", "engineering", "ic", "E8", "technical-depth", "payments", "2023-05-01"),
    (
        "p2",
        "Grace",
        "engineering",
        "management",
        "M8",
        "strategic-leadership",
        "payments",
        "2022-01-01",
    ),
    (
        "p3",
        "Linus",
        "engineering",
        "ic",
        "E6",
        "domain-specialist:security",
        "payments",
        "2024-02-01",
    ),
    ("p4", "Barbara", "product", "ic", "P6", "product-depth", "payments", "2024-09-01"),
    ("p5", "Ken", "engineering", "ic", "E7", "technical-depth", "search", "2025-01-01"),
    ("p6", "Dennis", "engineering", "ic", "E6", "technical-depth", "search", "2024-01-01"),
    ("p7", "Margaret", "engineering", "ic", "E5", "technical-depth", "search", "2024-06-01"),
]


def small_org(framework: Framework, as_of: date = date(2026, 11, 1)) -> OrgDataset:
    people = pd.DataFrame(
        [
            {
                "employee_id": i,
                "name": n,
                "discipline": d,
                "track": t,
                "level": lv,
                "path": p,
                "team": team,
                "hire_date": pd.Timestamp("2020-01-01"),
                "level_start_date": pd.Timestamp(start),
                "base_salary": 200_000.0,
                "currency": "USD",
                "zone": "us",
                "status": "active",
            }
            for i, n, d, t, lv, p, team, start in PEOPLE
        ]
    )
    impact = pd.DataFrame(
        [
            {
                "impact_id": "i1",
                "employee_id": "p1",
                "date": pd.Timestamp("2026-03-01"),
                "category": "efficiency",
                "title": "Moved analytics to a streaming pipeline",
                "metric": "cloud costs",
                "value": 1_000_000.0,
                "unit": "USD/year",
                "beneficiary": "the product team",
                "horizon": "their Q2 roadmap",
                "evidence": "https://wiki/streaming",
                "statement": None,
                "competency": "delivery-impact",
            },
            {
                "impact_id": "i2",
                "employee_id": "p1",
                "date": pd.Timestamp("2025-10-01"),
                "category": "risk_reduction",
                "title": "Automated failover for the ledger",
                "metric": "ledger incidents",
                "value": 6.0,
                "unit": "incidents/year",
                "beneficiary": None,
                "horizon": None,
                "evidence": None,
                "statement": None,
                "competency": "craft-expertise",
            },
        ]
    )
    rows = []
    for competency, rating in {
        "craft-expertise": 4,
        "system-design": 4,
        "delivery-impact": 4,
        "communication": 4,
        "mentoring": 3,
        "strategy": 1,
    }.items():
        for rater in ("self", "manager"):
            rows.append(
                {
                    "employee_id": "p1",
                    "cycle": "2026-H1",
                    "competency": competency,
                    "rater": rater,
                    "rating": rating,
                    "evidence": f"https://reviews/p1/{competency}",
                    "date": pd.Timestamp("2026-06-30"),
                }
            )
    assessments = pd.DataFrame(rows)
    roles = pd.DataFrame(
        [
            {
                "employee_id": "p1",
                "role": "system-architect",
                "start_date": pd.Timestamp("2025-01-01"),
                "end_date": pd.NaT,
                "scope": "payments platform",
            }
        ]
    )
    participation = pd.DataFrame(
        [
            {
                "forum": "architecture-review-board",
                "date": pd.Timestamp(day),
                "employee_id": "p1",
                "role": "decision_maker",
            }
            for day in ("2026-01-10", "2026-02-14", "2026-03-13")
        ]
    )
    return OrgDataset(
        people=add_derived_pay(people, framework),
        events=empty_frame("events"),
        participation=participation,
        impact=impact,
        assessments=assessments,
        roles=roles,
        as_of=as_of,
    )
