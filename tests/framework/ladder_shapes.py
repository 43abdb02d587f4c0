"""Small frameworks in the shapes of published career ladders, written for these tests.

Each holds what such a ladder actually contains and nothing invented: no
paths, no development, forums or team targets. The texts are our own.
"""

from __future__ import annotations

PROFICIENCY_BY_TRACK = """\
latticework: 1
organisation: Steps Co
grades:
  - {id: G1, rank: 1}
  - {id: G2, rank: 2}
  - {id: G3, rank: 3}
proficiency_scales:
  - id: steps
    name: Proficiency
    steps:
      - {id: aware, name: Aware}
      - {id: practising, name: Practising}
      - {id: leading, name: Leading}
      - {id: shaping, name: Shaping}
proficiency_scale: steps
disciplines:
  - id: engineering
    name: Engineering
    tracks:
      - id: ic
        name: Individual contributor
        kind: ic
        description: Grow through the work itself.
        parallel_to: [manager]
        levels:
          - {id: L1, title: Engineer, grade: G1, description: Delivers well-defined tasks.}
          - {id: L2, title: Senior Engineer, grade: G2, description: Owns features end to end.}
          - {id: L3, title: Principal Engineer, grade: G3, description: Sets technical direction.}
      - id: manager
        name: Engineering manager
        kind: management
        parallel_to: [ic]
        levels:
          - {id: M2, title: Engineering Manager, grade: G2}
          - {id: M3, title: Head of Engineering, grade: G3}
competencies:
  - id: delivery
    name: Delivery
    category: execution
    expectations:
      - {grade: G1, proficiency: aware, text: "Ships small changes safely."}
      - {grade: G2, proficiency: practising, text: "Plans and ships a feature."}
      - {grade: G3, proficiency: leading, text: "Makes delivery predictable for a group."}
  - id: people
    name: Growing people
    category: people
    expectations:
      - {grade: G1, proficiency: aware, text: "Asks for and acts on feedback."}
      - {grade: G2, track: ic, proficiency: practising, text: "Mentors a newer engineer."}
      - {grade: G2, track: management, proficiency: leading, text: "Runs one-to-ones for a team."}
      - {grade: G3, track: ic, proficiency: leading, text: "Grows senior engineers."}
      - {grade: G3, track: management, proficiency: shaping, text: "Grows managers."}
promotion:
  rule: all-expectations
"""
"""Proficiency steps per expectation and IC/manager texts at one grade, without paths."""


SHARED_MANAGER_LADDER = """\
latticework: 1
organisation: Ladders Co
grades:
  - {id: G1, rank: 1}
  - {id: G2, rank: 2}
  - {id: G3, rank: 3}
  - {id: G4, rank: 4}
disciplines:
  - id: software
    name: Software engineering
    tracks:
      - id: ic
        name: Software engineer
        kind: ic
        levels:
          - {id: SE1, title: Software Engineer, grade: G1}
          - {id: SE2, title: Software Engineer, grade: G2}
          - {id: SE3, title: Senior Software Engineer, grade: G3}
          - {id: SE4, title: Staff Software Engineer, grade: G4}
  - id: reliability
    name: Reliability engineering
    tracks:
      - id: ic
        name: Reliability engineer
        kind: ic
        levels:
          - {id: RE1, title: Reliability Engineer, grade: G1}
          - {id: RE3, title: Senior Reliability Engineer, grade: G3}
  - id: management
    name: Engineering management
    tracks:
      - id: manager
        name: Manager
        kind: management
        serves: [software, reliability]
        levels:
          - {id: EM3, title: Engineering Manager, grade: G3}
          - {id: EM4, title: Senior Engineering Manager, grade: G4}
competencies:
  - id: impact
    name: Impact
    category: execution
    expectations:
      - {grade: G3, text: "Delivers outcomes for a team.", id: impact-g3}
      - grade: G4
        id: impact-g4
        text: "Delivers outcomes across teams."
        examples: ["Led a migration three teams depended on."]
        links: [{title: Impact guide, url: "https://example.org/impact"}]
        bullets:
          - {id: scope, text: "Chooses work with outcomes beyond the team."}
          - {id: follow-through, text: "Sees cross-team work to the end."}
"""
"""One manager ladder shared by two role ladders; reliability skips G2 and stops at G3."""


POINTS = """\
latticework: 1
organisation: Points Co
grades:
  - {id: G1, rank: 1}
  - {id: G2, rank: 2}
  - {id: G3, rank: 3}
proficiency_scales:
  - id: milestones
    name: Milestones
    steps:
      - {id: m1, name: Milestone 1, points: 1}
      - {id: m2, name: Milestone 2, points: 3}
      - {id: m3, name: Milestone 3, points: 6}
      - {id: m4, name: Milestone 4, points: 12}
proficiency_scale: milestones
disciplines:
  - id: engineering
    name: Engineering
    tracks:
      - id: ic
        name: Engineer
        kind: ic
        levels:
          - {id: P1, title: Engineer I, grade: G1}
          - {id: P2, title: Engineer II, grade: G2}
          - {id: P3, title: Staff Engineer, grade: G3}
competencies:
  - id: code
    name: Code
    category: technical
    expectations:
      - {grade: G1, proficiency: m1, text: "Writes readable code."}
      - {grade: G2, proficiency: m2, text: "Improves a codebase's structure."}
      - {grade: G3, proficiency: m4, text: "Sets patterns others follow."}
  - id: mentoring
    name: Mentoring
    category: people
    expectations:
      - {grade: G1, proficiency: m1, text: "Helps peers when asked."}
      - {grade: G2, proficiency: m2, text: "Mentors one person."}
      - {grade: G3, proficiency: m3, text: "Mentors several people."}
promotion:
  rule: points
  levels:
    P2: {min_points: 4}
    P3: {min_points: 15, min_months: 12}
  tracks:
    ic: {min_months: 6}
"""
"""Points per milestone summed across competencies decide the level."""
