"""The organisation's records: people, events, participation, impact, assessments, roles."""
