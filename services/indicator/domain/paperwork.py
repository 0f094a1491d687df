"""The anti-formalism rule: indicators that measure paperwork are refused, with the reason.

The blocklist is data the department maintains (terms in Chinese and English, each in a
category with its reason); these defaults come from the reform texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from schemas.rule_codes import RuleCode
from services.common.errors import FieldProblem

OUTCOME_HINT = "measure an outcome instead, e.g. public satisfaction, project completion rate, time to resolve problems"


@dataclass(frozen=True)
class PaperworkTerm:
    term: str
    category: str
    reason: str

    def problems(self) -> list[FieldProblem]:
        found = []
        if len(self.term.strip()) < 2:
            found.append(
                FieldProblem(
                    "term",
                    RuleCode.min_length,
                    "a blocklist term has at least 2 characters",
                    self.term,
                )
            )
        if not re.match(r"^[a-z][a-z0-9_]{1,39}$", self.category):
            found.append(
                FieldProblem(
                    "category",
                    RuleCode.format,
                    "lower-case letters, digits and _ (2-40)",
                    self.category,
                )
            )
        if not self.reason.strip():
            found.append(
                FieldProblem(
                    "reason",
                    RuleCode.required,
                    "say why this paperwork is not an outcome",
                    self.reason,
                )
            )
        return found


_MEETINGS = "counts meetings held, not what they achieved (开会不等于实绩)"
_DOCUMENTS = "counts documents issued, not results (发文不等于落实)"
_WALLS = "counts rules posted on walls, not rules followed (制度上墙不等于制度落实)"
_ARTICLES = "counts articles submitted to internal journals (内刊投稿是留痕而非实绩)"
_LEDGERS = "counts ledgers and paper traces kept for inspections (重痕不重效)"

DEFAULT_TERMS = (
    PaperworkTerm("开会", "meetings", _MEETINGS),
    PaperworkTerm("召开会议", "meetings", _MEETINGS),
    PaperworkTerm("会议次数", "meetings", _MEETINGS),
    PaperworkTerm("会议数量", "meetings", _MEETINGS),
    PaperworkTerm("meetings held", "meetings", _MEETINGS),
    PaperworkTerm("number of meetings", "meetings", _MEETINGS),
    PaperworkTerm("发文", "documents", _DOCUMENTS),
    PaperworkTerm("印发文件", "documents", _DOCUMENTS),
    PaperworkTerm("文件数量", "documents", _DOCUMENTS),
    PaperworkTerm("documents issued", "documents", _DOCUMENTS),
    PaperworkTerm("number of documents", "documents", _DOCUMENTS),
    PaperworkTerm("制度上墙", "wall_rules", _WALLS),
    PaperworkTerm("上墙", "wall_rules", _WALLS),
    PaperworkTerm("rules posted", "wall_rules", _WALLS),
    PaperworkTerm("posted on walls", "wall_rules", _WALLS),
    PaperworkTerm("内刊投稿", "internal_articles", _ARTICLES),
    PaperworkTerm("投稿数量", "internal_articles", _ARTICLES),
    PaperworkTerm("articles submitted", "internal_articles", _ARTICLES),
    PaperworkTerm("internal journal", "internal_articles", _ARTICLES),
    PaperworkTerm("台账数量", "ledgers", _LEDGERS),
    PaperworkTerm("留痕", "ledgers", _LEDGERS),
    PaperworkTerm("inspection ledgers", "ledgers", _LEDGERS),
)


def _pattern(term: str) -> str:
    # Chinese has no word boundaries; English terms match whole words, any spacing, any case.
    if term.isascii():
        words = [re.escape(word) for word in term.split()]
        return r"\b" + r"\s+".join(words) + r"\b"
    return re.escape(term)


class Blocklist:
    def __init__(self, terms: list[PaperworkTerm] | tuple[PaperworkTerm, ...]):
        self.terms = tuple(sorted(terms, key=lambda t: -len(t.term)))
        joined = "|".join(f"({_pattern(t.term)})" for t in self.terms)
        self._matcher = re.compile(joined, re.IGNORECASE) if joined else None
        # A city's lists name the same few hundred indicators tens of thousands of times.
        self._matched: dict[str, PaperworkTerm | None] = {}

    def match(self, text: str | None) -> PaperworkTerm | None:
        if not text or self._matcher is None:
            return None
        if text not in self._matched:
            found = self._matcher.search(text)
            matched = found.lastindex if found else None
            self._matched[text] = self.terms[matched - 1] if matched else None
        return self._matched[text]

    def problem(self, field: str, text: str | None) -> FieldProblem | None:
        term = self.match(text)
        if term is None:
            return None
        return FieldProblem(
            field,
            RuleCode.no_paperwork,
            f"measures paperwork ({term.category}, matched {term.term!r}): {term.reason}; {OUTCOME_HINT}",
            text,
        )
