"""Named Cypher queries: find them, read their headers, type their parameters, run them on Neo4j.

Each query is one ``.cypher`` file shipped in the package ``jejaring_queries`` (the
``queries/`` folder of a checkout), runnable as it is in Neo4j Browser. Its header is a
block of ``//`` comments at the top:

- ``// Summary: ...`` and ``// Ringkasan: ...``: what it returns, in English and Indonesian;
- free text: the rows it returns and the rules it follows;
- ``//   $name (type[, optional][, one of a|b|c]): description``: one line per parameter,
  ``type`` one of :data:`TYPES`; indented continuation lines extend the description, and
  one starting ``id:`` begins its Indonesian text;
- ``// :param name => value``: the lines to run in Neo4j Browser before the query;
- ``// Labels: column=Vocabulary, ...``: the columns holding codes of a vocabulary
  (:data:`jejaring.vocab.VOCABULARIES`, ``Severity``, ``PartnerKind``), which
  :meth:`NamedQuery.labelled` turns into labels in the reader's language.

An optional parameter that is not given is sent as ``null``, and the query itself says
what that means (``coalesce($date, date())``: today), so Browser and the command line agree.

>>> query = load("coverage_gaps")
>>> query.summary("en")[:44]
'Coverage gaps: the kinds of partner each vil'
>>> [(p.name, p.type, p.optional) for p in query.parameters]
[('area', 'string', False), ('date', 'date', True)]
>>> query.bind({"area": "18.02.02", "date": "31/12/2024"})
{'area': '18.02.02', 'date': datetime.date(2024, 12, 31)}
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any

from jejaring.errors import JejaringError

__all__ = ["TYPES", "Parameter", "NamedQuery", "QueryResult", "names", "load", "parse", "plain", "run"]

TYPES: tuple[str, ...] = ("string", "int", "float", "date", "list")
"""The types a parameter may declare; a value given as text is converted to its type."""

PACKAGE = "jejaring_queries"
SUFFIX = ".cypher"

_SUMMARY = {"en": re.compile(r"^Summary:\s*(.+)$"), "id": re.compile(r"^Ringkasan:\s*(.+)$")}
_PARAMETER = re.compile(r"^\$(\w+)\s+\(([^)]*)\):\s*(.*)$")
_BROWSER = re.compile(r"^:param\s+(\w+)\s*=>\s*(.+)$")
_CHOICES = re.compile(r"^one of\s+(.+)$")
_LABELS = re.compile(r"^Labels:\s*(.+)$")
_NUMBER_WITH_COMMA = re.compile(r"^[+-]?\d+,\d+$")


@dataclass(frozen=True)
class Parameter:
    """A declared parameter: ``name``, ``type`` (one of :data:`TYPES`), whether it may be left
    out, the values it may take (none: any), its descriptions by language and its Neo4j
    Browser example."""

    name: str
    type: str
    optional: bool = False
    choices: tuple[str, ...] = ()
    descriptions: Mapping[str, str] = field(default_factory=dict)
    example: str | None = None

    def description(self, lang: str | None = None) -> str:
        """The description in ``lang`` (default: the current language), else in English."""
        from jejaring.i18n import current_lang

        return self.descriptions.get(lang or current_lang()) or self.descriptions.get("en", "")

    def convert(self, text: str) -> Any:
        """The value ``text`` stands for, of this parameter's type; ``JejaringError`` if none.

        A float may use a decimal comma, a date is ``dd/mm/yyyy`` or ``yyyy-mm-dd``, a list
        is separated by commas or semicolons.

        >>> Parameter("km", "float").convert("2,5"), Parameter("kinds", "list").convert("ngo; firm")
        (2.5, ['ngo', 'firm'])
        """
        from jejaring.model import parse_date

        value = text.strip()
        try:
            if self.type == "int":
                converted: Any = int(value)
            elif self.type == "float":
                converted = float(value.replace(",", ".") if _NUMBER_WITH_COMMA.match(value) else value)
            elif self.type == "date":
                converted = parse_date(value)
                if converted is None:
                    raise ValueError(value)
            elif self.type == "list":
                converted = [part.strip() for part in re.split(r"[;,]", value) if part.strip()]
            else:
                converted = value
        except ValueError:
            raise JejaringError(
                "queries.bad_value", name=self.name, value=text, hint=_t(f"queries.hint.{self.type}")
            ) from None
        if self.choices and converted not in self.choices:
            raise JejaringError("queries.bad_choice", name=self.name, value=text, choices=", ".join(self.choices))
        return converted

    def declared(self) -> str:
        """The declaration in words, in the current language, e.g. ``date (tanggal, opsional)``."""
        words = [_t(f"queries.type.{self.type}")] + ([_t("queries.optional")] if self.optional else [])
        if self.choices:
            words.append("|".join(self.choices))
        return f"{self.name} ({', '.join(words)})"


@dataclass(frozen=True)
class NamedQuery:
    """One named query: its ``name`` (the file's stem), its summaries by language, its declared
    parameters, the whole file's ``text`` (sent to the server as it is) and the vocabulary of
    each column holding codes."""

    name: str
    summaries: Mapping[str, str]
    parameters: tuple[Parameter, ...]
    text: str
    vocabularies: Mapping[str, str] = field(default_factory=dict)

    def summary(self, lang: str | None = None) -> str:
        """The one-line summary in ``lang`` (default: the current language), else in English."""
        from jejaring.i18n import current_lang

        return self.summaries.get(lang or current_lang()) or self.summaries["en"]

    def labelled(self, rows: list[dict[str, Any]], lang: str | None = None) -> list[dict[str, Any]]:
        """The ``rows`` with the codes in the columns named by ``Labels:`` as labels in ``lang``
        (default: the current language); other values, and codes a vocabulary lacks, unchanged.

        >>> q = parse("q", "// Summary: q\\n// Labels: need=Resource\\nRETURN 'water' AS need")
        >>> q.labelled([{"need": "water", "n": 1}, {"need": ["funds", "x"], "n": 2}], "id")
        [{'need': 'air/irigasi', 'n': 1}, {'need': ['dana', 'x'], 'n': 2}]
        """
        from jejaring.i18n import current_lang

        lang = lang or current_lang()
        members = {column: _vocabularies()[name] for column, name in self.vocabularies.items()}

        def label(column: str, value: Any) -> Any:
            if isinstance(value, list):
                return [label(column, v) for v in value]
            member = next((m for m in members[column] if m.value == value), None)
            return member.label(lang) if member is not None else value

        return [{k: label(k, v) if k in members else v for k, v in row.items()} for row in rows]

    def bind(self, given: Mapping[str, str]) -> dict[str, Any]:
        """Every declared parameter's value from the texts ``given`` by name, typed; the optional
        ones not given as ``None``. Unknown names and missing required ones are errors."""
        declared = {p.name: p for p in self.parameters}
        for name in given:
            if name not in declared:
                known = ", ".join(p.declared() for p in self.parameters)
                raise JejaringError("queries.unknown_parameter", query=self.name, name=name, known=known)
        values = {}
        for p in self.parameters:
            if p.name in given:
                values[p.name] = p.convert(given[p.name])
            elif p.optional:
                values[p.name] = None
            else:
                raise JejaringError(
                    "queries.missing_parameter", query=self.name, name=p.name, declared=p.declared(),
                    description=p.description(),
                )
        return values


@dataclass(frozen=True)
class QueryResult:
    """The rows a query returned, as plain Python values, and their column names in order."""

    columns: tuple[str, ...]
    rows: list[dict[str, Any]]


def _vocabularies() -> dict[str, Any]:
    """The vocabularies a ``Labels:`` line may name, by class name."""
    from jejaring.analysis.gap_types import PartnerKind, Severity
    from jejaring.vocab import VOCABULARIES

    return {vocab.__name__: vocab for vocab in (*VOCABULARIES, PartnerKind, Severity)}


def _t(key: str) -> str:
    from jejaring.i18n import t

    return t(key)


def _files() -> dict[str, Any]:
    folder = resources.files(PACKAGE)
    return {f.name[: -len(SUFFIX)]: f for f in folder.iterdir() if f.name.endswith(SUFFIX)}


def names() -> list[str]:
    """The names of the shipped queries, sorted.

    >>> "unmet_needs" in names()
    True
    """
    return sorted(_files())


def load(name: str) -> NamedQuery:
    """The query called ``name``; ``JejaringError`` naming the nearest names when there is none."""
    files = _files()
    if name not in files:
        close = difflib.get_close_matches(name, sorted(files), n=3, cutoff=0.5)
        if close:
            raise JejaringError("queries.unknown_close", name=name, close=", ".join(close))
        raise JejaringError("queries.unknown", name=name, names=", ".join(sorted(files)))
    return parse(name, files[name].read_text(encoding="utf-8"))


def _header(text: str) -> list[str]:
    """The comment lines at the top of ``text``, without their ``//``."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        lines.append(line[2:].removeprefix(" ").rstrip())
    return lines


def _declaration(name: str, inside: str, description: str) -> Parameter:
    parts = [part.strip() for part in inside.split(",")]
    kind, options = parts[0], parts[1:]
    if kind not in TYPES:
        raise ValueError(f"${name}: the type {kind!r} is not one of {', '.join(TYPES)}")
    optional, choices = False, ()
    for option in options:
        match = _CHOICES.match(option)
        if option == "optional":
            optional = True
        elif match:
            choices = tuple(c.strip() for c in match.group(1).split("|"))
        else:
            raise ValueError(f"${name}: {option!r} is neither 'optional' nor 'one of a|b'")
    return Parameter(name, kind, optional, choices, {"en": description})


def parse(name: str, text: str) -> NamedQuery:
    """Read the header of the query ``text`` called ``name``; ``ValueError`` when it is malformed.

    >>> q = parse("demo", "// Summary: Villages.\\n//   $area (string): an area code\\n"
    ...                   "// :param area => '18.02.02'\\nMATCH (v:Village) RETURN v.id")
    >>> q.summary("id"), q.parameters[0].example
    ('Villages.', "'18.02.02'")
    """
    header = _header(text)
    summaries = {lang: m.group(1) for line in header for lang, rx in _SUMMARY.items() if (m := rx.match(line))}
    if "en" not in summaries:
        raise ValueError(f"the query {name} has no '// Summary:' line")
    parameters: list[Parameter] = []
    examples: dict[str, str] = {}
    vocabularies: dict[str, str] = {}
    for line in header:
        body = line.strip()
        declared, browser, labels = _PARAMETER.match(body), _BROWSER.match(body), _LABELS.match(body)
        if labels:
            for pair in labels.group(1).split(","):
                column, _, vocab = (part.strip() for part in pair.partition("="))
                if vocab not in _vocabularies():
                    raise ValueError(f"the query {name} labels {column!r} with the unknown vocabulary {vocab!r}")
                vocabularies[column] = vocab
        elif declared:
            parameters.append(_declaration(*declared.groups()))
        elif browser:
            examples[browser.group(1)] = browser.group(2).strip()
        elif parameters and line.startswith("    ") and body:
            texts = dict(parameters[-1].descriptions)
            if body.startswith("id:"):
                texts["id"] = body.removeprefix("id:").strip()
            else:
                lang = list(texts)[-1]
                texts[lang] = f"{texts[lang]} {body}"
            parameters[-1] = replace(parameters[-1], descriptions=texts)
    with_examples = tuple(replace(p, example=examples.get(p.name)) for p in parameters)
    return NamedQuery(name, summaries, with_examples, text, vocabularies)


def plain(value: Any) -> Any:
    """A value the driver returned as plain Python: dates as :class:`datetime.date`, nodes and
    relationships as dicts of their properties, lists and maps element by element.

    >>> import datetime
    >>> plain({"days": [datetime.date(2024, 1, 2)], "n": 3})
    {'days': [datetime.date(2024, 1, 2)], 'n': 3}
    """
    from neo4j.graph import Entity

    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict | Entity):
        return {k: plain(v) for k, v in value.items()}
    to_native = getattr(value, "to_native", None)
    return to_native() if to_native is not None else value


@contextmanager
def _translated(url: str, query: str, auth: tuple[str, str] | None) -> Iterator[None]:
    """The driver's failures as one sentence naming the server (never the password)."""
    from neo4j import exceptions as neo

    from jejaring.store.neo4j import config_path

    try:
        yield
    except neo.AuthError as exc:
        if auth is None:
            raise JejaringError("neo4j.no_credentials", url=url, config=str(config_path())) from exc
        raise JejaringError("neo4j.auth_failed", url=url, user=auth[0], config=str(config_path())) from exc
    except (neo.ServiceUnavailable, neo.SessionExpired) as exc:
        raise JejaringError("neo4j.unreachable", url=url) from exc
    except neo.ClientError as exc:
        if exc.code == "Neo.ClientError.Security.AuthenticationRateLimit":
            raise JejaringError("neo4j.locked", url=url) from exc
        raise JejaringError("queries.failed", query=query, url=url, reason=_reason(exc, auth)) from exc
    except neo.Neo4jError as exc:
        raise JejaringError("queries.failed", query=query, url=url, reason=_reason(exc, auth)) from exc


def _reason(error: Any, auth: tuple[str, str] | None) -> str:
    """The server's own words about a failure, with the password blanked out should it appear."""
    reason = str(error.message or error.code)
    return reason.replace(auth[1], "***") if auth is not None and auth[1] else reason


def _address(url: str) -> str:
    """``url`` stripped, if it is the address of a Neo4j server without a login in it."""
    from urllib.parse import urlsplit

    from jejaring.store import NEO4J_SCHEMES
    from jejaring.store.neo4j import config_path, shown_url

    text = url.strip()
    try:
        parts = urlsplit(text)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        parts, port_ok = None, False
    if parts is not None and parts.scheme.lower() not in NEO4J_SCHEMES:
        raise JejaringError("queries.needs_neo4j", location=text)
    if parts is not None and "@" in parts.netloc:
        raise JejaringError("neo4j.credentials_in_url", url=shown_url(text), config=str(config_path()))
    if parts is None or not parts.hostname or not port_ok:
        raise JejaringError("neo4j.bad_url", url=text)
    return text


def _read(tx: Any, text: str, values: Mapping[str, Any]) -> QueryResult:
    result = tx.run(text, dict(values))
    columns = tuple(result.keys())
    return QueryResult(columns, [{k: plain(v) for k, v in record.items()} for record in result])


def run(
    url: str,
    query: NamedQuery,
    values: Mapping[str, Any],
    *,
    auth: tuple[str, str] | None = None,
    database: str | None = None,
) -> QueryResult:
    """Run ``query`` with ``values`` (as :meth:`NamedQuery.bind` gives them) on the Neo4j server
    at ``url``, in a read transaction: a named query never changes the store.

    ``auth`` is the (user, password) pair, by default found as the Neo4j store finds it
    (``NEO4J_USER``/``NEO4J_PASSWORD``, else the login file; see :mod:`jejaring.store.neo4j`);
    ``database`` names the database (default: the server's). Failures are
    :class:`~jejaring.errors.JejaringError` naming the server.
    """
    from jejaring.store.neo4j import credentials

    text = _address(url)
    try:
        import neo4j
    except ImportError:
        raise JejaringError("neo4j.driver_missing", url=text) from None
    login = auth if auth is not None else credentials(text)
    with _translated(text, query.name, login), neo4j.GraphDatabase.driver(text, auth=login) as driver:
        driver.verify_connectivity()  # fail at once on a server that is down, rather than retry
        with driver.session(
            database=database, default_access_mode=neo4j.READ_ACCESS, notifications_min_severity="OFF"
        ) as session:
            return session.execute_read(_read, query.text, values)

