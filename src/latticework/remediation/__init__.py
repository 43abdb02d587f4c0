"""Minimum-cost remediation: the cheapest raises that close a gap the audit found.

A domain package: it reads the audit's population frame and the framework and
imports nothing from storage, web, CLI or services. `targets` names the gap,
`gap_models` writes it as a linear function of the raises, `solver` finds the
cheapest raises with HiGHS (SciPy), `plan` puts the answer together with the
naive alternative, and `changes` turns it into `pay_change` events.
"""
