"""The sections of the kecamatan report, written from the analyses into a :class:`Document`.

:func:`build` runs the analyses once on the view (made public first, see
:mod:`jejaring.report.privacy`, unless contacts are asked for) and writes, in one language:

1. ``ringkasan`` the summary: scope, date and quarter, counts, gaps by severity, key findings;
2. ``jejaring`` the network map and the actors that bridge most;
3. ``kesenjangan`` the gap report: the coverage heatmap, then the gaps by type, reasons and actions;
4. ``koordinasi`` quarterly coordination: a table per village and the quarters chart;
5. ``saran`` partner suggestions for the villages with the most severe gaps;
6. ``rencana`` the partnership plan, step by step, and its totals;
7. ``desa`` the villages' profiles; and ``kontak``, people's contacts, only when asked for.

The key findings are in :mod:`jejaring.report.findings`.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from jejaring.analysis.coordination import CoordinationReport, coordination
from jejaring.analysis.gap_types import GapReport, GapType, Severity
from jejaring.analysis.gaps import gaps
from jejaring.analysis.plan import Plan, Term, plan
from jejaring.analysis.recommend import suggest
from jejaring.analysis.structure import Structure, structure
from jejaring.i18n import t, use_lang
from jejaring.model import Actor, Village, personal_fields
from jejaring.network import ActorRef, Network
from jejaring.periods import Quarter
from jejaring.report.document import (
    Block,
    Bullets,
    Document,
    Entries,
    Entry,
    Facts,
    Figure,
    Heading,
    Level,
    Paragraph,
    Section,
    Table,
)
from jejaring.report.findings import findings, names, number
from jejaring.report.privacy import public_actor, public_network
from jejaring.vocab import ActorKind, MeetingType

__all__ = ["SECTIONS", "KEY_ACTORS", "DPI", "build", "worst_villages"]

SECTIONS: tuple[str, ...] = ("ringkasan", "jejaring", "kesenjangan", "koordinasi", "saran", "rencana", "desa")
"""The ids of the report's sections, in order (``kontak`` follows when contacts are included)."""

KEY_ACTORS = 5
"""How many actors the network section lists as bridging most."""

DPI = 150
"""The resolution figures are embedded at."""


def _png(fig: Any) -> bytes:
    """A matplotlib figure as PNG bytes, reduced to a palette of 256 colours: a quarter of the
    size, no visible loss on flat-coloured charts (Pillow comes with matplotlib)."""
    from PIL import Image

    drawn = io.BytesIO()
    fig.savefig(drawn, format="png", dpi=DPI, bbox_inches="tight", facecolor="white")
    image = Image.open(drawn).convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _kind(actor: Actor | None, kind: ActorKind, lang: str) -> str:
    """An actor's kind in words; a village as a desa or a kelurahan."""
    if isinstance(actor, Village):
        return t("report.kelurahan" if actor.is_kelurahan else "report.desa", lang=lang)
    return kind.label(lang)


def worst_villages(report: GapReport, count: int) -> list[tuple[ActorRef, dict[Severity, int]]]:
    """The ``count`` villages with the most severe gaps: most high, then medium, then low; then by name.

    >>> from jejaring.analysis.gap_types import CoverageMatrix, Gap, Message
    >>> a, b = ActorRef("18.02.02.2001", "A"), ActorRef("18.02.02.2002", "B")
    >>> gap = lambda v, s: Gap(GapType.COVERAGE, s, v, (), Message("gaps.reason.no_bpd", {"village": v.name}))
    >>> report = GapReport(None, None, None, None, None, (gap(a, Severity.LOW), gap(a, Severity.LOW),
    ...                    gap(b, Severity.MEDIUM)), CoverageMatrix((), (), ()))
    >>> [v.name for v, _ in worst_villages(report, 2)]
    ['B', 'A']
    """
    counts: dict[ActorRef, dict[Severity, int]] = {}
    for gap in report.gaps:
        if gap.village is not None:
            counts.setdefault(gap.village, dict.fromkeys(Severity, 0))[gap.severity] += 1
    ranked = sorted(counts.items(), key=lambda item: (*(-item[1][s] for s in Severity), item[0].name, item[0].id))
    return ranked[:count]


# 1. Summary --------------------------------------------------------------------------------


def _summary(net: Network, report: GapReport, quarter_note: str, found: list[str], contacts: bool,
             lang: str) -> Section:
    whole = net.undated()
    severity = {s: sum(row[s] for row in report.counts().values()) for s in Severity}
    facts: list[tuple[str, str, Level]] = [
        (t("report.fact.villages", lang=lang), str(len(report.coverage.villages)), "info"),
        (t("report.fact.actors", lang=lang), str(len(net.actors)), "info"),
        (t("report.fact.ties", lang=lang), str(len(net.ties)), "info"),
        (t("report.fact.meetings", lang=lang), str(len(whole.meetings)), "info"),
    ]
    if report.quarter is not None:
        held = sum(report.quarter.start <= m.date < report.quarter.end for m in whole.meetings)
        facts.append((t("report.fact.meetings_in", lang=lang, quarter=report.quarter.label(lang)), str(held), "info"))
    facts += [(t("report.fact.gaps", lang=lang, severity=s.label(lang)), str(severity[s]), s.value) for s in Severity]
    blocks: list[Block] = [
        Paragraph(t("report.summary.scope", lang=lang, area=report.scope(lang), period=report.period(lang))),
        Paragraph(quarter_note),
        Facts(tuple(facts)),
        Heading(t("report.summary.findings", lang=lang)),
        Bullets(tuple(found)),
        Paragraph(t("report.privacy_included" if contacts else "report.privacy", lang=lang), note=True),
    ]
    return Section("ringkasan", t("report.summary.title", lang=lang), tuple(blocks))


def _quarter_note(report: GapReport, lang: str) -> str:
    if report.quarter is None:
        return t("report.quarter.none", lang=lang)
    return t(f"report.quarter.{report.quarter_source}", lang=lang, quarter=report.quarter.label(lang))


# 2. Network --------------------------------------------------------------------------------


def _network(net: Network, report: GapReport, shape: Structure, lang: str) -> Section:
    from jejaring import plot

    fig, _ = plot.network(net, gaps=report, lang=lang)
    coop = shape.cooperation
    inside = len(coop.villages) - len(coop.outside)
    text = t("report.network.text", lang=lang, actors=len(net.actors), pairs=shape.tied_pairs,
             components=shape.components)
    text += " " + t("report.network.cooperation", lang=lang, villages=inside, links=len(coop.links),
                    density=number(coop.density, lang, digits=2))
    if coop.isolates:
        text += " " + t("report.network.isolates", lang=lang, count=len(coop.isolates),
                        names=names([v.name for v in coop.isolates], lang))
    measures = {m.id: m for m in shape.actors}
    rows = tuple(
        (r.name, _kind(net.actors.get(r.id), ActorKind(r.kind), lang), str(measures[r.id].degree),
         number(r.value, lang, digits=3))
        for r in shape.top_betweenness[:KEY_ACTORS]
    )
    header = tuple(t(f"report.network.col.{c}", lang=lang) for c in ("actor", "kind", "partners", "betweenness"))
    blocks: list[Block] = [
        Paragraph(text),
        Figure(_png(fig), t("report.network.alt", lang=lang), t("report.network.caption", lang=lang)),
    ]
    if rows:
        blocks += [Heading(t("report.network.key_actors", lang=lang)), Table(header, rows, (2, 3), (4, 2, 1, 1.2)),
                   Paragraph(t("report.network.betweenness_note", lang=lang), note=True)]
    return Section("jejaring", t("report.network.title", lang=lang), tuple(blocks))


# 3. Gaps -----------------------------------------------------------------------------------


def _gaps(report: GapReport, lang: str) -> Section:
    from jejaring import plot

    counts = report.counts()
    header = (t("report.gaps.col.type", lang=lang), *(s.label(lang) for s in Severity))
    rows = [(kind.label(lang), *(str(counts[kind][s]) for s in Severity)) for kind in GapType]
    rows.append((t("report.gaps.total", lang=lang), *(str(sum(counts[k][s] for k in GapType)) for s in Severity)))
    blocks: list[Block] = [
        Paragraph(t("report.gaps.intro", lang=lang, count=len(report.gaps))),
        Table(header, tuple(rows), (1, 2, 3), (3, 1, 1, 1)),
    ]
    if report.coverage.villages:
        fig, _ = plot.gap_matrix(report, lang=lang)
        blocks.append(Figure(_png(fig), t("report.gaps.matrix_alt", lang=lang),
                             t("report.gaps.matrix_caption", lang=lang), 0.8))
    for number_, kind in enumerate(GapType, 1):
        found = report.of_type(kind)
        label = kind.label(lang)
        blocks.append(Heading(t("report.gaps.type", lang=lang, number=number_, label=label[:1].upper() + label[1:],
                                count=len(found))))
        if not found:
            blocks.append(Paragraph(t("report.gaps.none", lang=lang)))
            continue
        entries = []
        for gap in found:
            action = gap.action(lang)
            details = (t("report.action", lang=lang, action=action),) if action else ()
            entries.append(Entry(gap.severity.label(lang), gap.severity.value, gap.reason(lang), details))
        blocks.append(Entries(tuple(entries)))
    return Section("kesenjangan", t("report.gaps.title", lang=lang), tuple(blocks))


# 4. Coordination ---------------------------------------------------------------------------


def _percent(rate: float | None, lang: str) -> str:
    return "–" if rate is None else number(100 * rate, lang, digits=0) + "%"


def _coordination(net: Network, report: CoordinationReport | None, lang: str) -> Section:
    title = t("report.coordination.title", lang=lang)
    if report is None:
        return Section("koordinasi", title, (Paragraph(t("report.quarter.none", lang=lang)),))
    from jejaring import plot

    quarter, previous = Quarter.parse(report.quarter), Quarter.parse(report.previous)
    changes = {c.village.id: c for c in report.change.villages}
    header = tuple(t(f"report.coordination.col.{c}", lang=lang, previous=previous.label(lang))
                   for c in ("village", "held", "before", "coordination", "attending", "rate"))
    rows = tuple(
        (v.village.name, str(v.meetings_held), str(changes[v.village.id].meetings_held_before),
         str(v.coordination_meetings), f"{v.institutions_attending}/{len(v.institutions)}",
         _percent(v.attendance_rate, lang))
        for v in report.villages
    )
    fig, _ = plot.quarters(net, lang=lang)
    missing = [v.village.name for v in report.villages if v.coordination_meetings == 0]
    blocks: list[Block] = [
        Paragraph(t("report.coordination.intro", lang=lang, quarter=quarter.label(lang),
                    previous=previous.label(lang))),
        Table(header, rows, (1, 2, 3, 4, 5), (2.2, 1, 1, 1, 1, 1)),
        Paragraph(t("report.coordination.without", lang=lang, count=len(missing), names=names(missing, lang))
                  if missing else t("report.coordination.all_met", lang=lang)),
        Figure(_png(fig), t("report.coordination.alt", lang=lang), t("report.coordination.caption", lang=lang)),
    ]
    if report.kecamatan_meetings:
        kec_header = tuple(t(f"report.coordination.col.{c}", lang=lang) for c in ("date", "meeting", "kades"))
        kec_rows = tuple(
            (m.date.isoformat(), MeetingType(m.type).label(lang),
             t("report.coordination.kades_present", lang=lang, present=m.kades_present, total=m.kades_total))
            for m in report.kecamatan_meetings
        )
        blocks += [Heading(t("report.coordination.kecamatan", lang=lang)), Table(kec_header, kec_rows, (), (1, 2, 1))]
    ties = report.change.ties
    blocks.append(Paragraph(t("report.coordination.ties", lang=lang, quarter=quarter.label(lang),
                              **{c: sum(x.change == c for x in ties) for c in ("new", "renewed", "lost")})))
    return Section("koordinasi", title, tuple(blocks))


# 5. Suggestions ----------------------------------------------------------------------------


def _suggestions(net: Network, report: GapReport, top: int, villages: int, lang: str) -> Section:
    from jejaring import plot

    chosen = worst_villages(report, villages)
    title = t("report.suggest.title", lang=lang)
    if not chosen:
        return Section("saran", title, (Paragraph(t("report.suggest.no_gaps", lang=lang)),))
    blocks: list[Block] = [Paragraph(t("report.suggest.intro", lang=lang, count=len(chosen), top=top))]
    for village, counts in chosen:
        severity = ", ".join(f"{counts[s]} {s.label(lang)}" for s in Severity if counts[s])
        blocks.append(Heading(t("report.suggest.village", lang=lang, village=village.name, gaps=severity)))
        found = suggest(net, village.id, top=top)
        if not found:
            blocks.append(Paragraph(t("report.suggest.none", lang=lang, village=village.name)))
            continue
        fig, _ = plot.suggestions(net, village.id, found=found, lang=lang)
        blocks.append(Figure(_png(fig), t("report.suggest.alt", lang=lang, village=village.name),
                             t("report.suggest.caption", lang=lang, village=village.name), 0.75))
        entries = tuple(
            Entry(str(rank), "info", t("report.suggest.candidate", lang=lang, name=s.candidate.name,
                                       kind=_kind(net.actors.get(s.candidate.id), s.candidate.kind, lang),
                                       score=number(s.score, lang, digits=2)),
                  tuple(r.text(lang) for r in s.reasons))
            for rank, s in enumerate(found, 1)
        )
        blocks.append(Entries(entries))
    blocks.append(Paragraph(t("report.suggest.note", lang=lang), note=True))
    return Section("saran", title, tuple(blocks))


# 6. Plan -----------------------------------------------------------------------------------


def _plan(net: Network, result: Plan, lang: str) -> Section:
    blocks: list[Block] = [Paragraph(t("report.plan.intro", lang=lang, budget=result.budget,
                                       candidates=result.candidates))]
    entries = []
    for step in result.steps:
        tie = step.tie.describe().render(lang)
        if not step.tie.within_reach:
            tie += " " + t("report.plan.outside", lang=lang)
        details = [t("report.plan.closes", lang=lang, closes="; ".join(c.why.render(lang) for c in step.closes))]
        affinity = step.tie.affinity()
        if affinity is not None:
            details.append(t("report.plan.affinity", lang=lang, affinity=affinity.render(lang)))
        details.append(t("report.action", lang=lang, action=step.tie.action().render(lang)))
        text = t("report.plan.step", lang=lang, tie=tie, gain=number(step.gain, lang))
        entries.append(Entry(str(step.number), "info", text, tuple(details)))
    blocks.append(Entries(tuple(entries)) if entries else Paragraph(t("report.plan.none", lang=lang)))
    if entries:
        from jejaring import plot

        fig, _ = plot.network(net, suggestions=result, lang=lang)
        blocks.append(Figure(_png(fig), t("report.plan.map_alt", lang=lang), t("report.plan.map_caption", lang=lang)))
    header = tuple(t(f"report.plan.col.{c}", lang=lang) for c in ("term", "before", "after", "gain"))
    rows = tuple(
        (term.label(lang),
         t("report.plan.of", lang=lang, count=result.before.counts[term], possible=result.before.possible[term]),
         t("report.plan.of", lang=lang, count=result.after.counts[term], possible=result.after.possible[term]),
         "+" + number(result.after.values[term] - result.before.values[term], lang))
        for term in Term
    )
    blocks += [
        Heading(t("report.plan.totals", lang=lang)),
        Table(header, rows, (1, 2, 3), (3, 1, 1, 1)),
        Paragraph(t("report.plan.score", lang=lang, before=number(result.before.total, lang),
                    after=number(result.after.total, lang), gain=number(result.gain, lang))),
        Paragraph(t("report.plan.note", lang=lang), note=True),
    ]
    return Section("rencana", t("report.plan.title", lang=lang), tuple(blocks))


# 7. Appendices -----------------------------------------------------------------------------


def _labels(values: Iterable[Any], lang: str) -> str:
    return ", ".join(v.label(lang) for v in values)


def _villages(net: Network, report: GapReport, lang: str) -> Section:
    inside = [net.actors[v.id] for v in report.coverage.villages]
    columns = ["village", "code", "status", "population", "sectors", "needs", "offers"]
    widths = [1.35, 1.5, 1.25, 1.1, 1.5, 2.2, 2.2]
    notes = any(v.notes for v in inside)
    if notes:
        columns.append("notes")
        widths.append(2.2)
    rows = tuple(
        (v.name, v.code, v.development_status.label(lang) if v.development_status else "–",
         f"{v.population:,}".replace(",", "." if lang == "id" else ",") if v.population is not None else "–",
         _labels(v.sectors, lang), _labels(v.needs, lang), _labels(v.offers, lang), *([v.notes or ""] if notes else []))
        for v in inside
    )
    header = tuple(t(f"report.villages.col.{c}", lang=lang) for c in columns)
    return Section("desa", t("report.villages.title", lang=lang), (Table(header, rows, (3,), tuple(widths)),))


def _contacts(net: Network, lang: str) -> Section:
    header = tuple(t(f"report.contacts.col.{c}", lang=lang)
                   for c in ("name", "kind", "where", "contact_person", "phone", "email"))
    rows = []
    for actor in sorted(net.actors.values(), key=lambda a: (list(ActorKind).index(a.kind), a.name, a.id)):
        fields = personal_fields(type(actor))
        values = {f: getattr(actor, f) for f in fields}
        if actor.kind is not ActorKind.VILLAGE_HEAD and not any(values.values()):
            continue
        where = getattr(actor, "village", None) or actor.area_code
        rows.append((actor.name, actor.kind.label(lang), net.name(where) if where else "",
                     *(values.get(f) or "" for f in ("contact_person", "phone", "email"))))
    blocks: list[Block] = [Paragraph(t("report.contacts.intro", lang=lang), note=True)]
    blocks.append(Table(header, tuple(rows), (), (2, 1.2, 1.5, 1.5, 1.4, 2)) if rows
                  else Paragraph(t("report.contacts.none", lang=lang)))
    return Section("kontak", t("report.contacts.title", lang=lang), tuple(blocks))


# The document ------------------------------------------------------------------------------


def build(
    net: Network,
    *,
    lang: str = "id",
    include_contacts: bool = False,
    budget: int = 5,
    top: int = 3,
    villages: int = 3,
    quarter: Quarter | str | None = None,
    partners: Sequence[Actor] = (),
) -> Document:
    """The report on the villages of ``net`` in ``lang``.

    ``budget`` bounds the plan's new ties and ``partners`` are organisations it may propose
    though they have no tie in the view (see :func:`~jejaring.analysis.plan.plan`); ``top``
    suggestions are given for each of the ``villages`` villages with the most severe gaps;
    ``quarter`` is the quarter coordination is judged on (default: as the gap report chooses).
    People's names and contacts are left out unless ``include_contacts``.
    """
    from jejaring import __version__

    with use_lang(lang):
        shown = net if include_contacts else public_network(net, lang=lang)
        partners = list(partners) if include_contacts else [public_actor(p, shown, lang=lang) for p in partners]
        report = gaps(shown, quarter=quarter)
        coord = coordination(shown, quarter=report.quarter) if report.quarter is not None else None
        shape = structure(shown, top=KEY_ACTORS)
        result = plan(shown, budget=budget, partners=partners)
        found = findings(report, coord, shape, result, lang=lang)
        sections = [
            _summary(shown, report, _quarter_note(report, lang), found, include_contacts, lang),
            _network(shown, report, shape, lang),
            _gaps(report, lang),
            _coordination(shown, coord, lang),
            _suggestions(shown, report, top, villages, lang),
            _plan(shown, result, lang),
            _villages(shown, report, lang),
        ]
        if include_contacts:
            sections.append(_contacts(shown, lang))
        footer = t("report.footer", lang=lang, version=__version__, date=date.today().isoformat())
        return Document(t("report.title", lang=lang), report.scope(lang), lang, tuple(sections), footer)
