"""Import spreadsheets: validate every row, check the records against each other, the store
and the official gazetteer, then write all of them in one transaction or nothing at all.

Every problem is reported, not only the first, as ``file:row:column: message`` in the
user's language (see :class:`~jejaring.io.problems.ImportFailed`).

Ids are case-sensitive, but two actor or meeting ids that differ only in capital letters
(in one import, or one in the import and one in the workspace) are refused as the typing
slip they almost always are; a reference spelled with other capitals names the right id.
Personal data removed on request (:mod:`jejaring.privacy`) cannot be imported again.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "desa.csv"
>>> _ = path.write_text("kode;nama\\n18.02.02.2005;Bangun Rejo\\n18.02.02.2007;\\n", "utf-8")
>>> batch, origins = read_batch([path])
>>> [(v.id, v.name) for v in batch.actors], origins.actors[1].row
([('18.02.02.2005', 'Bangun Rejo'), ('18.02.02.2007', 'Sido Mulyo')], 3)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from pydantic import BaseModel, ValidationError

from jejaring.bulk import paused_collection
from jejaring.gazetteer import Area
from jejaring.i18n import current_lang, t
from jejaring.io.columns import Layout, header_of, read_layout
from jejaring.io.problems import ImportFailed, Located
from jejaring.io.tables import read_tables
from jejaring.model import Meeting, Tie, Village, VillageHead, parse_actor, personal_fields
from jejaring.store.base import Batch, Changes, RecordType, Store
from jejaring.vocab import VOCABULARIES, ActorKind, TieKind, normalize_label

__all__ = [
    "Places",
    "Origin",
    "Origins",
    "read_batch",
    "check_batch",
    "import_files",
    "ImportFailed",
    "Step",
]

_SHOWN_CHOICES = 8
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_VOCABULARY = {vocab.__name__: vocab for vocab in VOCABULARIES}
_KIND_TAGS = frozenset(kind.value for kind in ActorKind)
_SAME_MESSAGE = {"too_long": "string_too_long"}  # pydantic's name for a text too long after cleaning
Step = Callable[[str, str, int], None]
"""``on_step(step, table, count)``: a table of ``count`` rows ``read``, then its rows checked
(``rows``: ``count`` of them so far, every :data:`ROWS_STEP` and at its end), then ``check``
and ``write`` ``count`` records (``table`` empty), each announced as it starts."""
ROWS_STEP = 5_000
_PARSERS: dict[RecordType, Callable[[dict[str, Any]], BaseModel]] = {
    "actors": parse_actor,
    "ties": Tie.model_validate,
    "meetings": Meeting.model_validate,
}


class Places(Protocol):
    """What the import needs of a gazetteer (:func:`jejaring.gazetteer.gazetteer` by default)."""

    def get(self, code: str) -> Area | None: ...

    def describe(self, code: str) -> str: ...


class Origin(NamedTuple):
    """Where a record came from: file, row, and the header as written of each of its fields.
    (A named tuple: a country's import makes millions of them.)"""

    file: str
    row: int
    record_type: RecordType
    columns: Mapping[str, str]

    def column(self, field_name: str) -> str:
        """The header of ``field_name`` as written, else its template header."""
        return self.columns.get(field_name) or header_of(self.record_type, field_name)

    def locate(self, field_name: str, key: str, **params: Any) -> Located:
        """A problem with this record's ``field_name``, explained by catalogue ``key``."""
        return Located(self.file, self.row, self.column(field_name), (key,), params)


@dataclass
class Origins:
    """The :class:`Origin` of every record of a batch, in the same order as its lists."""

    actors: list[Origin] = field(default_factory=list)
    ties: list[Origin] = field(default_factory=list)
    meetings: list[Origin] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def sort(self, problems: Iterable[Located]) -> list[Located]:
        """``problems`` in file order (as read), then by row."""
        order = {name: index for index, name in enumerate(self.files)}
        return sorted(problems, key=lambda p: (order.get(p.file, len(order)), p.row))


def _official() -> Places:
    from jejaring.gazetteer import gazetteer

    return gazetteer()


def read_batch(
    paths: Iterable[str | Path], *, gazetteer: Places | None = None, on_step: Step | None = None
) -> tuple[Batch, Origins]:
    """Read and validate the rows of every table in ``paths``.

    A village row without a name gets its official one. Raises :class:`ImportFailed` with
    every problem found; unreadable files raise :class:`~jejaring.errors.JejaringError`.
    ``on_step`` hears of each table read and of its rows checked (see :data:`Step`).
    """
    places = gazetteer or _official()
    batch, origins, problems = Batch(), Origins(), []
    for path in map(Path, paths):
        tables = read_tables(path)
        layouts = [(table, read_layout(table)) for table in tables]
        if all(layout is None for _, layout in layouts):
            first = tables[0]
            problems.append(Located(first.name, first.header_row, first.header[0], ("import.unknown_table",)))
        for table, layout in layouts:
            origins.files.append(table.name)
            if layout is None:
                continue
            problems += table.problems + layout.problems
            if layout.problems:
                continue
            if on_step is not None:
                on_step("read", table.name, len(table.rows))
            for done, (row, cells) in enumerate(table.rows, start=1):
                data, columns = _row_data(layout, cells, places)
                origin = Origin(table.name, row, layout.record_type, columns)
                try:
                    record = _PARSERS[layout.record_type](data)
                except ValidationError as exc:
                    problems += [_explain(origin, error, data) for error in exc.errors()]
                else:
                    getattr(batch, layout.record_type).append(record)
                    getattr(origins, layout.record_type).append(origin)
                if on_step is not None and (done % ROWS_STEP == 0 or done == len(table.rows)):
                    on_step("rows", table.name, done)
    if problems:
        raise ImportFailed(origins.sort(problems))
    return batch, origins


def _row_data(layout: Layout, cells: Mapping[str, str], places: Places) -> tuple[dict[str, Any], dict[str, str]]:
    """The row as field -> value, with the header of each field.

    In an actors table ``code`` and ``village`` stand in for each other: a village's code may
    sit in the village column and a kades's village in the code column; a village's id and
    code are one value, reported at the column that holds it. A table without a kind column
    lists villages.
    """
    data = _without_blanks(cells, layout.fields)
    columns = layout.columns
    if layout.record_type != "actors":
        return data, columns
    columns = dict(columns)
    data.setdefault("kind", ActorKind.VILLAGE.value)
    try:
        kind = ActorKind.parse(data["kind"])
    except ValueError:
        return data, columns
    wanted, other = ("code", "village") if kind is ActorKind.VILLAGE else ("village", "code")
    in_a_village = kind in (ActorKind.VILLAGE, ActorKind.VILLAGE_HEAD, ActorKind.INSTITUTION)
    if in_a_village and not _filled(data.get(wanted)) and _filled(data.get(other)):
        data[wanted], columns[wanted] = data.pop(other), columns.pop(other)
    if kind is not ActorKind.VILLAGE:
        return data, columns
    for blank, given in (("code", "id"), ("id", "code")):  # the model copies one to the other
        if not _filled(data.get(blank)) and _filled(data.get(given)):
            columns[blank] = columns[given]
    if not _filled(data.get("name")):
        area = places.get(str(data.get("code") or data.get("id") or "").strip())
        if area is not None and area.level == "village":
            data["name"] = area.name
    return data, columns


def _without_blanks(cells: Mapping[str, str], fields: Mapping[str, str]) -> dict[str, Any]:
    """The filled cells as field -> value; blank cells are left out, as the model takes them
    as absent anyway: a wide table (every kind's columns) then costs no more to validate
    than a narrow one.

    >>> _without_blanks({"kode": "18.02", "nama": " ", "x": "1"}, {"kode": "code", "nama": "name"})
    {'code': '18.02'}
    """
    return {
        fields[header]: value for header, value in cells.items() if value and not value.isspace() and header in fields
    }


def _filled(value: Any) -> bool:
    return value is not None and bool(str(value).strip())


def _explain(origin: Origin, error: Any, data: Mapping[str, Any]) -> Located:
    """Turn one pydantic error into a located, translatable problem."""
    kind = error["type"]
    loc = list(error["loc"])
    if origin.record_type == "actors" and loc and loc[0] in _KIND_TAGS:
        loc.pop(0)
    ctx = error.get("ctx") or {}
    name = next((part for part in loc if isinstance(part, str)), None) or ctx.get("field")
    params = {key: _shown(value) for key, value in ctx.items()}
    if not isinstance(error.get("input"), dict | list):
        params.setdefault("value", _short(error.get("input")))
    if kind == "unknown_kind":
        name, params["value"], ctx = "kind", _short(data.get("kind")), {"vocabulary": ActorKind.__name__}
        if not params["value"]:
            kind = "missing"
    name = name or "id"
    params["column"] = origin.column(name)
    params["kind"] = _kind_label(data.get("kind"))
    if "vocabulary" in ctx:
        params["allowed"] = _choices(ctx["vocabulary"])
    keys = [f"model.{kind}"]
    if kind in _SAME_MESSAGE:
        keys.append(f"model.{_SAME_MESSAGE[kind]}")
    if kind == "string_pattern_mismatch":
        keys.insert(0, f"model.string_pattern_mismatch.{name}")
    if kind == "missing" and name not in origin.columns:
        keys.insert(0, "import.missing_column_value")
    return Located(origin.file, origin.row, params["column"], tuple(keys), params, error["msg"])


def _short(value: Any, limit: int = 60) -> str:
    text = "" if value is None else str(value).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _kind_label(value: Any) -> str:
    try:
        return ActorKind.parse(str(value)).label(current_lang())
    except ValueError:
        return ""


def _choices(vocabulary: str) -> str:
    """The first labels of ``vocabulary`` in the current language, and how many more there are."""
    labels = [member.label(current_lang()) for member in _VOCABULARY[vocabulary]]
    shown = ", ".join(labels[:_SHOWN_CHOICES])
    if len(labels) <= _SHOWN_CHOICES:
        return shown
    return t("model.allowed_more", shown=shown, count=len(labels) - _SHOWN_CHOICES)


def _shown(value: Any) -> str:
    """A message parameter as text; real ISO dates as dd/mm/yyyy, the way offices write them.

    >>> _shown("2024-02-05"), _shown("2024-13-01")
    ('05/02/2024', '2024-13-01')
    """
    text = str(value)
    if not _ISO_DATE.fullmatch(text):
        return text
    try:
        return date.fromisoformat(text).strftime("%d/%m/%Y")
    except ValueError:
        return text


def check_batch(batch: Batch, origins: Origins, store: Store, *, gazetteer: Places | None = None) -> list[Located]:
    """Problems between records: ids used twice, villages missing from the Kemendagri list
    or named differently there, references to actors or villages that neither the batch
    nor the store holds, ids differing only in capitals, a kades leading a kelurahan, and
    personal data that was removed on request."""
    places = gazetteer or _official()
    problems = _duplicates(batch, origins)
    stored_actors = store.ids("actors")
    problems += _case_clashes(batch.actors, origins.actors, stored_actors)
    if batch.meetings:
        problems += _case_clashes(batch.meetings, origins.meetings, store.ids("meetings"))
    problems += _forgotten_data(batch, origins, store)
    spelled = {key.casefold(): key for key in stored_actors}
    spelled.update((actor.id.casefold(), actor.id) for actor in batch.actors)
    actors = {actor.id: actor for actor in batch.actors}
    wanted = {actor.village for actor in batch.actors if hasattr(actor, "village")}
    wanted |= {end for tie in batch.ties for end in (tie.source, tie.target)}
    wanted |= {ref for m in batch.meetings for ref in (m.host, m.village, *m.attendees) if ref}
    missing = sorted(wanted - actors.keys())
    if missing:
        actors.update({actor.id: actor for actor in store.actors(ids=missing)})
    for actor, origin in zip(batch.actors, origins.actors, strict=True):
        if isinstance(actor, Village):
            problems += _check_village(actor, origin, places)
        elif hasattr(actor, "village"):
            problems += _check_village_ref(actor.village, "village", origin, actors, places)
    for tie, origin in zip(batch.ties, origins.ties, strict=True):
        ends = (("source", tie.source), ("target", tie.target))
        problems += [_unknown(origin, end, ref, spelled) for end, ref in ends if ref not in actors]
        source, target = actors.get(tie.source), actors.get(tie.target)
        if (
            tie.kind is TieKind.LEADERSHIP
            and isinstance(source, VillageHead)
            and isinstance(target, Village)
            and target.is_kelurahan
        ):
            problems.append(origin.locate("target", "import.kades_leads_kelurahan", village=target.id, name=target.name))
    for meeting, origin in zip(batch.meetings, origins.meetings, strict=True):
        refs = [("host", meeting.host)] if meeting.host else []
        refs += [("attendees", ref) for ref in meeting.attendees]
        problems += [_unknown(origin, name, ref, spelled) for name, ref in refs if ref not in actors]
        if meeting.village:
            problems += _check_village_ref(meeting.village, "village", origin, actors, places)
    return origins.sort(problems)


def _duplicates(batch: Batch, origins: Origins) -> list[Located]:
    problems = []
    for record_type in ("actors", "ties", "meetings"):
        seen: dict[str, Origin] = {}
        for record, origin in zip(getattr(batch, record_type), getattr(origins, record_type), strict=True):
            first = seen.setdefault(record.id, origin)
            if first is origin:
                continue
            for here, there in ((first, origin), (origin, first)):
                problems.append(
                    here.locate("id", "import.duplicate_id", id=record.id, other_row=there.row, other_file=there.file)
                )
    return problems


def _unknown(origin: Origin, field_name: str, ref: str, spelled: Mapping[str, str]) -> Located:
    """A reference to an unknown actor; when an id differs only in capitals, it is named."""
    other = spelled.get(ref.casefold())
    if other is not None:
        return origin.locate(field_name, "import.unknown_actor_case", id=ref, other=other)
    return origin.locate(field_name, "import.unknown_actor", id=ref)


def _case_clashes(records: Iterable[Any], origins: Iterable[Origin], stored_ids: Iterable[str]) -> list[Located]:
    """Ids that differ only in capitals from another of the same records, or from a stored one."""
    problems = []
    stored = {key.casefold(): key for key in stored_ids}
    first: dict[str, tuple[str, Origin]] = {}
    for record, origin in zip(records, origins, strict=True):
        folded = record.id.casefold()
        other, there = first.setdefault(folded, (record.id, origin))
        if other != record.id:
            problems.append(_case_clash(origin, record.id, there, other))
            problems.append(_case_clash(there, other, origin, record.id))
        if stored.get(folded, record.id) != record.id:
            problems.append(origin.locate("id", "import.id_case_stored", id=record.id, other=stored[folded]))
    return problems


def _case_clash(here: Origin, key: str, there: Origin, other: str) -> Located:
    return here.locate("id", "import.id_case", id=key, other=other, other_row=there.row, other_file=there.file)


def _forgotten_data(batch: Batch, origins: Origins, store: Store) -> list[Located]:
    """Cells that would bring back personal data removed on request."""
    from jejaring.privacy import PLACEHOLDER, all_forgotten

    problems = []
    notes = all_forgotten(store)  # one read: a country's import names some 75,000 kades
    for actor, origin in zip(batch.actors, origins.actors, strict=True):
        personal = [name for name in personal_fields(type(actor)) if getattr(actor, name) is not None]
        if not personal and not isinstance(actor, VillageHead):
            continue
        note = notes.get(actor.id)
        if note is None:
            continue
        day = _shown(note.on.isoformat())
        for name in note.fields:
            if name == "name" and actor.name != PLACEHOLDER:
                params = {"id": actor.id, "date": day, "placeholder": PLACEHOLDER}
                problems.append(origin.locate(name, "import.forgotten_name", **params))
            elif name in personal:
                problems.append(origin.locate(name, "import.forgotten_value", id=actor.id, date=day))
    return problems


def _check_village(village: Village, origin: Origin, places: Places) -> list[Located]:
    area = places.get(village.code)
    if area is None or area.level != "village":
        return [origin.locate("code", "import.not_official", code=village.code)]
    if _plain_name(village.name) != _plain_name(area.name):
        return [origin.locate("name", "import.village_name", name=village.name, official=area.name, code=village.code)]
    return []


def _plain_name(name: str) -> str:
    """A village name without case, spaces or a leading ``Desa``/``Kelurahan``."""
    folded = normalize_label(name)
    for word in ("desa", "kelurahan"):
        if folded.startswith(word) and normalize_label(name.split(maxsplit=1)[0]) == word:
            return folded[len(word) :]
    return folded


def _check_village_ref(
    code: str, field_name: str, origin: Origin, actors: Mapping[str, Any], places: Places
) -> list[Located]:
    if isinstance(actors.get(code), Village):
        return []
    area = places.get(code)
    if area is None or area.level != "village":
        return [origin.locate(field_name, "import.not_official", code=code)]
    return [origin.locate(field_name, "import.unknown_village", code=code, place=places.describe(code))]


def import_files(
    store: Store, paths: Iterable[str | Path], *, gazetteer: Places | None = None, on_step: Step | None = None
) -> Changes:
    """Import the tables of ``paths`` into ``store`` in one transaction.

    Upserts by id, so importing the same files again changes nothing. On any problem raises
    :class:`ImportFailed` listing all of them, and writes nothing. ``on_step`` hears of each
    table read and of the check and the write starting (see :data:`Step`).
    """
    places = gazetteer or _official()
    with paused_collection():
        batch, origins = read_batch(paths, gazetteer=places, on_step=on_step)
        if on_step is not None:
            on_step("check", "", len(batch))
        problems = check_batch(batch, origins, store, gazetteer=places)
        if problems:
            raise ImportFailed(problems)
        if on_step is not None:
            on_step("write", "", len(batch))
        return store.write(batch)
