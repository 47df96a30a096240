"""The graph layout in Cypher: labels and types, the schema, record properties, the statements.

The layout is described in :mod:`jejaring.store.neo4j`, whose store runs these statements.
Labels and relationship types come from the two tables below, built from the vocabulary, and
nowhere else: no text a user wrote is ever formatted into Cypher; every value is a parameter.
Property values are plain: vocabulary codes, lists of codes, dates, numbers and text; an
absent value (``None`` or an empty list) is an absent property.

>>> from jejaring.model import parse_actor
>>> village = parse_actor({"kind": "desa", "code": "18.02.02.2005", "name": "Bangun Rejo",
...                        "sectors": "pertanian; peternakan", "population": 5123})
>>> properties = actor_properties(village)
>>> properties["kind"], properties["sectors"], properties["area_code"], properties["name_key"]
('village', ['food_crops', 'livestock'], '18.02.02.2005', 'bangunrejo')
>>> "needs" in properties, actor_from(properties) == village
(False, True)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel

from jejaring.model import ACTOR_TYPES, Actor, Meeting, Tie
from jejaring.vocab import ActorKind, TieKind, Vocabulary, normalize_label

__all__ = [
    "ACTOR_LABELS",
    "TIE_TYPES",
    "ATTENDED",
    "HELD_IN",
    "HOSTED",
    "DERIVED",
    "SCHEMA",
    "actor_properties",
    "tie_properties",
    "meeting_properties",
    "actor_from",
    "tie_from",
    "meeting_from",
    "native",
    "native_properties",
    "KNOWN_ACTORS",
    "STORED_ACTORS",
    "STORED_TIES",
    "STORED_MEETINGS",
    "TIE_COUNTS",
    "TIE_LOCK",
    "stored_ties",
    "UPSERT_ACTORS",
    "CREATE_ACTORS",
    "DELETE_TIES",
    "CREATE_TIES",
    "WRITE_MEETINGS",
    "CREATE_MEETINGS",
    "SET_SETTINGS",
    "ACTOR",
    "SETTING",
    "SETTINGS",
    "COUNTS",
    "actors_query",
    "ties_query",
    "meetings_query",
]

_IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def _identifier(name: str) -> str:
    """``name`` if it can stand in Cypher unquoted as a label or type, else ``ValueError``."""
    if not _IDENTIFIER.match(name):
        raise ValueError(f"{name!r} cannot be a Neo4j label or relationship type")
    return name


ACTOR_LABELS: dict[ActorKind, str] = {
    kind: _identifier(label)
    for kind, label in {
        ActorKind.VILLAGE: "Village",
        ActorKind.VILLAGE_HEAD: "VillageHead",
        ActorKind.INSTITUTION: "Institution",
        ActorKind.NGO: "Ngo",
        ActorKind.FIRM: "Firm",
        ActorKind.UNIVERSITY: "University",
        ActorKind.GOVERNMENT: "Government",
    }.items()
}
"""The second label of an actor's node, beside ``Actor``, by kind."""

TIE_TYPES: dict[TieKind, str] = {kind: _identifier(kind.value.upper()) for kind in TieKind}
"""The relationship type of a tie, by kind: its code upper-cased (``PARTNERSHIP``, ...)."""

ATTENDED, HELD_IN, HOSTED = "ATTENDED", "HELD_IN", "HOSTED"

DERIVED = ("area_code", "name_key")
"""Properties of an actor's node that are derived from the record, for queries only."""

_TIE_ID = "jejaring_tie_id_{}"
SCHEMA: dict[str, str] = {
    "jejaring_actor_id": "CREATE CONSTRAINT jejaring_actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE",
    "jejaring_meeting_id": "CREATE CONSTRAINT jejaring_meeting_id IF NOT EXISTS FOR (m:Meeting) REQUIRE m.id IS UNIQUE",
    "jejaring_setting_key": (
        "CREATE CONSTRAINT jejaring_setting_key IF NOT EXISTS FOR (s:Setting) REQUIRE s.key IS UNIQUE"
    ),
    **{
        _TIE_ID.format(kind.value): f"CREATE CONSTRAINT {_TIE_ID.format(kind.value)} IF NOT EXISTS "
        f"FOR ()-[r:{rel_type}]-() REQUIRE r.id IS UNIQUE"
        for kind, rel_type in TIE_TYPES.items()
    },
    "jejaring_lock_name": (
        "CREATE CONSTRAINT jejaring_lock_name IF NOT EXISTS FOR (l:JejaringLock) REQUIRE l.name IS UNIQUE"
    ),
    "jejaring_actor_area_code": "CREATE INDEX jejaring_actor_area_code IF NOT EXISTS FOR (a:Actor) ON (a.area_code)",
    "jejaring_actor_kind": "CREATE INDEX jejaring_actor_kind IF NOT EXISTS FOR (a:Actor) ON (a.kind)",
    "jejaring_actor_name_key": "CREATE INDEX jejaring_actor_name_key IF NOT EXISTS FOR (a:Actor) ON (a.name_key)",
    "jejaring_actor_name_key_text": (
        "CREATE TEXT INDEX jejaring_actor_name_key_text IF NOT EXISTS FOR (a:Actor) ON (a.name_key)"
    ),
    "jejaring_meeting_date": "CREATE INDEX jejaring_meeting_date IF NOT EXISTS FOR (m:Meeting) ON (m.date)",
    "jejaring_meeting_village": (
        "CREATE INDEX jejaring_meeting_village IF NOT EXISTS FOR (m:Meeting) ON (m.village)"
    ),
}
"""Constraints and indexes by name, each created only if missing (``IF NOT EXISTS``)."""

_PARSE_ACTOR = {kind.value: cls for kind, cls in ACTOR_TYPES.items()}


def _properties(record: BaseModel) -> dict[str, Any]:
    """Every field of ``record`` with a value, as a property value; absent ones left out.

    Vocabulary values, alone or in a list (a list holds values of one kind), become their codes
    (read as ``_value_``, which the enum's ``value`` property returns, many times faster).
    """
    properties = {}
    for name, value in record.__dict__.items():
        if value is None:
            continue
        if value.__class__ is list:
            if not value:
                continue
            if isinstance(value[0], Vocabulary):
                value = [item._value_ for item in value]
        elif isinstance(value, Vocabulary):
            value = value._value_
        properties[name] = value
    return properties


def actor_properties(actor: Actor) -> dict[str, Any]:
    """The properties of an actor's node: its fields plus ``area_code`` and ``name_key``."""
    properties = _properties(actor)
    if actor.area_code is not None:
        properties["area_code"] = actor.area_code
    properties["name_key"] = normalize_label(actor.name)
    return properties


def tie_properties(tie: Tie) -> dict[str, Any]:
    """The properties of a tie's relationship: its fields (``source`` and ``target`` too).

    >>> tie = Tie(kind="berbagi sumber daya", source="18.02.02.2007", target="18.02.02.2001",
    ...           since="01/01/2023", resources="alsintan; kendaraan")
    >>> properties = tie_properties(tie)
    >>> properties["kind"], properties["since"], properties["resources"], TIE_TYPES[tie.kind]
    ('resource_sharing', datetime.date(2023, 1, 1), ['farm_machinery', 'vehicles'], 'RESOURCE_SHARING')
    """
    return _properties(tie)


def meeting_properties(meeting: Meeting) -> dict[str, Any]:
    """The properties of a meeting's node: its fields, the attendees as an ordered list of ids."""
    return _properties(meeting)


def native(value: Any) -> Any:
    """A property value as Python has it: Neo4j dates become :class:`datetime.date`.

    >>> native([1, "x"]), native(date(2024, 1, 2))
    ([1, 'x'], datetime.date(2024, 1, 2))
    """
    if isinstance(value, list):
        return [native(item) for item in value]
    to_native = getattr(value, "to_native", None)
    return to_native() if to_native is not None else value


def native_properties(properties: Mapping[str, Any], *, without: Iterable[str] = ()) -> dict[str, Any]:
    """The properties with Python values, leaving out the names in ``without``."""
    skip = set(without)
    return {name: native(value) for name, value in properties.items() if name not in skip}


def actor_from(properties: Mapping[str, Any]) -> Actor:
    """The actor record a node's properties hold."""
    data = native_properties(properties, without=DERIVED)
    return _PARSE_ACTOR[data["kind"]].model_validate(data)


def tie_from(properties: Mapping[str, Any]) -> Tie:
    """The tie record a relationship's properties hold."""
    return Tie.model_validate(native_properties(properties))


def meeting_from(properties: Mapping[str, Any]) -> Meeting:
    """The meeting record a node's properties hold."""
    return Meeting.model_validate(native_properties(properties))


# -- statements ---------------------------------------------------------------------------
# Writes take a list of ids as ``$ids`` or of rows as ``$rows``. Statements that read many
# records return them as one row holding the list ``found`` of maps, which the driver reads
# many times faster than as rows. A relationship's actor ends are found by the element ids
# (``elementId(a)``) that the same transaction read for them, which the server resolves at
# once, not through the ``Actor.id`` index once more per end: the server does not reuse the
# element id of a node deleted meanwhile while the transaction that read it is open.

KNOWN_ACTORS = (
    "UNWIND $ids AS id MATCH (a:Actor {id: id}) RETURN collect({id: a.id, element: elementId(a)}) AS found"
)
STORED_ACTORS = (
    "UNWIND $ids AS id MATCH (a:Actor {id: id}) SET a.id = id "
    "RETURN collect({id: a.id, element: elementId(a), labels: labels(a), props: properties(a)}) AS found"
)
"""The stored actors of ``$ids``, each read once this transaction holds its write lock (the
``SET`` of an unchanged value takes the lock and writes nothing), so that an actor found
unchanged, and so not written, cannot change before the commit."""


def stored_ties(types: Iterable[str]) -> str:
    """The statement reading the stored relationships of the tie ids ``$ids`` under the
    relationship ``types`` (values of :data:`TIE_TYPES`), each type through its own index."""
    branches = []
    for rel_type in types:
        if rel_type not in TIE_TYPES.values():
            raise ValueError(f"{rel_type!r} is not a tie type")
        branches.append(
            f"MATCH (s)-[r:{rel_type}]->(t) WHERE r.id IN $ids "
            "RETURN {id: r.id, type: type(r), source: s.id, target: t.id, props: properties(r)} AS tie"
        )
    return "CALL () { " + " UNION ALL ".join(branches) + " } RETURN collect(tie) AS found"


STORED_TIES = stored_ties(TIE_TYPES.values())
"""A tie's stored relationships under any type."""
TIE_COUNTS = "RETURN " + ", ".join(f"COUNT {{ ()-[:{rel_type}]->() }} AS {rel_type}" for rel_type in TIE_TYPES.values())
"""One row: the number of relationships of each tie type (by the type), from the count store."""
STORED_MEETINGS = (
    "UNWIND $ids AS id MATCH (m:Meeting {id: id}) SET m.id = id "
    "RETURN collect({id: m.id, props: properties(m)}) AS found"
)
"""The stored meetings of ``$ids``, each read under its write lock (as :data:`STORED_ACTORS`)."""
TIE_LOCK = "MERGE (l:JejaringLock {name: 'ties'}) SET l.name = 'ties'"
"""Take the lock that writers of ties hold until their commit: a tie id must stay unique across
all tie types, which no constraint guards, so looking a tie up and creating it go one writer
at a time."""
STORED_IDS: dict[str, str] = {
    "actors": KNOWN_ACTORS,
    "ties": STORED_TIES,
    "meetings": "UNWIND $ids AS id MATCH (m:Meeting {id: id}) RETURN collect({id: m.id}) AS found",
}
"""By record type: which of ``$ids`` are stored."""
ALL_IDS: dict[str, str] = {
    "actors": "MATCH (a:Actor) WITH a.id AS id ORDER BY id RETURN collect(id) AS ids",
    "ties": "CALL () { "
    + " UNION ".join(f"MATCH ()-[r:{rel_type}]->() RETURN r.id AS id" for rel_type in TIE_TYPES.values())
    + " } WITH id ORDER BY id RETURN collect(id) AS ids",
    "meetings": "MATCH (m:Meeting) WITH m.id AS id ORDER BY id RETURN collect(id) AS ids",
}
"""By record type: one row, every stored id in order as ``ids``."""

UPSERT_ACTORS: dict[str, str] = {
    label: "UNWIND $rows AS row MERGE (a:Actor {id: row.id}) SET a = row "
    f"SET a:{label} REMOVE a:{':'.join(other for other in ACTOR_LABELS.values() if other != label)} "
    "RETURN collect({id: a.id, element: elementId(a)}) AS found"
    for label in ACTOR_LABELS.values()
}
"""By kind label: write the nodes' properties whole, leave them only that kind's label, and return
their element ids."""
CREATE_ACTORS: dict[str, str] = {
    label: f"UNWIND $rows AS row CREATE (a:Actor:{label}) SET a = row "
    "RETURN collect({id: a.id, element: elementId(a)}) AS found"
    for label in ACTOR_LABELS.values()
}
"""By kind label: create the nodes of actors that the same transaction found missing (under the
index-entry locks of :data:`STORED_ACTORS`, which keep other writers from creating them until
the commit), and return their element ids. It spares :data:`UPSERT_ACTORS`' second index seek
and label changes."""
DELETE_TIES: dict[str, str] = {
    rel_type: f"UNWIND $ids AS id MATCH ()-[r:{rel_type} {{id: id}}]->() DELETE r" for rel_type in TIE_TYPES.values()
}
CREATE_TIES: dict[str, str] = {
    rel_type: "UNWIND $rows AS row MATCH (s:Actor) WHERE elementId(s) = row.source "
    "MATCH (t:Actor) WHERE elementId(t) = row.target "
    f"CREATE (s)-[r:{rel_type}]->(t) SET r = row.properties"
    for rel_type in TIE_TYPES.values()
}
"""By type: create the ties of ``$rows`` (``properties``, and the element ids of ``source`` and ``target``)."""
_LINK_MEETING = (
    "CALL (m, row) { UNWIND row.attendees AS attendee MATCH (a:Actor) WHERE elementId(a) = attendee "
    f"CREATE (a)-[:{ATTENDED}]->(m) }} "
    f"CALL (m, row) {{ MATCH (v:Actor) WHERE elementId(v) = row.village CREATE (m)-[:{HELD_IN}]->(v) }} "
    f"CALL (m, row) {{ MATCH (h:Actor) WHERE elementId(h) = row.host CREATE (h)-[:{HOSTED}]->(m) }}"
)
WRITE_MEETINGS = (
    "UNWIND $rows AS row MERGE (m:Meeting {id: row.properties.id}) SET m = row.properties WITH m, row "
    f"CALL (m) {{ MATCH (m)-[r:{ATTENDED}|{HELD_IN}|{HOSTED}]-() DELETE r }} " + _LINK_MEETING
)
"""Write the meetings of ``$rows`` (``properties``, and the element ids of ``attendees``,
``village`` and ``host``) whole, then link each again to its attendees, village and host."""
CREATE_MEETINGS = "UNWIND $rows AS row CREATE (m:Meeting) SET m = row.properties WITH m, row " + _LINK_MEETING
"""Create the meetings of ``$rows`` (as :data:`WRITE_MEETINGS`) that the same transaction found
missing under the locks of :data:`STORED_MEETINGS`, and link them to their attendees, village
and host."""
SET_SETTINGS = "UNWIND $rows AS row MERGE (s:Setting {key: row.key}) SET s.value = row.value"

ACTOR = "MATCH (a:Actor {id: $id}) RETURN properties(a) AS props"
SETTING = "MATCH (s:Setting {key: $key}) RETURN s.value AS value"
SETTINGS = "MATCH (s:Setting) WHERE s.key STARTS WITH $prefix RETURN s.key AS key, s.value AS value"
COUNTS = "RETURN " + ", ".join(
    [f"COUNT {{ (:{label}) }} AS {_identifier(kind.value)}" for kind, label in ACTOR_LABELS.items()]
    + [" + ".join(f"COUNT {{ ()-[:{rel_type}]->() }}" for rel_type in TIE_TYPES.values()) + " AS ties"]
    + ["COUNT { (:Meeting) } AS meetings"]
)
"""One row: the number of actors of each kind (by its code), of ``ties`` and of ``meetings``, all
read from the server's count store."""

Query = tuple[str, dict[str, Any]]


def _in_area(code: str) -> str:
    """Cypher for "``code`` lies in ``$area``": equal to it, or below it (``$below`` is ``area + "."``)."""
    return f"({code} = $area OR {code} STARTS WITH $below)"


def _where(conditions: Sequence[str]) -> str:
    return " WHERE " + " AND ".join(conditions) if conditions else ""


def _area_params(area: str | None) -> dict[str, Any]:
    return {} if area is None else {"area": area, "below": area + "."}


def actors_query(
    *, kinds: list[str] | None, area: str | None, ids: list[str] | None, name_key: str | None
) -> Query:
    """The query and parameters reading actors (``props``) by kind codes, area, ids and name key.

    >>> query, params = actors_query(kinds=None, area="18.02", ids=None, name_key=None)
    >>> query.split(" RETURN ")[0], params["below"]
    ('MATCH (a:Actor) WHERE (a.area_code = $area OR a.area_code STARTS WITH $below)', '18.02.')
    """
    where: list[str] = []
    if kinds is not None:
        where.append("a.kind IN $kinds")
    if area is not None:
        where.append(_in_area("a.area_code"))
    if ids is not None:
        where.append("a.id IN $ids")
    if name_key is not None:
        where.append("a.name_key CONTAINS $name_key")
    params = {"kinds": kinds, "ids": ids, "name_key": name_key, **_area_params(area)}
    return f"MATCH (a:Actor){_where(where)} RETURN properties(a) AS props ORDER BY a.id", params


def ties_query(
    *, types: Sequence[str], area: str | None, actor: str | None, at: date | None, ids: list[str] | None
) -> Query:
    """The query reading ties (``props``) of relationship ``types``, touching ``area`` or ``actor``,
    in force on ``at``, with ``ids``: one branch per type, so an id lookup uses that type's index;
    reading starts at the actor, else at the area's actors, when given."""
    where: list[str] = []
    if actor is not None:
        start = "MATCH (:Actor {id: $actor})-[r:%s]-(:Actor)"
        if area is not None:
            where.append(f"({_in_area('startNode(r).area_code')} OR {_in_area('endNode(r).area_code')})")
    elif area is not None:
        start = f"MATCH (a:Actor) WHERE {_in_area('a.area_code')} MATCH (a)-[r:%s]-(:Actor) WITH DISTINCT r"
    else:
        start = "MATCH (:Actor)-[r:%s]->(:Actor)"
    if at is not None:
        where.append("(r.since IS NULL OR r.since <= $at) AND (r.until IS NULL OR r.until > $at)")
    if ids is not None:
        where.append("r.id IN $ids")
    branch = f"{start}{_where(where)} RETURN properties(r) AS props"
    query = "CALL () { " + " UNION ALL ".join(branch % rel_type for rel_type in types) + " } "
    params = {"actor": actor, "at": at, "ids": ids, **_area_params(area)}
    return query + "RETURN props ORDER BY props.id", params


def meetings_query(
    *,
    types: list[str] | None,
    area: str | None,
    attendee: str | None,
    start: date | None,
    end: date | None,
    ids: list[str] | None,
) -> Query:
    """The query reading meetings (``props``) of type codes ``types``, held in or attended from
    ``area``, attended by ``attendee``, with ``start <= date < end`` and ``ids``, by (date, id)."""
    where: list[str] = []
    if attendee is not None:
        match = f"MATCH (:Actor {{id: $attendee}})-[:{ATTENDED}]->(m:Meeting)"
        if area is not None:
            where.append(
                f"({_in_area('m.village')} OR EXISTS {{ MATCH (a:Actor)-[:{ATTENDED}]->(m) "
                f"WHERE {_in_area('a.area_code')} }})"
            )
    elif area is not None:
        match = (
            f"CALL () {{ MATCH (m:Meeting) WHERE {_in_area('m.village')} RETURN m UNION "
            f"MATCH (a:Actor)-[:{ATTENDED}]->(m:Meeting) WHERE {_in_area('a.area_code')} RETURN m }}"
        )
    else:
        match = "MATCH (m:Meeting)"
    for value, condition in (
        (types, "m.type IN $types"), (start, "m.date >= $start"), (end, "m.date < $end"), (ids, "m.id IN $ids")
    ):
        if value is not None:
            where.append(condition)
    params = {"types": types, "attendee": attendee, "start": start, "end": end, "ids": ids, **_area_params(area)}
    return f"{match} WITH m{_where(where)} RETURN properties(m) AS props ORDER BY m.date, m.id", params
