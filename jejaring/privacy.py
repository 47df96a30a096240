"""Forgetting a person on request (UU 27/2022, Pelindungan Data Pribadi): find everything a
store holds about them, then remove it for good.

A person is a village head (kades) or the contact person of an institution or organisation,
named by an actor id, a name, a phone number or an e-mail address. "Everywhere" means:

- the kades's own record: the name becomes :data:`PLACEHOLDER` (a kades's name is public-role
  data, but is removed when asked); phone, e-mail and notes are removed;
- contact details: every institution or organisation whose contact person has that name,
  phone number or e-mail address loses its contact person, phone and e-mail;
- mentions: the name (three letters or more, as a whole word), phone number (any spacing,
  ``0`` or ``+62`` in front) and e-mail address are replaced by :data:`PLACEHOLDER` in the
  free text of every record: notes of actors, ties and meetings, meeting titles, document
  numbers;
- the store's files: :meth:`~jejaring.store.sqlite.SqliteStore.forget` rewrites the SQLite
  file and empties its log, so no old copy survives in free pages or the write-ahead log.

Ids, terms of office, ties and meetings stay: the network keeps its shape. A note of the
forgetting, with the date and the fields but never the values, is kept as the setting
``forgotten:<actor id>``; imports refuse to bring those values back (:func:`forgotten`).

>>> from jejaring.model import parse_actor
>>> from jejaring.store import Batch
>>> kades = parse_actor({"kind": "kades", "id": "kades-1", "name": "Sutrisno",
...                      "village": "18.02.02.2005", "phone": "0812 3456 7890"})
>>> bpd = parse_actor({"kind": "lembaga", "id": "bpd-1", "name": "BPD Bangun Rejo", "type": "BPD",
...                    "village": "18.02.02.2005", "notes": "Hubungi Pak Sutrisno: 0812-3456-7890"})
>>> plan = erasure_plan(Batch(actors=[kades, bpd]), "sutrisno", on=date(2024, 5, 1))
>>> [(e.record_id, e.fields, e.reason) for e in plan.erasures]
[('kades-1', ('name', 'phone'), 'person'), ('bpd-1', ('notes',), 'mention')]
>>> plan.batch.actors[1].notes
'Hubungi Pak (dihapus atas permintaan): (dihapus atas permintaan)'
>>> plan.settings
{'forgotten:kades-1': '{"on": "2024-05-01", "fields": ["name", "phone", "email"]}'}
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel

from jejaring.errors import JejaringError
from jejaring.model import Meeting, Tie, VillageHead, personal_fields
from jejaring.store.base import RECORD_TYPES, Batch, Changes, RecordType, Store
from jejaring.vocab import ActorKind, normalize_label

__all__ = ["PLACEHOLDER", "MARK", "Erasure", "ErasurePlan", "Forgotten", "erasure_plan", "forget", "forgotten", "all_forgotten"]

PLACEHOLDER = "(dihapus atas permintaan)"
"""What a forgotten name or mention becomes; stored data, so the same in every language."""

MARK = "forgotten:"
"""Prefix of the setting that notes a forgetting: ``forgotten:<actor id>``."""

Reason = Literal["person", "contact", "mention"]

_PERSON_FIELDS = ("name", "phone", "email")  # a kades's own data, kept from coming back
_FREE_TEXT: dict[RecordType, tuple[str, ...]] = {
    "actors": ("notes",),
    "ties": ("document_ref", "notes"),
    "meetings": ("title", "notes"),
}
_SHORTEST_NAME = 3  # shorter names are not searched for in free text: too many false hits
_PHONE_GAP = r"[\s\-().]*"


@dataclass(frozen=True)
class Erasure:
    """One record that changes: which fields lose their value, and why (``person``: the
    person's own record; ``contact``: contact details; ``mention``: free text naming them).

    ``name`` is how the record was shown before: an actor's name, a meeting's title, or the id.
    """

    record_type: RecordType
    record_id: str
    name: str
    fields: tuple[str, ...]
    reason: Reason


@dataclass(frozen=True)
class ErasurePlan:
    """What forgetting ``person`` changes: the erasures, the records as they will be, the day."""

    person: str
    erasures: tuple[Erasure, ...]
    batch: Batch
    on: date

    @property
    def settings(self) -> dict[str, str]:
        """The notes of the forgetting, one per person or contact record, without any values."""
        return {
            MARK + e.record_id: json.dumps({"on": self.on.isoformat(), "fields": _guarded(e)})
            for e in self.erasures
            if e.reason != "mention"
        }


@dataclass(frozen=True)
class Forgotten:
    """The note of a forgetting: the day, and the fields that must stay empty (a kades's
    name must stay :data:`PLACEHOLDER`)."""

    on: date
    fields: tuple[str, ...] = field(default=())


def _guarded(erasure: Erasure) -> list[str]:
    fields = _PERSON_FIELDS if erasure.reason == "person" else ("contact_person", "phone", "email")
    return list(fields)


def forgotten(store: Store, actor_id: str) -> Forgotten | None:
    """The note of the forgetting of ``actor_id``'s personal data, or ``None``."""
    note = store.setting(MARK + actor_id)
    return None if note is None else _note(note)


def all_forgotten(store: Store) -> dict[str, Forgotten]:
    """The notes of every forgetting in ``store``, by actor id, read at once."""
    return {key.removeprefix(MARK): _note(note) for key, note in store.settings(MARK).items()}


def _note(text: str) -> Forgotten:
    data = json.loads(text)
    return Forgotten(date.fromisoformat(data["on"]), tuple(data["fields"]))


def erasure_plan(source: Store | Batch, person: str, *, on: date | None = None) -> ErasurePlan:
    """Find everything ``source`` holds about ``person`` (an actor id, a name, a phone number
    or an e-mail address) and the records as they will be once it is removed; nothing is
    written.

    Raises ``privacy.not_a_person`` for a village and ``privacy.no_person`` when nobody matches.
    """
    batch = source if isinstance(source, Batch) else Batch(source.actors(), source.ties(), source.meetings())
    people = _people(batch, person)
    names = {normalize_label(n) for a in people if (n := _person_name(a))}
    phones = {_digits(a.phone) for a in people if getattr(a, "phone", None)}
    emails = {a.email.casefold() for a in people if getattr(a, "email", None)}
    people += [a for a in batch.actors if a not in people and _same_person(a, names, phones, emails)]
    pattern = _mentions({n for a in people if (n := _person_name(a))}, phones, emails)
    chosen = {a.id for a in people}
    erasures: list[Erasure] = []
    changed = Batch()
    for record_type in RECORD_TYPES:
        for record in getattr(batch, record_type):
            update: dict[str, Any] = {}
            reason: Reason = "mention"
            if record_type == "actors" and record.id in chosen:
                reason = "person" if isinstance(record, VillageHead) else "contact"
                update = dict.fromkeys(personal_fields(type(record)))
                if reason == "person":
                    update.update(name=PLACEHOLDER, notes=None)
            for name in _FREE_TEXT[record_type]:
                text = getattr(record, name)
                if name not in update and text and pattern is not None and pattern.search(text):
                    update[name] = pattern.sub(PLACEHOLDER, text)
            fields = tuple(f for f in type(record).model_fields if f in update and getattr(record, f) != update[f])
            if not fields:
                continue
            getattr(changed, record_type).append(type(record).model_validate(record.model_dump() | update))
            erasures.append(Erasure(record_type, record.id, _shown(record), fields, reason))
    return ErasurePlan(person.strip(), tuple(erasures), changed, on or date.today())


def forget(store: Store, plan: ErasurePlan) -> Changes:
    """Carry out ``plan`` on ``store``: overwrite the records and note the forgetting in one
    transaction, then purge old copies from the store's files (see the store's ``forget``)."""
    return store.forget(plan.batch, settings=plan.settings)


def _people(batch: Batch, person: str) -> list[Any]:
    """The kades and contact records ``person`` names directly."""
    text = person.strip()
    by_id = next((a for a in batch.actors if a.id == text), None)
    if by_id is not None:
        if by_id.kind is ActorKind.VILLAGE:
            raise JejaringError("privacy.not_a_person", text=text)
        return [by_id]
    folded, digits = normalize_label(text), _digits(text)
    found = [
        a
        for a in batch.actors
        if _same_person(a, {folded} if folded else set(), {digits} if len(digits) >= 6 else set(), {text.casefold()})
    ]
    if not found:
        raise JejaringError("privacy.no_person", text=text)
    return found


def _person_name(actor: Any) -> str | None:
    name = actor.name if isinstance(actor, VillageHead) else getattr(actor, "contact_person", None)
    return None if name == PLACEHOLDER else name


def _same_person(actor: Any, names: set[str], phones: set[str], emails: set[str]) -> bool:
    """True when the kades, or the contact of ``actor``, has one of the names, phones or e-mails."""
    if actor.kind is ActorKind.VILLAGE:
        return False
    name = _person_name(actor)
    phone, email = getattr(actor, "phone", None), getattr(actor, "email", None)
    return bool(
        (name and normalize_label(name) in names)
        or (phone and _digits(phone) in phones)
        or (email and email.casefold() in emails)
    )


def _digits(phone: str) -> str:
    """A phone number's digits after the country code or trunk zero: ``0812..`` = ``+62 812..``.

    >>> _digits("+62 812-3456-7890") == _digits("0812 3456 7890") == "81234567890"
    True
    """
    digits = re.sub(r"\D", "", phone)
    return digits[2:] if digits.startswith("62") else digits.removeprefix("0")


def _mentions(names: set[str], phones: set[str], emails: set[str]) -> re.Pattern[str] | None:
    """One pattern finding any of the names (whole words), phone numbers or e-mail addresses."""
    parts = [r"\s+".join(map(re.escape, n.split())) for n in names if len(n.strip()) >= _SHORTEST_NAME]
    parts = [rf"(?<!\w){part}(?!\w)" for part in parts]
    parts += [rf"(?<!\d)(?:\+?62|0)?{_PHONE_GAP}{_PHONE_GAP.join(p)}(?!\d)" for p in phones if p]
    parts += [re.escape(e) for e in emails]
    return re.compile("|".join(sorted(parts, key=len, reverse=True)), re.IGNORECASE) if parts else None


def _shown(record: BaseModel) -> str:
    if isinstance(record, Tie):
        return record.id
    if isinstance(record, Meeting):
        return record.title or record.id
    return str(getattr(record, "name", ""))
