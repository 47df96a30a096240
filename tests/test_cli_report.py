"""The ``report`` command through click's runner: the file it writes, the report's language
(Indonesian unless the user chose), personal data, and its failures.

The workspace is Kecamatan Bangun Rejo (its 17 villages from the Kemendagri list) with::

    Purwodadi (needs water) ══partnership══ Sido Dadi (offers water)
    kades Budi Santoso of Purwodadi, phone 0812-1111-2222
    one rapat koordinasi in Purwodadi on 2 May 2024
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import jejaring as jj
from jejaring.i18n import use_lang
from jejaring.model import Meeting, Tie, Village, VillageHead
from jejaring.store import Batch
from jejaring_cli.app import JejaringGroup, cli
from jejaring_cli.report import COMMANDS, report_command

pytest.importorskip("reportlab")
pytest.importorskip("matplotlib")

A, B = "18.02.02.2001", "18.02.02.2002"
AT = ["--at", "2024-06-30", "--villages", "1"]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("report") / "bangunrejo"
    batch = Batch(
        actors=[
            Village(code=A, name="Purwodadi", needs=["air"]),
            Village(code=B, name="Sido Dadi", offers=["air"]),
            VillageHead(id="kades-a", name="Budi Santoso", village=A, phone="0812-1111-2222"),
        ],
        ties=[Tie(kind="partnership", source=A, target=B, since="2024-01-01")],
        meetings=[Meeting(id="rakor-a", type="rakor", date="2024-05-02", village=A, host="kades-a")],
    )
    jj.init(folder, kecamatan="18.02.02", templates=False, batch=batch).close()
    return folder


def group() -> JejaringGroup:
    """The real group's options (``--lang``, ``--debug``) and error handling, with this command."""
    return JejaringGroup(name="jejaring", params=list(cli.params), callback=cli.callback, commands=COMMANDS)


def run(*args: str, ok: bool = True) -> str:
    with use_lang("en"):  # the session's language; undone after, whatever --lang set
        result = CliRunner().invoke(group(), list(args))
    assert (result.exit_code == 0) is ok, result.output
    return result.output


def test_the_command_is_exported_with_help_for_every_option():
    assert COMMANDS == [report_command]
    assert report_command.help
    assert all(p.help for p in report_command.params if p.opts[0].startswith("-"))


def test_report_is_in_indonesian_unless_the_user_chose(workspace, tmp_path, monkeypatch):
    monkeypatch.delenv("JEJARING_LANG", raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")  # the computer's locale does not choose the report's language
    out = tmp_path / "laporan.html"
    said = run("report", "-w", str(workspace), "--out", str(out), *AT)
    html = out.read_text("utf-8")
    assert '<html lang="id">' in html and "Ringkasan" in html
    assert said.startswith(f"Report written to {out} (") and said.rstrip().endswith("KB).")


def test_lang_option_anywhere_chooses_english(workspace, tmp_path, monkeypatch):
    monkeypatch.delenv("JEJARING_LANG", raising=False)
    out = tmp_path / "report.html"
    run("--lang", "en", "report", "-w", str(workspace), "--out", str(out), *AT)
    assert '<html lang="en">' in out.read_text("utf-8")


def test_jejaring_lang_chooses_the_language(workspace, tmp_path, monkeypatch):
    monkeypatch.setenv("JEJARING_LANG", "en")
    out = tmp_path / "report.html"
    run("report", "-w", str(workspace), "--out", str(out), *AT)
    assert "Collaboration gaps" in out.read_text("utf-8")


def test_pdf_by_suffix(workspace, tmp_path):
    out = tmp_path / "laporan.pdf"
    run("report", "-w", str(workspace), "--out", str(out), *AT, "--budget", "2", "--top", "1")
    assert out.read_bytes().startswith(b"%PDF-")


def test_contacts_only_when_asked(workspace, tmp_path):
    hidden, shown = tmp_path / "a.html", tmp_path / "b.html"
    run("report", "-w", str(workspace), "--out", str(hidden), *AT)
    run("report", "-w", str(workspace), "--out", str(shown), *AT, "--include-contacts")
    for value in ("Budi Santoso", "0812-1111-2222"):
        assert value not in hidden.read_text("utf-8")
        assert value in shown.read_text("utf-8")
    assert "Kades Purwodadi" in hidden.read_text("utf-8")


def test_the_quarter_chooses_coordination(workspace, tmp_path):
    out = tmp_path / "q.html"
    run("--lang", "en", "report", "-w", str(workspace), "--out", str(out), "--quarter", "2024Q2")
    assert "Coordination is judged for Q2 2024." in out.read_text("utf-8")


def test_failures_are_one_sentence_and_write_nothing(workspace, tmp_path):
    said = run("report", "-w", str(workspace), "--out", str(tmp_path / "laporan.docx"), ok=False)
    assert said.startswith("Error: Cannot write a report as") and "Traceback" not in said
    said = run("report", "-w", str(workspace), "--out", str(tmp_path / "laporan.html"), "--quarter", "Q9", ok=False)
    assert said.startswith("Error:")
    assert list(tmp_path.iterdir()) == []
