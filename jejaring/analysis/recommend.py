"""Partner suggestions with their reasons: who an actor could work with next, and why.

:func:`suggest` ranks candidates for one actor by four components, each a number a person
can check by hand, weighted by :class:`Weights` (defaults below, each changeable):

- **network** (weight 1): the resource-allocation index (or Adamic–Adar) of the actor and
  the candidate in the partner graph: the sum, over the partners they share, of one over
  each shared partner's number of partners. Who your partners already work with, a shared
  partner with few partners counting more than a hub.
- **complementarity** (weight 1): needs met, counting 1 for each need of the actor (or its
  village) the candidate offers, ``institution_need`` (0.5) for each need only the
  village's institutions have, and ``returned`` (0.5) for each need of the candidate the
  actor offers.
- **peer learning** (weight 0.5): for a village or a kades, a village (or its kades)
  working in one of the same sectors at a higher development status: the number of
  status steps it is ahead (mandiri against berkembang: 2). The source texts' "learn from
  the flagship programmes of other villages".
- **proximity** (weight 0.5): 1 in the same kecamatan, 0.5 in the same kabupaten, 0.25 in
  the same province; when both have coordinates, ``1 / (1 + km / 10)`` instead. Proximity
  only adds to a candidate found by the other three: it never brings one in by itself.

Rules, stated once:

- **Sides.** A village stands for itself, its kades and its institutions: their ties are
  the village's ties (a BUM Desa's partner is the village's partner), and a kades or an
  institution asking for partners asks for its village. The needs of a side are its
  village's (in full) and its institutions' (at ``institution_need``); its offers, sectors
  and status are its village's. A candidate is judged by its own record; a kades by its
  village's.
- **The partner graph** is the gap report's
  (:func:`~jejaring.analysis.gaps.partner_graph`): sides joined by partnership, resource
  sharing, support, funding, peer-learning and coordination ties, leaving out the support
  and funding every desa gets from government offices by mandate.
- **Existing partners** (joined to the actor's side by any of those ties, mandate
  included), the actor itself and its own side are never suggested.
- **Candidates** are villages and organisations; a village side appears as its kades
  instead when the actor is a kades or ``kind`` asks for kades. A kelurahan has a lurah,
  not a kades, so a suggestion for a kelurahan never proposes a kades.
- **``within``** keeps candidates whose area lies inside the actor's area at that level,
  and organisations whose area contains it (a provincial NGO works in each of its
  kabupaten) or is not recorded. The network is what was loaded: shared partners count
  the ties seen in it.
- **Speed.** Nothing enumerates the pairs of the graph: candidates come from the actor's
  two-hop neighbourhood and from indexes by resource and by sector (split by kabupaten),
  built once per :class:`~jejaring.network.Network` and kept while it lives; candidates
  are scored from plain numbers, and reasons are written for the ``top`` only.

The records (:class:`Weights`, :class:`Suggestion`, :class:`Candidate`, :class:`Reason`) are
in :mod:`jejaring.analysis.suggestion_types`, the per-network index in
:mod:`jejaring.analysis.partner_index`.

>>> from jejaring.model import Firm, Ngo, Tie, Village
>>> a = Village(code="18.02.02.2001", name="Purwodadi", needs=["air"], sectors=["pertanian"])
>>> b = Village(code="18.02.02.2002", name="Sido Dadi", sectors=["pertanian"], development_status="maju")
>>> pt = Firm(id="pt-tirta", name="PT Tirta", area="18.02", offers=["air"])
>>> lsm = Ngo(id="lsm", name="LSM Tani", area="18.02")
>>> net = Network([a, b, pt, lsm], [Tie(kind="support", source="lsm", target=a.id),
...                                 Tie(kind="support", source="lsm", target=b.id)])
>>> for s in suggest(net, "Purwodadi"):
...     print(f"{s.candidate.name}: {s.score:.2f}", "|", "; ".join(r.text("en") for r in s.reasons))
PT Tirta: 1.25 | offers water and irrigation, which Purwodadi needs; in the same kabupaten
Sido Dadi: 1.00 | already works with a partner of Purwodadi: LSM Tani; in the same kecamatan
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from typing import Any, NamedTuple

from jejaring.analysis.gap_types import Message
from jejaring.analysis.linkpred import candidate_scores
from jejaring.analysis.partner_index import (
    LINK_TIES,
    UNIT_KINDS,
    WITHIN,
    PartnerIndex,
    Profile,
    area_scope,
    find_actor,
    in_scope,
    partner_index,
    profile,
    regions,
    resolve_actor,
    side,
)
from jejaring.analysis.suggestion_types import COMPONENTS, Candidate, Reason, Suggestion, Weights
from jejaring.errors import JejaringError
from jejaring.i18n import current_lang
from jejaring.model import Actor, Village
from jejaring.network import Network
from jejaring.vocab import ActorKind, InstitutionType, Resource, Sector

__all__ = [
    "COMPONENTS",
    "WITHIN",
    "CANDIDATE_KINDS",
    "LINK_TIES",
    "DISTANCE_KM",
    "Weights",
    "Reason",
    "Candidate",
    "Suggestion",
    "suggest",
    "eligible",
    "side",
    "area_scope",
    "resolve_actor",
]

CANDIDATE_KINDS: tuple[ActorKind, ...] = (
    ActorKind.VILLAGE,
    ActorKind.VILLAGE_HEAD,
    ActorKind.NGO,
    ActorKind.FIRM,
    ActorKind.UNIVERSITY,
    ActorKind.GOVERNMENT,
)
"""The kinds of actor a suggestion can name (institutions are part of their village)."""

DISTANCE_KM = 10.0
"""Proximity by distance is ``1 / (1 + km / DISTANCE_KM)``: a half at this many kilometres."""

_LEVELS = {3: "kecamatan", 2: "kabupaten", 1: "province"}
_AREA_PROXIMITY = {3: 1.0, 2: 0.5, 1: 0.25}
_NAMED = 3  # names listed in a reason before "and N more"


# The actor asking --------------------------------------------------------------------------


class _Asker(NamedTuple):
    """The side asking, as the components see it."""

    actor: Actor
    unit: str
    name: str
    village: Village | None
    here: Profile  # its village's profile, or its own
    needs: frozenset[Resource]  # its own and its village's
    institution_needs: dict[Resource, list[InstitutionType]]  # needs only its institutions have -> their types
    offers: frozenset[Resource]
    asked: Resource | None


def _asker(ix: PartnerIndex, actor: Actor, need: Resource | None) -> _Asker:
    unit = ix.unit(actor.id)
    village = ix.net.actors.get(unit)
    village = village if isinstance(village, Village) else None
    records = [actor] + ([village] if village is not None and village is not actor else [])
    needs = frozenset(r for rec in records for r in rec.needs)
    offers = frozenset(r for rec in records for r in rec.offers)
    by_institution: dict[Resource, list[InstitutionType]] = defaultdict(list)
    if village is not None:
        for member in ix.members.get(unit, ()):
            if member.kind is ActorKind.INSTITUTION and member is not actor:
                for r in member.needs:
                    if r not in needs:
                        by_institution[r].append(member.type)
    here = ix.profiles.get(unit) or profile(actor)
    name = village.name if village is not None else actor.name
    return _Asker(actor, unit, name, village, here, needs, dict(by_institution), offers, need)


# Components: values for every candidate, reasons for the ones shown ------------------------

_ORDER = {member: i for vocab in (Resource, Sector) for i, member in enumerate(vocab)}


def _ordered(items: frozenset[Any]) -> list[Any]:
    """Vocabulary members in the order the vocabulary lists them."""
    return sorted(items, key=_ORDER.__getitem__)


def _complementarity(asker: _Asker, p: Profile, weights: Weights) -> float:
    """Needs met: see the module text; :func:`_reasons` lists them."""
    value = len(p.offers & asker.needs) + weights.returned * len(p.needs & asker.offers)
    if asker.institution_needs:
        helped = p.offers.intersection(asker.institution_needs)
        value += weights.institution_need * (len(helped) - (asker.asked in helped))
    if asker.asked is not None and asker.asked not in asker.needs and asker.asked in p.offers:
        value += 1
    return value


def _steps(asker: _Asker, p: Profile) -> int:
    """Status steps a village of a shared sector is ahead of the asker's village (0 if none)."""
    own = asker.here
    if asker.village is None or own.rank is None or p.rank is None or p.rank <= own.rank:
        return 0
    return p.rank - own.rank if p.sectors & own.sectors else 0


def _haversine(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _proximity(here: Profile, there: Profile) -> tuple[float, str | None, int | None]:
    """The proximity value, and the key and kilometres of its reason (no key: not near)."""
    if here.at is not None and there.at is not None:
        km = _haversine(here.at, there.at)
        key = "recommend.reason.distance" if km >= 1 else "recommend.reason.distance_near"
        return 1 / (1 + km / DISTANCE_KM), key, max(1, round(km))
    level = 0
    for a, b in zip(here.parts[:3], there.parts, strict=False):
        if a != b:
            break
        level += 1
    return (_AREA_PROXIMITY[level], f"recommend.reason.same_{_LEVELS[level]}", None) if level else (0.0, None, None)


def _names(names: list[Any]) -> list[Any] | Message:
    if len(names) <= _NAMED + 1:
        return names
    return Message("recommend.names_more", {"names": names[:_NAMED], "count": len(names) - _NAMED})


def _learns(asker: _Asker, weights: Weights) -> bool:
    """Whether peer learning applies: a village, or a kades, asking."""
    asking = asker.actor.kind in (ActorKind.VILLAGE, ActorKind.VILLAGE_HEAD)
    return bool(weights.peer_learning) and asker.village is not None and asking


def _reasons(ix: PartnerIndex, asker: _Asker, p: Profile, network: float, weights: Weights) -> tuple[Reason, ...]:
    """The reasons behind one candidate's components, the weightiest first, proximity last."""
    found = []
    if network:
        graph = ix.graph
        shared = sorted(set(graph[asker.unit]) & set(graph[p.id]), key=lambda n: (len(graph[n]), ix.net.name(n)))
        names = [ix.net.name(n) for n in shared]
        key = "recommend.reason.shared_partner" if len(names) == 1 else "recommend.reason.shared_partners"
        params = {"actor": asker.name, "count": len(names), "partners": _names(names)}
        found.append(Reason("network", network, key, params))
    if weights.complementarity:
        asked = asker.asked if asker.asked not in asker.needs and asker.asked in p.offers else None
        for resources, key in ((p.offers & asker.needs, "offers_need"), ({asked} - {None}, "offers_asked")):
            if resources:
                params = {"resources": _ordered(resources), "actor": asker.name}
                found.append(Reason("complementarity", float(len(resources)), f"recommend.reason.{key}", params))
        helped = _ordered(p.offers.intersection(asker.institution_needs) - {asker.asked})
        if helped and weights.institution_need:
            types = list(dict.fromkeys(t for r in helped for t in asker.institution_needs[r]))
            key = "recommend.reason.offers_institution_need" + ("s" if len(types) > 1 else "")
            params = {"resources": helped, "institutions": _names(types), "actor": asker.name}
            found.append(Reason("complementarity", weights.institution_need * len(helped), key, params))
        given = _ordered(p.needs & asker.offers)
        if given and weights.returned:
            params = {"resources": given, "actor": asker.name}
            value = weights.returned * len(given)
            found.append(Reason("complementarity", value, "recommend.reason.needs_offer", params))
    steps = _steps(asker, p) if _learns(asker, weights) and p.kind is ActorKind.VILLAGE else 0
    if steps:
        village, own = ix.net.actors[p.id], asker.village
        params = {"village": village.name, "status": village.development_status, "actor": own.name,
                  "sectors": _ordered(p.sectors & asker.here.sectors), "actor_status": own.development_status}
        found.append(Reason("peer_learning", float(steps), "recommend.reason.peer", params))
    found.sort(key=lambda r: -weights.of(r.component) * r.value)
    value, key, km = _proximity(asker.here, p) if weights.proximity else (0.0, None, None)
    if key is not None:
        found.append(Reason("proximity", value, key, {} if km is None else {"km": km}))
    return tuple(found)


# Candidates --------------------------------------------------------------------------------


def _kind(kind: ActorKind | str | None) -> ActorKind | None:
    if kind is None:
        return None
    try:
        parsed = ActorKind.parse(kind)
    except ValueError:
        parsed = None
    if parsed not in CANDIDATE_KINDS:
        lang = current_lang()
        choices = ", ".join(f"{k.value} ({k.label(lang)})" for k in CANDIDATE_KINDS)
        raise JejaringError("recommend.bad_kind", value=str(kind), choices=choices)
    return parsed


def _need(need: Resource | str | None) -> Resource | None:
    if need is None:
        return None
    try:
        return Resource.parse(need)
    except ValueError:
        choices = ", ".join(r.label(current_lang()) for r in Resource)
        raise JejaringError("recommend.unknown_need", value=str(need), choices=choices) from None


class _Field(NamedTuple):
    """Who may be suggested to an asker: the test of a unit, and how a village is shown."""

    asker: _Asker
    scope: str | None
    as_kades: bool
    admissible: Callable[[str], bool]
    present: Callable[[str], Candidate | None]


def _field(ix: PartnerIndex, actor: Actor, kind: ActorKind | None, need: Resource | None, within: str) -> _Field:
    asker = _asker(ix, actor, need)
    village = asker.village
    as_kades = (village is None or not village.is_kelurahan) and (
        kind is ActorKind.VILLAGE_HEAD or (kind is None and actor.kind is ActorKind.VILLAGE_HEAD)
    )
    if kind is None:
        kinds = UNIT_KINDS
    elif kind is ActorKind.VILLAGE_HEAD:
        kinds = frozenset({ActorKind.VILLAGE}) if as_kades else frozenset()
    else:
        kinds = frozenset({kind})
    scope = area_scope(actor, within)
    profiles, linked = ix.profiles, ix.linked.get(asker.unit, set())

    def admissible(unit: str) -> bool:
        p = profiles.get(unit)
        return (
            p is not None
            and p.kind in kinds
            and unit != asker.unit
            and unit not in linked
            and (need is None or need in p.offers)
            and in_scope(p.area, scope)
        )

    def present(unit: str) -> Candidate | None:
        p = profiles[unit]
        if p.kind is ActorKind.VILLAGE and as_kades:
            head = ix.kades(unit)
            return None if head is None else Candidate(head.id, head.name, head.kind, unit)
        return Candidate(unit, ix.net.actors[unit].name, p.kind, p.area)

    return _Field(asker, scope, as_kades, admissible, present)


def eligible(
    net: Network,
    actor: str,
    *,
    kind: ActorKind | str | None = None,
    need: Resource | str | None = None,
    within: str = "kabupaten",
) -> list[Candidate]:
    """Every candidate :func:`suggest` could name for ``actor`` with these options, whatever its
    score: the field suggestions are judged against. Sorted by id.

    This looks at every actor of the network, which :func:`suggest` never does.
    """
    ix = partner_index(net)
    field = _field(ix, find_actor(net, actor), _kind(kind), _need(need), within)
    found = (field.present(u) for u in ix.profiles if field.admissible(u))
    return sorted((c for c in found if c is not None), key=lambda c: c.id)


def suggest(
    net: Network,
    actor: str,
    *,
    kind: ActorKind | str | None = None,
    need: Resource | str | None = None,
    top: int | None = 10,
    within: str = "kabupaten",
    weights: Weights | None = None,
) -> list[Suggestion]:
    """Suggest partners for ``actor`` (an id or a unique name), the best ``top`` first (all when
    ``None``); ties in score go by id.

    ``kind`` keeps one kind of candidate (``village``, ``village_head``, ``ngo``, ``firm``,
    ``university``, ``government``; labels in either language accepted); ``need`` keeps the
    candidates offering that resource and counts it among the actor's needs; ``within`` is
    ``kecamatan``, ``kabupaten``, ``province`` or ``all``; ``weights`` changes the weights.
    A candidate with nothing but proximity for it is not suggested.

    >>> from jejaring.model import Village, VillageHead
    >>> k = Village(code="18.72.01.1001", name="Kelurahan A", sectors=["umkm"], development_status="tertinggal")
    >>> d = Village(code="18.72.01.2002", name="Desa B", sectors=["umkm"], development_status="mandiri")
    >>> net = Network([k, d, VillageHead(id="kades-b", name="Pak B", village=d.id)])
    >>> [s.candidate.name for s in suggest(net, "Kelurahan A")], suggest(net, "Kelurahan A", kind="kades")
    (['Desa B'], [])
    """
    w = weights or Weights()
    if top is not None and top < 1:
        raise ValueError("top must be at least 1")
    ix = partner_index(net)
    field = _field(ix, find_actor(net, actor), _kind(kind), _need(need), within)
    asker, scope = field.asker, field.scope
    learns = _learns(asker, w)

    network: dict[str, float] = {}
    if w.network and asker.unit in ix.graph:
        network = candidate_scores(ix.graph, asker.unit, indices=[w.index])[w.index]
    pool: dict[str, None] = dict.fromkeys(network)
    if asker.asked is not None:  # every candidate offers it
        pool = dict.fromkeys(regions(ix.offered_by.get(asker.asked, {}), scope))
    else:
        if w.complementarity:
            for r in (*asker.needs, *(asker.institution_needs if w.institution_need else ())):
                pool.update(dict.fromkeys(regions(ix.offered_by.get(r, {}), scope)))
            for r in asker.offers if w.returned else ():
                pool.update(dict.fromkeys(regions(ix.needed_by.get(r, {}), scope)))
        for s in asker.here.sectors if learns else ():
            pool.update(dict.fromkeys(regions(ix.in_sector.get(s, {}), scope)))

    scored = []  # (-score, id shown, unit, components), cheap enough for every candidate
    for unit in pool:
        if not field.admissible(unit):
            continue
        p = ix.profiles[unit]
        values = (
            network.get(unit, 0.0),
            _complementarity(asker, p, w) if w.complementarity else 0.0,
            float(_steps(asker, p)) if learns and p.kind is ActorKind.VILLAGE else 0.0,
        )
        evidence = w.network * values[0] + w.complementarity * values[1] + w.peer_learning * values[2]
        if evidence <= 0:
            continue
        shown = field.present(unit) if field.as_kades else unit
        if shown is None:
            continue
        near = _proximity(asker.here, p)[0] if w.proximity else 0.0
        shown_id = shown if isinstance(shown, str) else shown.id
        scored.append((-(evidence + w.proximity * near), shown_id, unit, (*values, near)))
    scored.sort(key=lambda row: row[:2])
    return [
        Suggestion(
            field.present(unit),
            -negative,
            dict(zip(COMPONENTS, values, strict=True)),
            _reasons(ix, asker, ix.profiles[unit], values[0], w),
        )
        for negative, _, unit, values in scored[:top]
    ]
