"""What partner suggestions read of a network, indexed once per network: sides, profiles, lookups.

A village stands for itself, its kades and its institutions (its *side*): their ties are the
village's ties. :func:`partner_index` builds, in one pass over a
:class:`~jejaring.network.Network`, the side of each actor, a plain :class:`Profile` of each
village and organisation, the partner graph
(:func:`~jejaring.analysis.gaps.partner_graph`), each side's existing partners (by any of
:data:`LINK_TIES`, government mandate included), and who offers, needs or works in what,
filed by kabupaten. The index is kept for as long as the network lives (a weak-keyed
cache), so the network's own class needs nothing added.

Finding the actor asked about (:func:`resolve_actor`) and the area its candidates come from
(:func:`area_scope`) live here too.

>>> from jejaring.model import Institution, Tie, Village
>>> a = Village(code="18.02.02.2001", name="Purwodadi", offers=["air"])
>>> bumdes = Institution(id="bumdes-a", name="BUM Desa Purwodadi", village=a.id, type="bum desa")
>>> ix = partner_index(Network([a, bumdes], [Tie(kind="membership", source="bumdes-a", target=a.id)]))
>>> ix.unit("bumdes-a"), list(regions(ix.offered_by[Resource.AIR], "18.02"))
('18.02.02.2001', ['18.02.02.2001'])
"""

from __future__ import annotations

import difflib
import weakref
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import NamedTuple

from jejaring.analysis.brokerage import home_village
from jejaring.analysis.gaps import PARTNER_TIES, PEER_TIES, partner_graph
from jejaring.bulk import paused_collection
from jejaring.errors import JejaringError
from jejaring.i18n import current_lang
from jejaring.model import Actor, VillageHead
from jejaring.network import Network
from jejaring.store.base import in_area
from jejaring.vocab import ActorKind, Resource, Sector, normalize_label

__all__ = [
    "WITHIN",
    "LINK_TIES",
    "UNIT_KINDS",
    "Profile",
    "profile",
    "regions",
    "PartnerIndex",
    "partner_index",
    "side",
    "resolve_actor",
    "find_actor",
    "area_scope",
    "in_scope",
]

WITHIN: dict[str, int] = {"kecamatan": 3, "kabupaten": 2, "province": 1, "all": 0}
"""The choices of ``within``: how many groups of the actor's area code candidates share."""

LINK_TIES = PARTNER_TIES | PEER_TIES
"""Tie kinds that make two sides existing partners, never suggested to each other."""

UNIT_KINDS = frozenset(
    {ActorKind.VILLAGE, ActorKind.NGO, ActorKind.FIRM, ActorKind.UNIVERSITY, ActorKind.GOVERNMENT}
)
"""The kinds of actor that stand for a side: villages and organisations."""


class Profile(NamedTuple):
    """What the components of a suggestion read of a village or an organisation, as plain values."""

    id: str
    kind: ActorKind
    area: str | None
    parts: tuple[str, ...]  # the groups of the area code
    offers: frozenset[Resource]
    needs: frozenset[Resource]
    sectors: frozenset[Sector]
    rank: int | None  # of the development status, villages only
    at: tuple[float, float] | None  # latitude and longitude


def profile(actor: Actor) -> Profile:
    """The profile of one actor."""
    status = getattr(actor, "development_status", None)
    at = (actor.latitude, actor.longitude) if actor.latitude is not None else None
    parts = tuple(actor.area_code.split(".")) if actor.area_code else ()
    return Profile(actor.id, actor.kind, actor.area_code, parts, frozenset(actor.offers), frozenset(actor.needs),
                   frozenset(actor.sectors), status.rank if status is not None else None, at)


Filed = dict[str | None, list[str]]


def _region(area: str | None) -> str | None:
    """The key an index files an area under: its kabupaten, or what is known above it."""
    return None if area is None else ".".join(area.split(".")[:2])


def regions(filed: Filed, scope: str | None) -> Iterator[str]:
    """The ids ``filed`` under the regions that may hold candidates in ``scope`` (they still
    need :func:`in_scope` below the kabupaten)."""
    if scope is None:
        keys: Iterable[str | None] = filed
    elif "." in scope:
        keys = (_region(scope), scope.split(".")[0], None)
    else:
        keys = [k for k in filed if k is None or k == scope or k.startswith(scope + ".")]
    for key in keys:
        yield from filed.get(key, ())


class PartnerIndex:
    """Sides, profiles, the partner graph, existing partners, and the villages and
    organisations offering or needing each resource and working in each sector, by region."""

    def __init__(self, net: Network) -> None:
        self.net = net
        self.home: dict[str, str] = {}
        self.members: dict[str, list[Actor]] = defaultdict(list)
        self.profiles: dict[str, Profile] = {}
        self.offered_by: dict[Resource, Filed] = defaultdict(lambda: defaultdict(list))
        self.needed_by: dict[Resource, Filed] = defaultdict(lambda: defaultdict(list))
        self.in_sector: dict[Sector, Filed] = defaultdict(lambda: defaultdict(list))
        for actor in sorted(net.actors.values(), key=lambda a: a.id):
            village = home_village(actor)
            if village is not None and village != actor.id:  # a kades or an institution
                self.home[actor.id] = village
                self.members[village].append(actor)
            elif actor.kind in UNIT_KINDS:
                p = self.profiles[actor.id] = profile(actor)
                region = _region(p.area)
                for resource in p.offers:
                    self.offered_by[resource][region].append(p.id)
                for resource in p.needs:
                    self.needed_by[resource][region].append(p.id)
                if p.kind is ActorKind.VILLAGE:
                    for sector in p.sectors:
                        self.in_sector[sector][region].append(p.id)
        self.linked: dict[str, set[str]] = defaultdict(set)
        for tie in net.ties:
            a, b = self.unit(tie.source), self.unit(tie.target)
            if tie.kind in LINK_TIES and a != b:
                self.linked[a].add(b)
                self.linked[b].add(a)
        self.graph = partner_graph(net)
        self.day = net.end - timedelta(days=1) if net.end else date.today()
        self._heads: dict[str, VillageHead | None] = {}

    def unit(self, actor_id: str) -> str:
        """The side ``actor_id`` belongs to: its village for a kades or an institution, else itself."""
        return self.home.get(actor_id, actor_id)

    def kades(self, village: str) -> VillageHead | None:
        """The village's kades in office on the view's last day, else the latest one recorded."""
        if village not in self._heads:
            heads = [m for m in self.members.get(village, ()) if isinstance(m, VillageHead)]
            serving = [
                h for h in heads
                if (h.term_start is None or h.term_start <= self.day) and (h.term_end is None or self.day < h.term_end)
            ]
            self._heads[village] = max(serving or heads, key=lambda h: (h.term_start or date.min, h.id), default=None)
        return self._heads[village]


_CACHE: weakref.WeakKeyDictionary[Network, PartnerIndex] = weakref.WeakKeyDictionary()


def partner_index(net: Network) -> PartnerIndex:
    """The index of ``net``, built on first use and kept while ``net`` lives."""
    found = _CACHE.get(net)
    if found is None:
        with paused_collection():  # a country's index is millions of small objects
            found = _CACHE[net] = PartnerIndex(net)
    return found


def side(net: Network, actor_id: str) -> str:
    """The id suggestions are made for when ``actor_id`` asks: its village for a kades or an
    institution, the actor itself otherwise."""
    return partner_index(net).unit(actor_id)


def resolve_actor(actors: Iterable[Actor], text: str) -> Actor:
    """The actor with id ``text``, else the one whose name is ``text`` (case and spacing aside).

    Raise :class:`~jejaring.errors.JejaringError` naming the candidates when several actors
    have that name, or the nearest names when none has.

    >>> from jejaring.model import Village
    >>> resolve_actor([Village(code="18.02.02.2005", name="Bangun Rejo")], "bangun  rejo").id
    '18.02.02.2005'
    """
    pool = list(actors)
    wanted = text.strip()
    for actor in pool:
        if actor.id == wanted:
            return actor
    folded = normalize_label(wanted)
    named = sorted((a for a in pool if normalize_label(a.name) == folded), key=lambda a: a.id)
    if len(named) == 1:
        return named[0]
    lang = current_lang()
    if named:
        lines = "\n".join(f"  {a.id}  {a.name} ({a.kind.label(lang)})" for a in named)
        raise JejaringError("recommend.ambiguous_actor", text=wanted, candidates=lines)
    names = sorted({a.name for a in pool})
    close = difflib.get_close_matches(wanted, names, n=5, cutoff=0.6)
    close += [n for n in names if folded and folded in normalize_label(n) and n not in close][: 5 - len(close)]
    if close:
        raise JejaringError("recommend.unknown_actor_close", text=wanted, names="; ".join(close))
    raise JejaringError("recommend.unknown_actor", text=wanted)


def find_actor(net: Network, text: str) -> Actor:
    """The actor of ``net`` with id or name ``text`` (see :func:`resolve_actor`)."""
    return net.actors[text] if text in net.actors else resolve_actor(net.actors.values(), text)


def area_scope(actor: Actor, within: str) -> str | None:
    """The area code candidates must share with ``actor`` under ``within`` (``None``: no limit).

    An actor whose area is known only above that level keeps what is known.

    >>> from jejaring.model import Ngo, Village
    >>> area_scope(Village(code="18.02.02.2005", name="Bangun Rejo"), "kabupaten")
    '18.02'
    >>> area_scope(Ngo(id="lsm", name="LSM", area="18"), "kecamatan")
    '18'
    """
    if within not in WITHIN:
        raise JejaringError("recommend.bad_within", value=within, choices=", ".join(WITHIN))
    code = actor.area_code
    if code is None or WITHIN[within] == 0:
        return None
    return ".".join(code.split(".")[: WITHIN[within]])


def in_scope(code: str | None, scope: str | None) -> bool:
    """Whether an actor of area ``code`` may be a candidate in ``scope``: its area lies in the
    scope, contains it (a provincial NGO for a kabupaten), or is not recorded.

    >>> in_scope("18.02.02.2001", "18.02"), in_scope("18", "18.02"), in_scope("18.03", "18.02")
    (True, True, False)
    """
    return scope is None or code is None or in_area(code, scope) or in_area(scope, code)
