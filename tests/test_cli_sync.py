"""``push`` and ``pull`` through click's runner against the real Neo4j test server: exit codes and
printed counts first, then the effect through the library."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import neo4j
import pytest
from click.testing import CliRunner, Result
from neo4j_fixture import Neo4jServer

import jejaring.store.neo4j as neo4j_store
import jejaring.workspace
from jejaring import synth
from jejaring.errors import JejaringError
from jejaring.i18n import use_lang
from jejaring.store import SqliteStore
from jejaring.store.neo4j import config_path
from jejaring.sync import copy
from jejaring_cli.app import JejaringGroup, cli
from jejaring_cli.sync import COMMANDS, pull_command, push_command


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sync") / "bangunrejo"
    result = CliRunner().invoke(cli, ["--lang", "en", "demo", str(folder)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    """A new workspace for Kecamatan Bangun Rejo: its 17 villages, nothing else."""
    jejaring.workspace.init(tmp_path / "ws", kecamatan="18.02.02", lang="en").close()
    return tmp_path / "ws"


@pytest.fixture
def server(neo4j_server: Neo4jServer) -> Iterator[Neo4jServer]:
    """The test server with an empty database before and after the test."""
    with neo4j.GraphDatabase.driver(neo4j_server.url, auth=neo4j_server.auth) as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
        yield neo4j_server
        driver.execute_query("MATCH (n) DETACH DELETE n")


def login(server: Neo4jServer, password: str | None = None) -> dict[str, str]:
    return {"NEO4J_USER": server.user, "NEO4J_PASSWORD": password or server.password, "JEJARING_NEO4J_CONFIG": ""}


def run(*args: str, env: dict[str, str], lang: str = "en", ok: bool = True) -> Result:
    with use_lang(lang):
        result = CliRunner().invoke(JejaringGroup(commands=COMMANDS), list(args), env=env)
    assert (result.exit_code == 0) is ok, result.output
    return result


def counts(location: str | Path) -> dict[str, int]:
    with jejaring.workspace.open(location) as ws:
        return ws.store.counts()


def contents(location: str | Path) -> dict[str, list[Any]]:
    with jejaring.workspace.open(location) as ws:
        return {"actors": ws.store.actors(), "ties": ws.store.ties(), "meetings": ws.store.meetings()}


def test_commands_are_exported_with_help_and_take_no_login() -> None:
    assert COMMANDS == [push_command, pull_command]
    for command in COMMANDS:
        assert command.help
        options = [param for param in command.params if isinstance(param, click.Option)]
        assert all(option.help for option in options)
        assert not {"--password", "--user", "-p", "-u"} & {opt for option in options for opt in option.opts}


def test_push_prints_counts_then_a_second_push_changes_nothing(demo: Path, server: Neo4jServer) -> None:
    expected = counts(demo)
    actors = sum(n for kind, n in expected.items() if kind not in ("ties", "meetings"))
    out = run("push", "-w", str(demo), "--to", server.url, env=login(server)).output
    assert out.splitlines() == [
        f"Copied {demo} to {server.url}.",
        "Written in 1 batch(es) of at most 5000 records, each one whole or not at all.",
        f"Actors: {actors} added, 0 updated, 0 unchanged",
        f"Ties: {expected['ties']} added, 0 updated, 0 unchanged",
        f"Meetings: {expected['meetings']} added, 0 updated, 0 unchanged",
    ]
    with neo4j_store.Neo4jStore(server.url, auth=server.auth) as store:
        assert store.counts() == expected
    again = run("push", "-w", str(demo), "--to", server.url, "--batch-size", "100", env=login(server), lang="id")
    assert again.output.splitlines()[1:] == [
        "Ditulis dalam 5 kelompok berisi paling banyak 100 data, masing-masing utuh atau tidak sama sekali.",
        f"Aktor: 0 ditambahkan, 0 diperbarui, {actors} tidak berubah",
        f"Ikatan: 0 ditambahkan, 0 diperbarui, {expected['ties']} tidak berubah",
        f"Rapat: 0 ditambahkan, 0 diperbarui, {expected['meetings']} tidak berubah",
    ]


def test_pull_takes_the_workspace_kecamatan_from_a_shared_kabupaten(
    demo: Path, fresh: Path, server: Neo4jServer, tmp_path: Path
) -> None:
    """The shared store holds Bangun Rejo and a kecamatan of Lampung Timur (same seed, so the
    province's organisations are the same records); pulling Bangun Rejo brings exactly what a
    copy of its area from the demo brings, and no actor of Lampung Timur."""
    with neo4j_store.Neo4jStore(server.url, auth=server.auth) as shared, jejaring.workspace.open(demo) as ws:
        copy(ws.store, shared)
        for part in synth.generate_area("18.07.01", seed=2024, quarters=1):
            shared.write(part)
        with SqliteStore(tmp_path / "expected.db", create=True) as expected:
            copy(ws.store, expected, area="18.02.02")
            wanted = {"actors": expected.actors(), "ties": expected.ties(), "meetings": expected.meetings()}
    out = run("pull", "-w", str(fresh), "--from", server.url, env=login(server), lang="id").output
    assert out.splitlines()[0] == (
        f"Kecamatan Bangun Rejo, Kabupaten Lampung Tengah, Lampung telah disalin dari {server.url} ke {fresh}.")
    assert out.splitlines()[2] == f"Aktor: {len(wanted['actors']) - 17} ditambahkan, 17 diperbarui, 0 tidak berubah"
    got = contents(fresh)
    assert got == wanted
    assert not [a.id for a in got["actors"] if a.area_code and a.area_code.startswith("18.07.")]
    out = run("pull", "-w", str(fresh), "--from", server.url, "--kecamatan", "Bangun Rejo", env=login(server)).output
    assert out.splitlines()[2:] == [
        f"Actors: 0 added, 0 updated, {len(wanted['actors'])} unchanged",
        f"Ties: 0 added, 0 updated, {len(wanted['ties'])} unchanged",
        f"Meetings: 0 added, 0 updated, {len(wanted['meetings'])} unchanged",
    ]
    out = run("pull", "-w", str(fresh), "--from", server.url, "--kabupaten", "18.02", env=login(server)).output
    assert out.splitlines()[0] == f"Copied Kabupaten Lampung Tengah, Lampung from {server.url} into {fresh}."
    with neo4j_store.Neo4jStore(server.url, auth=server.auth) as shared:
        assert contents(fresh)["ties"] == shared.ties(area="18.02")
        assert contents(fresh)["meetings"] == shared.meetings(area="18.02")
        out = run("pull", "-w", str(fresh), "--from", server.url, "--all", env=login(server)).output
        assert out.splitlines()[0] == f"Copied everything from {server.url} into {fresh}."
        assert contents(fresh) == {"actors": shared.actors(), "ties": shared.ties(), "meetings": shared.meetings()}


def test_only_one_scope_may_be_given(fresh: Path, server: Neo4jServer) -> None:
    result = run("pull", "-w", str(fresh), "--from", server.url, "--kabupaten", "18.02", "--all",
                 env=login(server), ok=False)
    assert result.output == "Error: Give at most one of --kecamatan, --kabupaten and --all.\n"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_closed_port_fails_in_one_sentence_without_the_password(demo: Path, lang: str) -> None:
    url = f"bolt://127.0.0.1:{free_port()}"
    secret = "never-printed-5678"
    env = {"NEO4J_USER": "neo4j", "NEO4J_PASSWORD": secret, "JEJARING_NEO4J_CONFIG": ""}
    before = contents(demo)
    for args in (["push", "-w", str(demo), "--to", url], ["pull", "-w", str(demo), "--from", url, "--all"]):
        result = run(*args, env=env, lang=lang, ok=False)
        assert result.exit_code == 1
        assert len(result.output.strip().splitlines()) == 1 and url in result.output
        assert secret not in result.output
        assert result.output.startswith({"en": "Error: Cannot reach", "id": "Kesalahan: Server Neo4j di"}[lang])
    assert contents(demo) == before


def test_a_wrong_password_fails_in_one_sentence_and_pulls_nothing(fresh: Path, server: Neo4jServer) -> None:
    """One failed login (the server locks the user after three in a row), then a good one."""
    wrong = server.password + "-keliru"
    before = contents(fresh)
    result = run("pull", "-w", str(fresh), "--from", server.url, env=login(server, wrong), ok=False)
    assert result.output == (
        f'Error: The Neo4j server at {server.url} refused the login of user "{server.user}"; check NEO4J_USER and '
        f"NEO4J_PASSWORD, or the entry for this address in {config_path(os.environ | login(server))}.\n")
    assert wrong not in result.output and server.password not in result.output
    assert contents(fresh) == before
    run("pull", "-w", str(fresh), "--from", server.url, env=login(server))


def test_a_push_cut_off_says_how_far_it_got_and_a_rerun_finishes(
    demo: Path, server: Neo4jServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = {"n": 0}
    write = neo4j_store.Neo4jStore.write

    def cut_off(self: neo4j_store.Neo4jStore, batch: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:
            raise JejaringError("neo4j.lost", url=self.url)
        return write(self, batch)

    monkeypatch.setattr(neo4j_store.Neo4jStore, "write", cut_off)
    result = run("push", "-w", str(demo), "--to", server.url, "--batch-size", "150", env=login(server), ok=False)
    assert result.output.splitlines() == [
        "2 batch(es) had been written before this failure; run the same command again to finish the copy: "
        "records are written by id, so nothing is duplicated.",
        f"Error: The connection to the Neo4j server at {server.url} was lost and the unfinished change was not kept; "
        "check the server, then try again.",
    ]
    monkeypatch.undo()
    out = run("push", "-w", str(demo), "--to", server.url, "--batch-size", "150", env=login(server)).output
    actors = sum(n for kind, n in counts(demo).items() if kind not in ("ties", "meetings"))
    assert out.splitlines()[2] == f"Actors: 0 added, 0 updated, {actors} unchanged"
    with neo4j_store.Neo4jStore(server.url, auth=server.auth) as store:
        assert store.counts() == counts(demo)


def test_push_leaves_personal_data_out_unless_asked(fresh: Path, server: Neo4jServer, tmp_path: Path) -> None:
    sheet = tmp_path / "kades.csv"
    sheet.write_text(
        "id,kind,name,village,phone,email\n"
        "kades-7001,kades,Sutrisno,18.02.02.2005,0812 3456 7890,sutrisno@example.org\n",
        encoding="utf-8",
    )
    with jejaring.workspace.open(fresh) as ws:
        ws.import_files([sheet])
    run("push", "-w", str(fresh), "--to", server.url, env=login(server))
    with neo4j_store.Neo4jStore(server.url, auth=server.auth) as store:
        shared = store.actor("kades-7001")
        assert (shared.name, shared.phone, shared.email) == ("Sutrisno", None, None)
    run("push", "-w", str(fresh), "--to", server.url, "--include-contacts", env=login(server))
    with neo4j_store.Neo4jStore(server.url, auth=server.auth) as store:
        assert store.actor("kades-7001").phone == "0812 3456 7890"
