"""The records of the collaboration-gap report: gaps, their kinds and severities, the report.

A :class:`Gap` keeps its reason as a catalogue key with parameters, so the same gap reads
in Bahasa Indonesia or English; :meth:`Gap.reason` renders it. Parameters may be plain
values, vocabulary members (rendered as their label), quarters, dates, rates (floats,
rendered as percentages), nested :class:`Message` objects, or lists of any of these.

>>> gap = Gap(GapType.KADES, Severity.MEDIUM, ActorRef("18.02.02.2005", "Bangun Rejo"),
...           (ActorRef("kades-br", "Budi"),), Message("gaps.reason.kades_isolated",
...           {"kades": "Budi", "village": "Bangun Rejo"}))
>>> gap.reason("en")
'Budi, kades of Bangun Rejo, has no peer tie (peer learning, partnership or coordination) with any other kades.'
>>> gap.severity.label("id"), gap.code
('sedang', 'kades_isolated')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from jejaring.network import ActorRef
from jejaring.i18n import current_lang, t
from jejaring.periods import Quarter
from jejaring.vocab import Vocabulary

__all__ = [
    "GapType",
    "Severity",
    "PartnerKind",
    "ActorRef",
    "Message",
    "Gap",
    "sort_key",
    "CoverageMatrix",
    "GapReport",
]


class GapType(Vocabulary):
    """The seven kinds of collaboration gap, in the order the report lists them."""

    COVERAGE = ("coverage", "cakupan mitra", "partner coverage")
    UNMET_NEED = ("unmet_need", "kebutuhan belum terpenuhi", "unmet needs")
    INTRA_VILLAGE = ("intra_village", "koordinasi dalam desa", "coordination within villages")
    QUARTERLY = ("quarterly", "koordinasi triwulanan", "quarterly coordination")
    INTER_VILLAGE = ("inter_village", "kerja sama antar desa", "inter-village cooperation")
    KADES = ("kades", "jejaring kepala desa", "village heads' network")
    FRAGILITY = ("fragility", "kerapuhan jejaring", "fragile ties")


class Severity(Vocabulary):
    """How urgently a gap needs attention, most severe first."""

    HIGH = ("high", "tinggi", "high")
    MEDIUM = ("medium", "sedang", "medium")
    LOW = ("low", "rendah", "low")

    @property
    def rank(self) -> int:
        """0 for high, 1 for medium, 2 for low: sort by it to put the most severe first."""
        return list(Severity).index(self)


class PartnerKind(Vocabulary):
    """The kinds of partner a village can have: the columns of the coverage matrix."""

    NGO = ("ngo", "LSM/ormas", "NGO")
    FIRM = ("firm", "perusahaan", "firm")
    UNIVERSITY = ("university", "perguruan tinggi", "university")
    GOVERNMENT = ("government", "pemerintah supradesa", "government agency")
    VILLAGE = ("village", "desa lain", "other village")


@dataclass(frozen=True)
class Message:
    """A catalogue key and its parameters, rendered in whichever language is asked for."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def render(self, lang: str | None = None) -> str:
        """The message in ``lang`` (default: the current language)."""
        lang = lang or current_lang()
        return t(self.key, lang=lang, **{k: _text(v, lang) for k, v in self.params.items()})

    def to_dict(self) -> dict[str, Any]:
        """The key and JSON-ready parameters (vocabulary codes, ISO dates, quarters as ``2024Q2``)."""
        return {"key": self.key, "params": {k: _plain(v) for k, v in self.params.items()}}


def _text(value: Any, lang: str) -> str:
    """One parameter in words: labels for vocabulary members and quarters, lists joined."""
    if isinstance(value, Message):
        return value.render(lang)
    if isinstance(value, Vocabulary | Quarter):
        return value.label(lang)
    if isinstance(value, list | tuple):
        sep = "; " if any(isinstance(v, Message) for v in value) else ", "
        return sep.join(_text(v, lang) for v in value)
    if isinstance(value, float):
        return f"{value:.0%}"
    return value.isoformat() if isinstance(value, date) else str(value)


def _plain(value: Any) -> Any:
    if isinstance(value, Message):
        return value.to_dict()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Vocabulary | Quarter):
        return str(value)
    return value.isoformat() if isinstance(value, date) else value


@dataclass(frozen=True)
class Gap:
    """One place where collaboration is missing, with its reason and, where there is one, an action.

    ``village`` is the village concerned (``None`` for a gap between two villages, which
    names both among ``actors``); ``weight`` orders gaps of one type and severity, the
    strongest first (e.g. how well two neighbours match).
    """

    type: GapType
    severity: Severity
    village: ActorRef | None
    actors: tuple[ActorRef, ...]
    why: Message
    todo: Message | None = None
    weight: float = 0.0

    @property
    def code(self) -> str:
        """The short name of the reason (the last part of its key), e.g. ``no_bpd``."""
        return self.why.key.rsplit(".", 1)[-1]

    def reason(self, lang: str | None = None) -> str:
        """Why this is a gap, in ``lang`` (default: the current language)."""
        return self.why.render(lang)

    def action(self, lang: str | None = None) -> str | None:
        """What to do about it, in ``lang``; ``None`` when there is no suggestion."""
        return self.todo.render(lang) if self.todo else None

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The gap as JSON-ready data, its reason and action rendered in ``lang``."""
        return {
            "type": str(self.type),
            "severity": str(self.severity),
            "code": self.code,
            "village": _ref(self.village) if self.village else None,
            "actors": [_ref(a) for a in self.actors],
            "reason": self.reason(lang),
            "action": self.action(lang),
            "reason_key": self.why.key,
            "params": self.why.to_dict()["params"],
            "action_key": self.todo.key if self.todo else None,
            "action_params": self.todo.to_dict()["params"] if self.todo else None,
        }


def sort_key(gap: Gap) -> tuple[int, float, str, str]:
    """Most severe first, then the heaviest, then by village and reason."""
    return (gap.severity.rank, -gap.weight, gap.village.name if gap.village else "", gap.code)


@dataclass(frozen=True)
class CoverageMatrix:
    """Villages × partner kinds: ``counts[i][j]`` partners of kind ``kinds[j]`` tied to ``villages[i]``.

    Data for a heatmap; a zero is a coverage gap.
    """

    villages: tuple[ActorRef, ...]
    kinds: tuple[PartnerKind, ...]
    counts: tuple[tuple[int, ...], ...]

    def missing(self, village_id: str) -> list[PartnerKind]:
        """The kinds of partner the village has none of."""
        row = self.counts[[v.id for v in self.villages].index(village_id)]
        return [kind for kind, n in zip(self.kinds, row, strict=True) if n == 0]

    def to_dict(self) -> dict[str, Any]:
        """``{"villages": [...], "kinds": [...], "counts": [[...], ...]}``."""
        return {
            "villages": [_ref(v) for v in self.villages],
            "kinds": [str(k) for k in self.kinds],
            "counts": [list(row) for row in self.counts],
        }


@dataclass(frozen=True)
class GapReport:
    """Every gap found in one scope and period, most severe first.

    ``area`` is the Kemendagri code of the scope (``None``: the whole store); ``start`` and
    ``end`` the period of the view (``end`` excluded; a single day when they are a day
    apart); ``quarter`` the quarter coordination was judged on and ``quarter_source`` why
    that one (``given``, ``view`` or ``latest_meeting``; both ``None`` when no meeting is on
    record). ``omitted`` counts the gaps left out by ``top``, by type and severity.
    """

    area: str | None
    start: date | None
    end: date | None
    quarter: Quarter | None
    quarter_source: str | None
    gaps: tuple[Gap, ...]
    coverage: CoverageMatrix
    omitted: Mapping[GapType, Mapping[Severity, int]] = field(default_factory=dict, hash=False)

    def counts(self) -> dict[GapType, dict[Severity, int]]:
        """How many gaps of each type and severity the report lists (types without gaps included)."""
        table = {kind: dict.fromkeys(Severity, 0) for kind in GapType}
        for gap in self.gaps:
            table[gap.type][gap.severity] += 1
        return table

    def left_out(self, kind: GapType) -> int:
        """How many gaps of type ``kind`` ``top`` left out."""
        return sum(self.omitted.get(kind, {}).values())

    def of_type(self, kind: GapType) -> list[Gap]:
        """The gaps of one type, most severe first."""
        return [gap for gap in self.gaps if gap.type is kind]

    def only(self, *, types: Iterable[GapType] = (), severity: Severity | None = None) -> GapReport:
        """The report kept to some types (all when none given) and to gaps at least as severe as ``severity``."""
        wanted = set(types) or set(GapType)
        worst = severity.rank if severity else Severity.LOW.rank
        kept = tuple(g for g in self.gaps if g.type in wanted and g.severity.rank <= worst)
        omitted = {
            kind: {s: n for s, n in row.items() if s.rank <= worst}
            for kind, row in self.omitted.items()
            if kind in wanted
        }
        return replace(self, gaps=kept, omitted=omitted)

    def scope(self, lang: str | None = None) -> str:
        """The area in words, e.g. ``Kecamatan Bangun Rejo, Kabupaten Lampung Tengah, Lampung``."""
        from jejaring.gazetteer import gazetteer

        return gazetteer().describe(self.area) if self.area else t("gaps.report.everywhere", lang=lang)

    def period(self, lang: str | None = None) -> str:
        """The date or period of the view in words."""
        if self.start is None or self.end is None:
            return t("gaps.report.all_time", lang=lang)
        last = self.end - timedelta(days=1)
        if last == self.start:
            return t("gaps.report.on_day", lang=lang, day=self.start.isoformat())
        quarter = Quarter.of(self.start)
        if (quarter.start, quarter.end) == (self.start, self.end):
            return t("gaps.report.in_quarter", lang=lang, quarter=quarter.label(lang or current_lang()))
        return t("gaps.report.between", lang=lang, start=self.start.isoformat(), end=last.isoformat())

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The report as JSON-ready data, reasons rendered in ``lang``."""
        return {
            "area": self.area,
            "scope": self.scope(lang),
            "start": self.start.isoformat() if self.start else None,
            "end": (self.end - timedelta(days=1)).isoformat() if self.end else None,
            "period": self.period(lang),
            "quarter": str(self.quarter) if self.quarter else None,
            "quarter_source": self.quarter_source,
            "counts": {str(k): {str(s): n for s, n in row.items()} for k, row in self.counts().items()},
            "omitted": {str(k): {str(s): n for s, n in row.items() if n} for k, row in self.omitted.items()
                        if self.left_out(k)},
            "coverage": self.coverage.to_dict(),
            "gaps": [gap.to_dict(lang) for gap in self.gaps],
        }


def _ref(actor: ActorRef) -> dict[str, str]:
    """An actor reference as JSON data (``dataclasses.asdict`` is slow on thousands of gaps)."""
    return {"id": actor.id, "name": actor.name}
