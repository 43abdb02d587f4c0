"""Team composition as a document: one team in detail, or the organisation-wide view."""

from __future__ import annotations

from latticework.framework.model import Capability, Framework
from latticework.reports.document import BarChart, Bullets, Document, Heading, Paragraph, Table
from latticework.teams.composition import CAPABILITY_NAMES, OrgComposition, TeamComposition


def _flags(team: TeamComposition, declared: bool) -> str:
    if not declared:
        return "no targets set"
    if not team.judged:
        return "too small to judge"
    return "; ".join(f.message for f in team.flags) or "balanced"


def teams_document(org: OrgComposition, framework: Framework, team: str | None = None) -> Document:
    targets = framework.team_targets
    declared = "team_targets" in framework.model_fields_set
    wanted = ", ".join(
        f"{CAPABILITY_NAMES[c].lower()} ≥ {n}" for c, n in targets.min_people.items()
    )
    doc = Document(
        f"Team composition: {team}" if team else "Team composition",
        subtitle=(
            f"Targets: {wanted}; no capability above {targets.max_share:.0%} of a team; "
            f"teams under {targets.min_team_size} people are not judged."
            if declared
            else "The framework sets no team targets (`team_targets`), so teams are described "
            "here, not judged."
        ),
    )
    capabilities = list(Capability)
    if team is None:
        flagged = org.flagged
        doc.add(
            Heading("Organisation"),
            Paragraph(
                f"{len(org.teams)} teams, {sum(t.size for t in org.teams)} people; "
                f"{len(flagged)} of {sum(t.judged for t in org.teams)} judged teams flagged.",
                tone="warning" if flagged else "good",
            ),
        )
        if declared:
            doc.add(
                Table(
                    ["Capability", "Teams missing it"],
                    [
                        [CAPABILITY_NAMES[c], ", ".join(org.missing(c)) or "none"]
                        for c in targets.min_people
                    ],
                )
            )
    doc.add(
        Heading("Teams"),
        Table(
            ["Team", "People", *(CAPABILITY_NAMES[c] for c in capabilities), "Flags"],
            [
                [
                    t.team,
                    str(t.size),
                    *(str(t.holders.get(c, 0)) for c in capabilities),
                    _flags(t, declared),
                ]
                for t in org.teams
            ],
            numeric=[False, True, True, True, True, True, True],
        ),
    )
    specialists: dict[str, int] = {}
    for t in org.teams:
        for domain, n in t.specialists.items():
            specialists[domain] = specialists.get(domain, 0) + n
    if specialists:
        doc.add(
            Heading("Domain specialists"),
            Bullets([f"{d}: {n}" for d, n in sorted(specialists.items())]),
        )
    if team is None and 1 < len(org.teams) <= 40:
        doc.add(
            BarChart(
                "People bringing each capability, by team",
                categories=[t.team for t in org.teams],
                series={
                    CAPABILITY_NAMES[c]: [float(t.holders.get(c, 0)) for t in org.teams]
                    for c in capabilities
                },
                y_label="people",
            )
        )
    return doc
