"""Equal influence: forums and leadership roles open to ICs, team targets that can be met."""

from __future__ import annotations

from collections.abc import Iterator

from latticework.framework.lint.declared import checks_section
from latticework.framework.lint.registry import Finding, LintContext, Severity, rule
from latticework.framework.lint.sites import ic_tracks, track_matches
from latticework.framework.model import PATH_KIND_CAPABILITY


@rule(
    "forum-excludes-ic",
    Severity.WARNING,
    "A planning forum or a forum with decision authority is closed to IC tracks.",
)
def forum_excludes_ic(ctx: LintContext) -> Iterator[Finding]:
    fw = ctx.framework
    ics = [t for d in fw.disciplines for t in ic_tracks(d)]
    for fi, forum in enumerate(fw.forums):
        if not ics or not forum.tracks:
            continue  # no IC track to exclude, or open to every track
        if not (forum.decision_authority or forum.kind == "planning"):
            continue
        if not any(track_matches(t, forum.tracks) for t in ics):
            why = "decides" if forum.decision_authority else "plans"
            yield forum_excludes_ic.finding(
                f"Forum {forum.id} {why} for the organisation but is open only to "
                f"{', '.join(forum.tracks)}: ICs at the same grade get less influence.",
                ctx.at_path("forums", fi, "tracks"),
                "Add `ic` to its `tracks` (or remove `tracks:` to open it to every track).",
            )


@rule(
    "no-ic-decision-forum",
    Severity.INFO,
    "No forum with decision authority is open to ICs.",
)
def no_ic_decision_forum(ctx: LintContext) -> Iterator[Finding]:
    fw = ctx.framework
    ics = [t for d in fw.disciplines for t in ic_tracks(d)]
    if not ics or not checks_section(fw, "forums"):
        return
    deciding = [
        f
        for f in fw.forums
        if f.decision_authority and (not f.tracks or any(track_matches(t, f.tracks) for t in ics))
    ]
    if not deciding:
        yield no_ic_decision_forum.finding(
            "No forum with decision authority is open to ICs, so senior ICs can advise but "
            "never decide; the influence audit will have no decisions to compare.",
            ctx.at_path("forums") if fw.forums else ctx.at_path(),
            "Give a forum open to ICs `decision_authority: true` (an architecture review board "
            "is the usual one).",
        )


@rule(
    "leadership-role-manages-people",
    Severity.WARNING,
    "A leadership role open to ICs includes people management.",
)
def leadership_role_manages_people(ctx: LintContext) -> Iterator[Finding]:
    fw = ctx.framework
    ics = [t for d in fw.disciplines for t in ic_tracks(d)]
    for ri, role in enumerate(fw.leadership_roles):
        if role.people_management and any(track_matches(t, role.open_to_tracks) for t in ics):
            yield leadership_role_manages_people.finding(
                f"Leadership role {role.id} is open to ICs but says `people_management: true`; "
                "project-based leadership is how ICs lead without becoming managers.",
                ctx.at_path("leadership_roles", ri, "people_management"),
                "Set `people_management: false` (lead the work, not the people), or open the "
                "role to management tracks only.",
            )


@rule(
    "team-target-unreachable",
    Severity.WARNING,
    "A team capability target names a capability no path provides.",
)
def team_target_unreachable(ctx: LintContext) -> Iterator[Finding]:
    fw = ctx.framework
    if not checks_section(fw, "team_targets"):
        return  # the default targets were nobody's decision
    provided = {PATH_KIND_CAPABILITY[p.kind] for p in fw.paths}
    for capability, minimum in fw.team_targets.min_people.items():
        if minimum > 0 and capability not in provided:
            yield team_target_unreachable.finding(
                f"Team targets ask for {minimum} {capability.value} person(s) per team, but no "
                f"path provides the {capability.value} capability, so every team will be flagged.",
                ctx.at_path("team_targets", "min_people", capability.value),
                f"Add a path of kind {capability.value}, or set its minimum to 0.",
            )
