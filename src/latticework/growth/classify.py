"""Classify free-text accomplishments into impact categories and framework competencies.

Everything happens locally and transparently: a weighted-keyword model (the
seed vocabulary in `vocabulary.py`) scores each of the four impact
categories; competencies are scored by the same kind of vocabulary for their
category plus the TF-IDF cosine similarity between the bullet and the
framework's own words for the competency (name, description, expectations).
Each result names the terms that decided it. No data leaves the machine and
no model file is needed.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from latticework.framework.model import Competency, CompetencyCategory, Framework
from latticework.growth.impact import CATEGORIES
from latticework.growth.person_data import ImpactRecord
from latticework.growth.quantities import Quantity, extract_quantities, unit_text
from latticework.growth.vocabulary import (
    CATEGORY_TERMS,
    COMPETENCY_CATEGORY_TERMS,
    MANAGEMENT_TERMS,
    Vocabulary,
)

# Smoothing added to every score before turning scores into shares: one weak
# keyword must not read as certainty.
_SMOOTHING = 0.75
# How much the framework's own text (TF-IDF cosine, 0..1) counts against seed terms.
_TFIDF_WEIGHT = 4.0
# Added to execution competencies when a bullet states its result in numbers.
_QUANTIFIED_OUTCOME = 1.0

_STOPWORDS = frozenset(
    """a an the and or of to in on for by with from at as is are was were be been it its
    this that these those our their my we i they he she them his her into over under
    than then so such not no all any each more most other some can will would could
    should may across per via up out about after before during while which who whom what
    when where how also just only very own same both team work now new make made
    organisation company others""".split()  # noqa: SIM905
)


def stem(word: str) -> str:
    """A light suffix stripper: enough to match 'prevented'/'prevents'/'preventing'."""
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            if suffix == "es" and not word.endswith(("ches", "shes", "xes", "sses", "zes")):
                continue
            base = word[: len(word) - len(suffix)] + keep
            if suffix in ("ing", "ed") and len(base) > 3 and base[-1] == base[-2]:
                base = base[:-1]
            return base
    return word


def tokens(text: str) -> list[str]:
    """Lower-cased word stems; hyphens and slashes split words ('self-serve' → self serve)."""
    words = re.findall(r"[a-z0-9]+", text.lower().replace("'", ""))
    return [stem(w) for w in words]


def _compile(vocabulary: Vocabulary) -> list[tuple[tuple[str, ...], str, float]]:
    return [(tuple(tokens(term)), term, weight) for term, weight in vocabulary.items()]


def _match(
    words: Sequence[str], compiled: Sequence[tuple[tuple[str, ...], str, float]]
) -> tuple[float, list[str]]:
    """Sum of weights of vocabulary terms present; a term is a stem prefix (single words)
    or an exact stem sequence (phrases)."""
    score = 0.0
    hits: list[str] = []
    for pattern, term, weight in compiled:
        if not pattern:
            continue
        if len(pattern) == 1:
            found = any(w.startswith(pattern[0]) for w in words)
        else:
            n = len(pattern)
            found = any(tuple(words[i : i + n]) == pattern for i in range(len(words) - n + 1))
        if found:
            score += weight
            hits.append(term)
    return score, hits


def _shares(scores: dict[str, float]) -> dict[str, float]:
    total = sum(scores.values()) + _SMOOTHING * len(scores)
    return {k: (v + _SMOOTHING) / total for k, v in scores.items()}


@dataclass(frozen=True, slots=True)
class CompetencyMatch:
    competency: str
    name: str
    confidence: float
    terms: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "competency": self.competency,
            "name": self.name,
            "confidence": round(self.confidence, 3),
            "terms": list(self.terms),
        }


@dataclass(frozen=True, slots=True)
class ClassifiedAccomplishment:
    """One bullet: its impact category with a confidence, matching competencies, quantities."""

    text: str
    category: str | None
    """None when no term of any category was found."""
    confidence: float
    scores: tuple[tuple[str, float], ...]
    terms: tuple[str, ...]
    """The vocabulary terms that voted for the chosen category."""
    competencies: tuple[CompetencyMatch, ...]
    quantities: tuple[Quantity, ...]

    @property
    def competency(self) -> str | None:
        return self.competencies[0].competency if self.competencies else None

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "category": self.category,
            "confidence": round(self.confidence, 3),
            "scores": {k: round(v, 3) for k, v in self.scores},
            "terms": list(self.terms),
            "competencies": [c.to_dict() for c in self.competencies],
            "quantities": [q.to_dict() for q in self.quantities],
        }


_CATEGORY_COMPILED = {c: _compile(v) for c, v in CATEGORY_TERMS.items()}


def _quantity_votes(quantities: Iterable[Quantity]) -> dict[str, float]:
    """What the numbers say: money per period is usually a saving, incidents are risk."""
    votes = dict.fromkeys(CATEGORIES, 0.0)
    for q in quantities:
        unit = q.unit.lower()
        if q.kind == "money" and q.period:
            votes["efficiency"] += 1.0
        elif q.kind == "count" and unit.startswith(("incident", "outage", "breach", "vuln")):
            votes["risk_reduction"] += 1.5
        elif q.kind == "count" and unit.startswith(("team", "product", "customer", "market")):
            votes["enablement"] += 1.0
        elif q.kind == "count" and unit.startswith(("hire", "engineer", "mentee", "people")):
            votes["excellence"] += 1.0
        elif q.kind in ("multiplier", "duration"):
            votes["efficiency"] += 0.5
    return votes


class AccomplishmentClassifier:
    """Classifies bullets for one framework's competencies (optionally one discipline and path)."""

    def __init__(
        self,
        framework: Framework,
        discipline: str | None = None,
        path: str | None = None,
    ) -> None:
        competencies = (
            framework.competencies_for(discipline) if discipline else framework.competencies
        )
        weights = (
            framework.path(path).competency_weights if path and framework.has_path(path) else {}
        )
        # A competency weighted 0 on the person's path is not asked of them: never suggest it.
        self._competencies = [c for c in competencies if weights.get(c.id, 1.0) > 0]
        self._vocab = {c.id: _compile(_competency_vocabulary(c)) for c in self._competencies}
        docs = [tokens(_competency_text(c, discipline, path)) for c in self._competencies]
        self._idf = _idf(docs)
        self._vectors = [_tfidf(d, self._idf) for d in docs]

    def classify(self, text: str) -> ClassifiedAccomplishment:
        words = tokens(text)
        quantities = tuple(extract_quantities(text))
        scores: dict[str, float] = {}
        hits: dict[str, list[str]] = {}
        votes = _quantity_votes(quantities)
        for name in CATEGORIES:
            score, terms = _match(words, _CATEGORY_COMPILED[name])
            # Negative terms only cancel a shorter term's false vote; a score is never below 0.
            scores[name] = max(0.0, score + votes[name])
            hits[name] = terms
        best = max(CATEGORIES, key=lambda c: scores[c])
        shares = _shares(scores)
        category: str | None = best if scores[best] > 0 else None
        return ClassifiedAccomplishment(
            text=text,
            category=category,
            confidence=shares[best] if category else 0.0,
            scores=tuple((c, shares[c]) for c in CATEGORIES),
            terms=tuple(hits[best]) if category else (),
            competencies=tuple(self._match_competencies(words, quantities)),
            quantities=quantities,
        )

    def classify_all(self, texts: Iterable[str]) -> list[ClassifiedAccomplishment]:
        return [self.classify(t) for t in texts]

    def _match_competencies(
        self, words: list[str], quantities: Sequence[Quantity], top: int = 3
    ) -> list[CompetencyMatch]:
        if not self._competencies:
            return []
        vector = _tfidf([w for w in words if w not in _STOPWORDS], self._idf)
        scores: dict[str, float] = {}
        terms: dict[str, list[str]] = {}
        for comp, comp_vector in zip(self._competencies, self._vectors, strict=True):
            seed, hits = _match(words, self._vocab[comp.id])
            if comp.category is CompetencyCategory.EXECUTION and quantities:
                # A result stated in numbers is evidence of delivering measurable impact.
                seed += _QUANTIFIED_OUTCOME
                hits.append("quantified outcome")
            scores[comp.id] = seed + _TFIDF_WEIGHT * _cosine(vector, comp_vector)
            terms[comp.id] = hits
        shares = _shares(scores)
        ranked = sorted(self._competencies, key=lambda c: -scores[c.id])
        return [
            CompetencyMatch(c.id, c.name, shares[c.id], tuple(terms[c.id]))
            for c in ranked[:top]
            if scores[c.id] > 0
        ]


def _competency_text(comp: Competency, discipline: str | None, path: str | None) -> str:
    """The framework's own words for a competency: every expectation that can apply.

    With a path, expectations written for other paths are left out; with a
    discipline, those written for other disciplines.
    """
    expectations = [
        e.text
        for e in comp.expectations
        if (path is None or e.path in (None, path))
        and (discipline is None or getattr(e, "discipline", None) in (None, discipline))
    ]
    return " ".join([comp.name, comp.description, *expectations])


def _competency_vocabulary(comp: Competency) -> Vocabulary:
    text = f"{comp.id} {comp.name} {comp.description}".lower()
    if comp.category is CompetencyCategory.PEOPLE and "manag" in text:
        return MANAGEMENT_TERMS
    return COMPETENCY_CATEGORY_TERMS.get(comp.category, {})


def _idf(docs: Sequence[Sequence[str]]) -> dict[str, float]:
    n = len(docs)
    df: Counter[str] = Counter()
    for doc in docs:
        df.update(set(doc) - _STOPWORDS)
    return {term: math.log((1 + n) / (1 + count)) + 1.0 for term, count in df.items()}


def _tfidf(doc: Sequence[str], idf: dict[str, float]) -> dict[str, float]:
    counts = Counter(w for w in doc if w in idf)
    vector = {w: c * idf[w] for w, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {w: v / norm for w, v in vector.items()} if norm else {}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def split_bullets(text: str) -> list[str]:
    """Bullets from a pasted list: one per line, list markers ('-', '*', '•', '1.') removed."""
    bullets: list[str] = []
    for line in text.splitlines():
        stripped: str = re.sub(r"^\s*(?:[-*•·–]|\d+[.)])\s*", "", line).strip()
        if stripped:
            bullets.append(stripped)
    return bullets


def impact_record_from(
    result: ClassifiedAccomplishment, employee_id: str, day: date
) -> ImpactRecord | None:
    """A classified bullet as an impact record in the person's own words, or None when
    it could not be classified.

    The id is derived from the person and the text, so saving the same list twice
    stores each bullet once. The first amount, percentage or count becomes the
    record's value and unit.
    """
    if result.category is None:
        return None
    digest = hashlib.sha1(f"{employee_id}\n{result.text}".encode()).hexdigest()[:12]
    quantity = next(
        (q for q in result.quantities if q.kind in ("money", "percent", "multiplier", "count")),
        None,
    )
    title = result.text if len(result.text) <= 120 else result.text[:117].rsplit(" ", 1)[0] + "…"
    return ImpactRecord(
        impact_id=f"{employee_id}-{digest}",
        employee_id=employee_id,
        date=day,
        category=result.category,
        title=title,
        value=quantity.value if quantity else None,
        unit=unit_text(quantity) if quantity else None,
        statement=result.text,
        competency=result.competency,
    )
