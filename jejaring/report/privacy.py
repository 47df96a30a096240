"""The network as a report may show it: people's names and contact details left out.

Personal data (UU 27/2022) in the model is of two sorts: the fields marked personal
(:func:`~jejaring.model.personal_fields`: phone, e-mail, contact person) and the names of
people, that is of the village heads. :func:`public_network` drops the first, shows each kades
by office, "Kades <village>", and masks those values where the free-text notes of actors
mention them; so every analysis run on the result, every figure drawn from it and every note
the report prints names no one.

>>> from jejaring.model import Village, VillageHead
>>> desa = Village(code="18.02.02.2005", name="Bangun Rejo", notes="Hubungi Pak Budi, 0812-3456-789.")
>>> budi = VillageHead(id="kades-br", name="Budi", village=desa.id, phone="0812 3456 789")
>>> shown = public_network(Network([desa, budi]), lang="id")
>>> shown.actors["kades-br"].name, shown.actors["kades-br"].phone
('Kades Bangun Rejo', None)
>>> shown.actors[desa.id].notes
'Hubungi Pak [data pribadi], [data pribadi].'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from jejaring.i18n import t
from jejaring.model import Actor, VillageHead, personal_fields, strip_personal
from jejaring.network import Network

__all__ = ["MIN_NAME", "kades_title", "personal_values", "mentions", "public_actor", "public_network"]

MIN_NAME = 3
"""Names shorter than this are not looked for in notes (they would match ordinary words)."""


def kades_title(village: str, *, lang: str | None = None) -> str:
    """A kades named by office: ``Kades Bangun Rejo``."""
    return t("report.kades_title", lang=lang, village=village)


def personal_values(actors: Iterable[Actor]) -> set[str]:
    """Every personal value recorded on ``actors``: kades names and the personal fields' values."""
    found = set()
    for actor in actors:
        if isinstance(actor, VillageHead):
            found.add(actor.name)
        found.update(getattr(actor, f) for f in personal_fields(type(actor)) if getattr(actor, f))
    return found


def _phone(value: str) -> str | None:
    """A pattern for a phone number written with any spacing, ``0`` or ``+62`` in front."""
    digits = re.sub(r"\D", "", value)
    if len(digits) < 6:
        return None
    national = digits[2:] if value.strip().startswith("+62") else digits.removeprefix("0")
    body = r"[\s().\-]*".join(national)
    return rf"(?<!\d)(?:\+62|0)?[\s().\-]*{body}(?!\d)"


def mentions(values: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern finding ``values`` in free text: names as whole words (any case), phone numbers
    however spaced, e-mail addresses; ``None`` when there is nothing to look for.

    >>> mentions(["Siti Aminah", "+62 812-1111-2222"]).sub("…", "Bu siti aminah (0812 1111 2222)")
    'Bu … (…)'
    """
    parts = []
    for value in sorted(set(values), key=len, reverse=True):
        phone = _phone(value) if re.fullmatch(r"\+?[0-9][0-9 ()\-]*", value) else None
        if phone:
            parts.append(phone)
        elif len(value.strip()) >= MIN_NAME:
            parts.append(rf"(?<!\w){re.escape(value.strip())}(?!\w)")
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def public_actor(actor: Actor, net: Network, *, lang: str | None = None,
                 pattern: re.Pattern[str] | None = None) -> Actor:
    """``actor`` without its personal fields, a kades named by office after its village, and
    ``pattern``'s matches in its notes masked."""
    shown = strip_personal(actor)
    update = {}
    if isinstance(shown, VillageHead):
        update["name"] = kades_title(_village_name(net, shown.village), lang=lang)
    if pattern is not None and shown.notes:
        update["notes"] = pattern.sub(t("report.masked", lang=lang), shown.notes)
    return shown.model_copy(update=update) if update else shown


def _village_name(net: Network, code: str) -> str:
    """A village's name from the view, else from the Kemendagri list, else its code."""
    if code in net.actors:
        return net.name(code)
    from jejaring.gazetteer import gazetteer

    area = gazetteer().get(code)
    return area.name if area else code


def _public(net: Network, lang: str | None, pattern: re.Pattern[str] | None, base: Network | None) -> Network:
    actors = [public_actor(a, net, lang=lang, pattern=pattern) for a in net.actors.values()]
    return Network(actors, net.ties, net.meetings, area=net.area, start=net.start, end=net.end, base=base)


def public_network(net: Network, *, lang: str | None = None) -> Network:
    """The same view (area, period, ties, meetings) with every actor passed through
    :func:`public_actor`, masking the personal values of the whole store loaded; the undated
    view it came from is made public too."""
    whole = net.undated()
    pattern = mentions(personal_values(whole.actors.values()))
    base = _public(whole, lang, pattern, None)
    return base if whole is net else _public(net, lang, pattern, base)
