# ruff: noqa: E501
"""The words of the demo organisation: names, product areas, impact templates, initiatives."""

from __future__ import annotations

from dataclasses import dataclass

FIRST_NAMES_FEMALE = (
    "Ada", "Aisha", "Amara", "Ana", "Anika", "Beatriz", "Camille", "Chen", "Chloe", "Clara",
    "Dana", "Elena", "Emma", "Fatima", "Freya", "Grace", "Hana", "Ines", "Ingrid", "Isla",
    "Jana", "Julia", "Kavya", "Leila", "Lena", "Lucia", "Maya", "Mei", "Nadia", "Nia",
    "Olivia", "Priya", "Rosa", "Sara", "Sofia", "Tara", "Yara", "Zoe",
)  # fmt: skip
FIRST_NAMES_MALE = (
    "Aarav", "Adam", "Ahmed", "Alex", "Arjun", "Ben", "Carlos", "Daniel", "David", "Diego",
    "Elias", "Ethan", "Felix", "Hugo", "Ivan", "Jakob", "James", "Jonas", "Kenji", "Leo",
    "Liam", "Lucas", "Marco", "Mateo", "Noah", "Omar", "Oscar", "Pablo", "Rafael", "Ravi",
    "Samuel", "Tomas", "Wei", "Yusuf",
)  # fmt: skip
FIRST_NAMES_NEUTRAL = ("Ari", "Jamie", "Kai", "Morgan", "Quinn", "Robin", "Sam", "Taylor")
LAST_NAMES = (
    "Adeyemi", "Andersen", "Bauer", "Becker", "Brown", "Chen", "Costa", "Dubois", "Fischer",
    "Garcia", "Gonzalez", "Hansen", "Hoffmann", "Ito", "Jansen", "Johnson", "Kim", "Kowalski",
    "Kumar", "Larsen", "Lee", "Lopez", "Martin", "Meyer", "Moreau", "Murphy", "Nakamura",
    "Nguyen", "Novak", "Okafor", "O'Brien", "Patel", "Petrov", "Rossi", "Santos", "Schmidt",
    "Silva", "Singh", "Smith", "Tanaka", "Taylor", "Visser", "Wagner", "Walsh", "Wang",
    "Weber", "Williams", "Wilson", "Yilmaz", "Zhang",
)  # fmt: skip

PRODUCT_AREAS = (
    "Checkout", "Payments", "Search", "Identity", "Onboarding", "Billing", "Notifications",
    "Data Platform", "Developer Experience", "Mobile", "Growth", "Fraud", "Risk", "Ledger",
    "Messaging", "Recommendations", "Marketplace", "Storefront", "Analytics", "Insights",
    "Infrastructure", "Reliability", "Security", "Accessibility", "Design System", "Catalog",
    "Pricing", "Subscriptions", "Support Tools", "Integrations", "Partner API", "Edge",
    "Observability", "Machine Learning", "Content", "Localisation", "Trust", "Compliance",
    "Workflow", "Scheduling",
)  # fmt: skip
BENEFICIARIES = (
    "the Checkout team", "the Payments product", "enterprise customers", "the mobile app",
    "the Data Platform team", "customer support", "the Growth team", "small-business customers",
    "the Search team", "every product team", "the Finance team", "the on-call rotation",
)  # fmt: skip
HORIZONS = ("this quarter", "Q2 roadmap", "this year", "next year", "the next three years")
INITIATIVES = (
    "re-platforming", "zero-downtime deploys", "multi-region rollout", "accessibility audit",
    "cost reduction programme", "design-system migration", "data retention policy",
    "incident review practice", "API versioning", "observability roll-out",
)  # fmt: skip
EVIDENCE_BY_RATING = (
    "Below expectations in most projects this cycle.",
    "Progressing; needs support on scope and independence.",
    "Met the level's expectations across the cycle.",
    "Exceeded expectations on the cycle's main projects.",
    "Set the standard others are measured against.",
)


@dataclass(frozen=True, slots=True)
class ImpactTemplate:
    """A kind of impact record: what was done, what it changed and by how much (at G4)."""

    category: str
    title: str
    metric: str
    unit: str
    median: float
    spread: float
    """Log-normal sigma of the value."""
    competency: str
    money: bool = False
    percent: bool = False


IMPACT_TEMPLATES = (
    ImpactTemplate("risk_reduction", "Removed a single point of failure", "incidents prevented", "incidents/year", 3, 0.5, "craft-expertise"),
    ImpactTemplate("risk_reduction", "Closed a class of security vulnerabilities", "vulnerabilities closed", "vulnerabilities", 6, 0.6, "craft-expertise"),
    ImpactTemplate("risk_reduction", "Brought a system into regulatory compliance", "fines avoided", "USD/year", 40_000, 0.8, "delivery-impact", money=True),
    ImpactTemplate("risk_reduction", "Made backups restorable and tested", "data-loss risk reduced", "%", 30, 0.4, "craft-expertise", percent=True),
    ImpactTemplate("enablement", "Built the platform capability a launch needed", "features enabled", "features", 2, 0.5, "delivery-impact"),
    ImpactTemplate("enablement", "Unblocked other teams with a shared service", "teams unblocked", "teams", 2, 0.5, "communication"),
    ImpactTemplate("enablement", "Enabled real-time analytics", "products enabled", "products", 1, 0.4, "delivery-impact"),
    ImpactTemplate("efficiency", "Reduced cloud costs", "cloud cost saved", "USD/year", 25_000, 0.9, "delivery-impact", money=True),
    ImpactTemplate("efficiency", "Cut p95 latency", "p95 latency", "%", 20, 0.4, "craft-expertise", percent=True),
    ImpactTemplate("efficiency", "Sped up the build and test pipeline", "build time", "%", 25, 0.4, "craft-expertise", percent=True),
    ImpactTemplate("efficiency", "Reduced on-call pages", "pages avoided", "pages/month", 10, 0.6, "delivery-impact"),
    ImpactTemplate("excellence", "Mentored colleagues to their next level", "people mentored", "people", 2, 0.5, "mentoring"),
    ImpactTemplate("excellence", "Raised the hiring bar", "interviews led", "interviews", 12, 0.5, "mentoring"),
    ImpactTemplate("excellence", "Spoke at an industry conference", "talks given", "talks", 1, 0.3, "communication"),
    ImpactTemplate("excellence", "Taught an internal course", "people trained", "people", 15, 0.5, "mentoring"),
)  # fmt: skip
