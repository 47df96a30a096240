"""The records of partner suggestions: the weights, a suggestion, its candidate and its reasons.

A :class:`Reason` keeps its sentence as a catalogue key with parameters, so the same
suggestion reads in Bahasa Indonesia or English; parameters are rendered as in the gap
report (:class:`~jejaring.analysis.gap_types.Message`: vocabulary members by their label,
lists joined). :func:`~jejaring.analysis.recommend.suggest` makes them.

>>> reason = Reason("proximity", 1.0, "recommend.reason.same_kecamatan")
>>> reason.text("en"), reason.text("id")
('in the same kecamatan', 'berada di kecamatan yang sama')
>>> s = Suggestion(Candidate("18.02.02.2007", "Sido Mulyo", ActorKind.VILLAGE, "18.02.02.2007"), 0.5,
...                {"network": 0.0, "complementarity": 0.0, "peer_learning": 0.0, "proximity": 1.0}, (reason,))
>>> s.to_dict("en")["reasons"][0]["text"]
'in the same kecamatan'
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from jejaring.analysis.gap_types import Message
from jejaring.errors import JejaringError
from jejaring.network import ActorRef
from jejaring.vocab import ActorKind

__all__ = ["COMPONENTS", "INDICES", "Weights", "Reason", "Candidate", "Suggestion"]

COMPONENTS: tuple[str, ...] = ("network", "complementarity", "peer_learning", "proximity")
"""The parts of a suggestion's score, in the order they are listed."""

INDICES: tuple[str, ...] = ("resource_allocation", "adamic_adar")
"""The link-prediction indices the network component can use."""


@dataclass(frozen=True)
class Weights:
    """How much each component counts; :mod:`jejaring.analysis.recommend` explains each default.

    ``network``, ``complementarity``, ``peer_learning`` and ``proximity`` multiply the
    component values; ``index`` is the network index (``resource_allocation`` or
    ``adamic_adar``); ``institution_need`` and ``returned`` weigh, inside complementarity, a
    need only the village's institutions have and a need of the candidate the actor
    offers, against a need of the actor's own.

    >>> Weights(peer_learning=1).peer_learning, Weights().index
    (1, 'resource_allocation')
    """

    network: float = 1.0
    complementarity: float = 1.0
    peer_learning: float = 0.5
    proximity: float = 0.5
    index: str = "resource_allocation"
    institution_need: float = 0.5
    returned: float = 0.5

    def __post_init__(self) -> None:
        if self.index not in INDICES:
            raise JejaringError("recommend.bad_index", value=self.index, choices=", ".join(INDICES))
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name != "index" and not (isinstance(value, int | float) and math.isfinite(value) and value >= 0):
                raise JejaringError("recommend.bad_weight", name=f.name, value=value)

    def of(self, component: str) -> float:
        """The weight of one of :data:`COMPONENTS`."""
        return getattr(self, component)


@dataclass(frozen=True)
class Reason:
    """One reason for a suggestion: its ``component``, the ``value`` it adds to that component
    (before weighting), and the catalogue ``key`` and ``params`` of its sentence."""

    component: str
    value: float
    key: str
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def text(self, lang: str | None = None) -> str:
        """The reason as a sentence in ``lang`` (default: the current language)."""
        return Message(self.key, self.params).render(lang)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """JSON-ready: component, value, key, parameters (vocabulary codes) and the sentence."""
        return {
            "component": self.component,
            "value": self.value,
            "key": self.key,
            "params": Message(self.key, self.params).to_dict()["params"],
            "text": self.text(lang),
        }


@dataclass(frozen=True)
class Candidate(ActorRef):
    """A suggested actor: id, name, kind, and its area code (a village's for a kades)."""

    kind: ActorKind
    area: str | None = None


@dataclass(frozen=True)
class Suggestion:
    """A candidate, its ``score`` (the weighted sum of ``components``, which hold the unweighted
    value of each of :data:`COMPONENTS`) and the ``reasons`` behind it, the weightiest first."""

    candidate: Candidate
    score: float
    components: Mapping[str, float]
    reasons: tuple[Reason, ...]

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """JSON-ready, the reasons rendered in ``lang``."""
        c = self.candidate
        return {
            "id": c.id,
            "name": c.name,
            "kind": str(c.kind),
            "area": c.area,
            "score": self.score,
            "components": dict(self.components),
            "reasons": [r.to_dict(lang) for r in self.reasons],
        }


