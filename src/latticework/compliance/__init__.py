"""The EU Pay Transparency Directive (2023/970): Article 9 reports, Article 7 letters, Article 10.

Domain logic only: it receives the organisation as data frames and the
framework as typed objects, and imports nothing from storage, web, cli,
services or ingest. docs/eu-pay-transparency.md maps each article to the
command and field that fulfils it.
"""
