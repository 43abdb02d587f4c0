"""The Article 7 letter (HTML, PDF, JSON) and the Article 7(3) annual notice to workers."""

from __future__ import annotations

import json
from datetime import date

from latticework.compliance.article7 import InformationLetter, PayFigures
from latticework.compliance.requests import DEFAULT_ANSWER_MONTHS
from latticework.reports.document import Bullets, Document, Heading, Paragraph, Table, render
from latticework.reports.eu_text import to_text

LETTER_KIND = "eu-pay-transparency-article7"


def _money(value: float, currency: str, digits: int = 0) -> str:
    return f"{value:,.{digits}f} {currency}".strip()


def _rows(label: str, pay: PayFigures, currency: str) -> list[list[str]]:
    return [
        [label, "gross annual (full time)", _money(pay.basic_annual, currency),
         _money(pay.complementary_annual, currency), _money(pay.total_annual, currency)],
        [label, "gross hourly", _money(pay.basic_hourly, currency, 2),
         _money(pay.complementary_hourly, currency, 2), _money(pay.total_hourly, currency, 2)],
    ]  # fmt: skip


def letter_document(letter: InformationLetter, answered_on: date | None = None) -> Document:
    who = f"{letter.name} ({letter.employee_id})" if letter.name else letter.employee_id
    doc = Document(
        title="Your pay information (Directive (EU) 2023/970, Article 7)",
        subtitle=f"For {who}, worker of {letter.legal_entity}"
        + (f"; answered on {answered_on.isoformat()}" if answered_on else ""),
    )
    doc.add(
        Paragraph(
            "You asked for your pay level and the average pay levels, by sex, of the workers "
            "doing the same work as you or work of equal value. Basic pay is base salary; "
            "complementary pay is variable pay, equity, allowances and benefits in kind."
        ),
        Heading("Your pay"),
        Table(
            columns=["", "Pay basis", "Basic", "Complementary", "Total"],
            rows=_rows("you", letter.own, letter.currency),
            numeric=[False, False, True, True, True],
        ),
        Heading(f"Average pay in your category of workers: {letter.category}"),
        Paragraph(f"Category of workers: {letter.category_basis}."),
    )
    if letter.averages is None:
        reason = letter.withheld_reason or ""
        doc.add(Paragraph(reason, tone="note"))
    else:
        rows = [r for sex, pay in letter.averages.items() for r in _rows(sex, pay, letter.currency)]
        doc.add(
            Table(
                columns=["Average of", "Pay basis", "Basic", "Complementary", "Total"],
                rows=rows,
                numeric=[False, False, True, True, True],
            )
        )
    doc.add(
        Heading("How pay and progression are set (Article 6)"),
        Bullets(letter.criteria),
        Paragraph(
            "You may ask for clarification or further details of this information, and you "
            "may disclose your own pay for the purpose of enforcing equal pay (Art. 7(4), "
            "7(5)).",
            tone="note",
        ),
    )
    return doc


def _figures(pay: PayFigures) -> dict[str, float]:
    return {
        "basic_annual": pay.basic_annual,
        "complementary_annual": pay.complementary_annual,
        "basic_hourly": pay.basic_hourly,
        "complementary_hourly": pay.complementary_hourly,
    }


def letter_dict(letter: InformationLetter) -> dict[str, object]:
    return {
        "kind": LETTER_KIND,
        "version": 1,
        "employee_id": letter.employee_id,
        "legal_entity": letter.legal_entity,
        "category": letter.category,
        "category_basis": letter.category_basis,
        "currency": letter.currency,
        "own": _figures(letter.own),
        "averages": None
        if letter.averages is None
        else {sex: _figures(pay) for sex, pay in letter.averages.items()},
        "withheld": letter.withheld_reason,
        "min_group": letter.min_group,
        "criteria": letter.criteria,
    }


def render_letter(
    letter: InformationLetter, fmt: str, answered_on: date | None = None
) -> str | bytes:
    if fmt == "json":
        return json.dumps(letter_dict(letter), indent=2, ensure_ascii=False)
    return render(letter_document(letter, answered_on), fmt)


def notice_document(
    legal_entity: str, year: int, periods: dict[str, int], countries: list[str]
) -> Document:
    """Art. 7(3): every year, workers are told of their right to information and how to use it."""
    doc = Document(
        title=f"Your right to pay information ({legal_entity}, {year})",
        subtitle="Annual notice under Directive (EU) 2023/970, Article 7(3)",
    )
    shorter = [f"{c}: {periods[c]} month(s)" for c in countries if c in periods]
    doc.add(
        Paragraph(
            "You have the right to ask, in writing, for your individual pay level and the "
            "average pay levels, broken down by sex, of the workers doing the same work as "
            "you or work of equal value. You can ask from your profile page in latticework "
            '("Request my pay information"), or through the people team, who record the '
            "request in the register."
        ),
        Bullets(
            [
                "What you receive: your gross annual and hourly pay, basic and complementary; "
                "the average pay of women and of men in your category of workers, basic and "
                "complementary; and the criteria used to set pay and progression (Art. 6).",
                f"When: within {DEFAULT_ANSWER_MONTHS} months of your request"
                + (
                    f" (shorter where the law of your country says so: {'; '.join(shorter)})"
                    if shorter
                    else ""
                )
                + ".",
                "Where a category has too few women or men to report an average without "
                "revealing someone's pay, the letter says so, and the figures can be given to "
                "the labour inspectorate, the equality body or the workers' representatives.",
                "You may not be prevented from disclosing your own pay for the purpose of "
                "enforcing equal pay (Art. 7(5)).",
                "You may ask through your workers' representatives or an equality body.",
            ]
        ),
    )
    if countries:
        doc.add(Table(columns=["Country", "Answer within"], rows=[
            [c, f"{periods.get(c, DEFAULT_ANSWER_MONTHS)} month(s)"] for c in countries
        ]))  # fmt: skip
    return doc


def render_notice(doc: Document, fmt: str) -> str | bytes:
    return to_text(doc) if fmt == "text" else render(doc, fmt)


def stored_letter(letter: InformationLetter) -> str:
    """The letter as kept with the request it answered (`letter_dict` and the name)."""
    return json.dumps({**letter_dict(letter), "name": letter.name}, ensure_ascii=False)


def letter_from_stored(text: str) -> InformationLetter:
    """The letter as it was sent, from `stored_letter`'s JSON."""
    d = json.loads(text)

    def figures(f: dict[str, float]) -> PayFigures:
        return PayFigures(
            basic_annual=f["basic_annual"],
            complementary_annual=f["complementary_annual"],
            basic_hourly=f["basic_hourly"],
            complementary_hourly=f["complementary_hourly"],
        )

    averages = d["averages"]
    return InformationLetter(
        employee_id=d["employee_id"],
        name=d.get("name") or "",
        legal_entity=d["legal_entity"],
        category=d["category"],
        currency=d["currency"],
        own=figures(d["own"]),
        averages=None if averages is None else {s: figures(f) for s, f in averages.items()},
        min_group=d["min_group"],
        criteria=list(d["criteria"]),
        category_basis=d["category_basis"],
    )
