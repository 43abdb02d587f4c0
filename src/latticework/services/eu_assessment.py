"""Article 10: the joint pay assessment of an employer, and its justifications register."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from latticework.audit.context import DEFAULT_MIN_GROUP
from latticework.errors import LatticeworkError, Location, Problem
from latticework.services.eu_common import employer_pay

if TYPE_CHECKING:
    import pandas as pd

    from latticework.compliance.article10 import JointAssessment
    from latticework.storage import StoredJustification, UnitOfWork

DAYS_PER_YEAR = 365.25


def _factor_columns(uow: UnitOfWork, pay: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """The employer's pay frame with the measurable factors of a justification added."""
    import pandas as pd

    people = uow.organisation.table("people",
        columns=["employee_id", "hire_date", "level_start_date", "performance_rating",
                 "discipline"],
        only=("employee_id", list(pay["employee_id"])),
    ).set_index("employee_id")  # fmt: skip
    today = pd.Timestamp(as_of)
    ids = pay["employee_id"]
    out = pay.copy()
    out["tenure"] = ((today - ids.map(people["hire_date"])).dt.days / DAYS_PER_YEAR).to_numpy()
    level_start = ids.map(people["level_start_date"]).fillna(ids.map(people["hire_date"]))
    out["time_in_level"] = ((today - level_start).dt.days / DAYS_PER_YEAR).to_numpy()
    out["performance"] = ids.map(people["performance_rating"]).to_numpy()
    out["discipline"] = ids.map(people["discipline"]).to_numpy()
    return out


def _reported_gaps(
    uow: UnitOfWork, legal_entity: str, year: int
) -> tuple[dict[str, float | None], date | None]:

    stored = uow.eu.submitted_report(legal_entity, year)
    if stored is None:
        return {}, None
    document = json.loads(stored.report)
    g = next(i for i in document["indicators"] if i["item"] == "g")
    gaps = {
        str(r["Category"]): r["Mean gap, total"]
        for r in g["rows"]
        if r["Pay basis"] == "gross annual"
    }
    return gaps, stored.submitted_on


def assess(
    uow: UnitOfWork,
    *,
    legal_entity: str,
    year: int,
    as_of: date,
    min_group: int = DEFAULT_MIN_GROUP,
) -> JointAssessment:
    """The Art. 10(2) assessment; gaps as reported when the report was recorded as submitted."""
    from latticework.compliance.article10 import Justification, joint_assessment, leave_returns

    employer = employer_pay(uow, legal_entity)
    pay = _factor_columns(uow, employer.pay, as_of)
    reported, submitted_on = _reported_gaps(uow, legal_entity, year)
    register = [
        Justification(
            category=j.category,
            factor=j.factor,
            explanation=j.explanation,
            evidence=j.evidence,
            agreement=j.agreement,
            agreed_by=j.agreed_by,
            agreed_on=j.agreed_on,
        )
        for j in uow.eu.justifications(legal_entity, year)
    ]
    from latticework.org.columns import LEAVE_TYPES

    events = uow.organisation.table(
        "events",
        columns=["employee_id", "date", "type", "old_base", "new_base", "end_date"],
        only=("type", [*LEAVE_TYPES, "pay_change", "promotion"]),
    )
    events = events[events["employee_id"].isin(set(pay["employee_id"]))]
    return joint_assessment(
        pay,
        legal_entity=legal_entity,
        year=year,
        as_of=as_of,
        currency=employer.currency,
        min_group=min_group,
        justifications=register,
        reported_gaps=reported,
        submitted_on=submitted_on,
        leave=leave_returns(pay, events, as_of=as_of, min_group=min_group),
    )


def import_justifications(uow: UnitOfWork, path: Path) -> int:
    """Read the register CSV (all or nothing) and store its rows; returns how many."""
    from latticework.compliance.justifications import parse_rows
    from latticework.storage import StoredJustification

    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise LatticeworkError(
            Problem(
                "The file does not exist.", Location(file=str(path)), "Check the path.", "eu-csv"
            )
        ) from None
    except UnicodeDecodeError:
        raise LatticeworkError(
            Problem(
                "The file is not UTF-8 text.",
                Location(file=str(path)),
                "Save it as CSV UTF-8.",
                "eu-csv",
            )
        ) from None
    try:
        table = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise LatticeworkError(
            Problem(
                f"The CSV is not well formed: {exc}.",
                Location(file=str(path)),
                "Check the quotes.",
                "eu-csv",
            )
        ) from None
    rows = [r for r in table[1:] if any(c.strip() for c in r)]
    parsed = parse_rows(str(path), table[0] if table else [], rows)
    uow.eu.save_justifications(
        [
            StoredJustification(
                legal_entity=r.legal_entity,
                year=r.year,
                category=r.category,
                factor=r.factor,
                explanation=r.explanation,
                evidence=r.evidence,
                agreement=r.agreement,
                agreed_by=r.agreed_by,
                agreed_on=r.agreed_on,
            )
            for r in parsed
        ],
    )
    return len(parsed)


def export_justifications(uow: UnitOfWork, legal_entity: str, year: int) -> str:
    from latticework.compliance.justifications import CSV_COLUMNS

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for j in uow.eu.justifications(legal_entity, year):
        writer.writerow(
            [j.legal_entity, j.year, j.category, j.factor, j.explanation, j.evidence or "",
             j.agreement or "", j.agreed_by or "", j.agreed_on.isoformat() if j.agreed_on else ""]
        )  # fmt: skip
    return buffer.getvalue()


def categories_of(uow: UnitOfWork, legal_entity: str) -> list[str]:
    """The employer's categories of workers, lowest first (what a justification may name)."""
    pay = employer_pay(uow, legal_entity).pay.dropna(subset=["category"])
    ordered = pay.sort_values(["category_rank", "category"])["category"]
    return list(dict.fromkeys(str(c) for c in ordered))


def _justification_error(message: str, fix: str, field: str) -> LatticeworkError:
    return LatticeworkError(Problem(message, Location(field=field), fix, "eu-justification"))


def save_justification(
    uow: UnitOfWork,
    *,
    legal_entity: str,
    year: int,
    category: str,
    factor: str,
    explanation: str,
    evidence: str | None,
) -> StoredJustification:
    """Add or edit one register row (the people role). Changing the explanation or evidence
    clears the representatives' answer: they agreed to the text they read, not to a new one.
    The explained share is never stored: the decomposition measures it from the data."""
    from latticework.compliance.decomposition import FACTORS
    from latticework.storage import StoredJustification

    known = categories_of(uow, legal_entity)
    if category not in known:
        raise _justification_error(
            f"'{category}' is not a category of workers of {legal_entity}.",
            "Use one of: " + ", ".join(known) + ".",
            "category",
        )
    if factor not in FACTORS:
        raise _justification_error(
            f"Factor '{factor}' is not one latticework can measure.",
            "Use one of: " + ", ".join(sorted(FACTORS)) + ".",
            "factor",
        )
    explanation = explanation.strip()
    if not explanation:
        raise _justification_error(
            "The explanation is empty.", "Say why the factor explains the gap.", "explanation"
        )
    evidence = (evidence or "").strip() or None
    before = next(
        (j for j in uow.eu.justifications(legal_entity, year)
         if j.category == category and j.factor == factor),
        None,
    )  # fmt: skip
    kept = before is not None and (before.explanation, before.evidence) == (explanation, evidence)
    row = StoredJustification(
        legal_entity=legal_entity,
        year=year,
        category=category,
        factor=factor,
        explanation=explanation,
        evidence=evidence,
        agreement=before.agreement if kept and before else None,
        agreed_by=before.agreed_by if kept and before else None,
        agreed_on=before.agreed_on if kept and before else None,
    )
    uow.eu.save_justifications([row])
    return row


def record_agreement(
    uow: UnitOfWork,
    *,
    legal_entity: str,
    year: int,
    category: str,
    factor: str,
    agreement: str,
    by: str,
    on: date,
) -> StoredJustification:
    """The workers' representatives agree or disagree with one justification (who, when)."""
    from dataclasses import replace

    from latticework.compliance.justifications import AGREEMENTS

    if agreement not in AGREEMENTS:
        raise _justification_error(
            f"'{agreement}' is neither agreed nor disagreed.",
            "Answer agreed or disagreed.",
            "agreement",
        )
    before = next(
        (j for j in uow.eu.justifications(legal_entity, year)
         if j.category == category and j.factor == factor),
        None,
    )  # fmt: skip
    if before is None:
        raise _justification_error(
            f"No justification of {category} by {factor} is recorded for {legal_entity}, {year}.",
            "Open the register and answer one of its rows.",
            "factor",
        )
    row = replace(before, agreement=agreement, agreed_by=by, agreed_on=on)
    uow.eu.save_justifications([row])
    return row
