"""A planner's workspace: a folder with the store of one kecamatan and its spreadsheet templates.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp()) / "bangunrejo"
>>> ws = init(folder, kecamatan="Bangun Rejo", lang="en")
>>> ws.kecamatan.code, ws.store.counts()["village"]
('18.02.02', 17)
>>> sorted(p.name for p in (folder / "templates").iterdir())
['actors.csv', 'meetings.csv', 'template.xlsx', 'ties.csv']
>>> ws.close()
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from types import TracebackType

from jejaring import __version__
from jejaring.errors import JejaringError
from jejaring.gazetteer import Area, gazetteer
from jejaring.model import Village
from jejaring.network import Network
from jejaring.store import Batch, Changes, Store, open_store

__all__ = ["Workspace", "init", "open", "staged", "STORE_FILE", "TEMPLATE_DIRS"]

STORE_FILE = "jejaring.sqlite"
TEMPLATE_DIRS = {"id": "templat", "en": "templates"}


class Workspace:
    """A store plus what the planner works with; use it as a context manager or ``close()`` it."""

    def __init__(self, store: Store, path: Path | None = None) -> None:
        self.store = store
        self.path = path

    @property
    def kecamatan(self) -> Area | None:
        """The kecamatan the workspace was made for (``None`` for a store holding many)."""
        code = self.store.setting("kecamatan")
        return gazetteer().area(code) if code else None

    def network(self, *, area: str | None = None) -> Network:
        """Load the network (of ``area``, a Kemendagri code; everything when ``None``)."""
        return Network.from_store(self.store, area=area)

    def import_files(self, paths: Iterable[str | Path]) -> Changes:
        """Validate and import spreadsheets in one transaction (see :func:`jejaring.io.import_files`)."""
        from jejaring.io.importer import import_files

        return import_files(self.store, [Path(p) for p in paths])

    def close(self) -> None:
        """Close the store."""
        self.store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        where = self.path or self.store.url
        kecamatan = self.kecamatan
        return f"<Workspace {where}{f' ({kecamatan.name})' if kecamatan else ''}>"


def open(location: str | Path) -> Workspace:  # noqa: A001 - the notebook spelling is jj.open(...)
    """Open a workspace folder, a store file, or a store URL.

    A folder made by :func:`init` holds ``jejaring.sqlite``; a missing folder is an error.
    """
    text = str(location)
    if "://" in text:
        return Workspace(open_store(text))
    path = Path(location)
    if path.is_dir():
        if not (path / STORE_FILE).exists():
            raise JejaringError("workspace.not_a_workspace", path=str(path))
        return Workspace(open_store(path / STORE_FILE), path)
    if not path.exists():
        raise JejaringError("workspace.missing", path=str(path))
    return Workspace(open_store(path), path.parent)


def init(
    location: str | Path,
    *,
    kecamatan: str | None = None,
    area: str | None = None,
    lang: str = "id",
    templates: bool = True,
    batch: Batch | None = None,
) -> Workspace:
    """Create a workspace for ``kecamatan`` (a name or a code such as ``18.02.02``) or, for an
    office that plans for many, for ``area`` (a Kemendagri code of a province or kabupaten;
    ``None`` with no kecamatan: all Indonesia).

    The store starts with every village of the kecamatan or area under its official
    Kemendagri code (plus the records of ``batch``, if given); blank spreadsheet templates
    are written in ``lang``. Nothing is left behind when anything fails.
    """
    g = gazetteer()
    if kecamatan is not None:
        district = g.resolve(kecamatan, level="district")
        places, settings = g.villages_of(district.code), {"kecamatan": district.code}
    else:
        places = g.areas("village") if area is None else g.villages_of(g.area(area).code)
        settings: dict[str, str] = {}
    target = Path(location)
    with staged(target) as staging:
        villages = [Village(code=v.code, name=v.name) for v in places]
        with open_store(staging / STORE_FILE, create=True) as store:
            store.write(Batch(actors=villages))
            if batch is not None:
                store.write(batch)
            store.set_settings(settings | {"created": date.today().isoformat(), "jejaring": __version__})
        if templates:
            from jejaring.io.templates import write_templates

            write_templates(staging / TEMPLATE_DIRS[lang], lang=lang, example_village=villages[0].code)
    return open(target)


@contextmanager
def staged(target: Path) -> Iterator[Path]:
    """A folder beside ``target`` to build in: it becomes ``target`` only when the block ends
    without error, and is removed otherwise. ``target`` must be missing or an empty folder."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise JejaringError("workspace.exists", path=str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        yield staging
        if target.exists():
            target.rmdir()
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
