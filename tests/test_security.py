"""Secrets and hostile input: the NCBI API key never leaves the process (output, errors, logs,
the cache and its write-ahead log, exports, JSON, `config`, exception text), even when NCBI
echoes it back; XML that declares entities is refused unparsed; a query name cannot reach
outside the queries folder; nothing in a query file is ever run."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import traceback
from pathlib import Path

import corpus
import pytest
from cli_run import run
from fake_eutils import FakeEutils, _Reply
from fault_helpers import KRATOM, NEW, data, db_path

from withdrawal_lit.cli import cli
from withdrawal_lit.errors import EXIT_NCBI, EXIT_USAGE, WithdrawalLitError
from withdrawal_lit.pubmed import EntrezClient
from withdrawal_lit.settings import resolve

KEY = "SEKRETKEY-3c1f8a9e7d2b4f6a0e5c"  # distinctive: any leak shows up in a plain search
EMAIL = "researcher@example.org"


pytestmark = pytest.mark.fake(config="backoff = 0\nretries = 1\n", env={"NCBI_EMAIL": EMAIL})


def key_from(source: str, monkeypatch, isolated) -> None:
    """Give the key as a user would: in the environment, or in the config file only."""
    if source == "env":
        monkeypatch.setenv("NCBI_API_KEY", KEY)
    else:
        config = isolated / "config.toml"
        config.write_text(config.read_text() + f'api_key = "{KEY}"\n')
        config.chmod(0o600)


def files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def assert_nowhere(folder: Path, texts: list[str]) -> None:
    for text in texts:
        assert KEY not in text, text
    for path in files_under(folder):
        if path.name == "config.toml":
            continue  # where the user put it
        assert KEY.encode() not in path.read_bytes(), path


COMMANDS = [
    ("search", "--json"),
    ("search", KRATOM, "--refresh", "--explain"),
    ("show", "31000001"),
    ("show", "34000006", "--json"),
    ("queries", "--json"),
    ("config",),
    ("config", "--json"),
    ("export", "--format", "jsonl"),
    ("export", "--format", "ris", "-o", "{tmp}/out/library.ris"),
    ("export", "--format", "csv", "-o", "{tmp}/out/library.csv"),
    ("log", "--json"),
    ("log", "--prisma"),
    ("report", "-o", "{tmp}/out/report.html"),
    ("digest", "--json"),
    ("refresh", "--log-file", "{tmp}/out/refresh.log"),
    ("refresh", "--full", "--quiet", "--log-file", "{tmp}/out/refresh.log"),
    ("new", "--json"),
    ("runs", "--all", "--json"),
    ("schedule", "--cron"),
    ("schedule", "--systemd"),
    ("cache", "check", "--json"),
    ("cache", "rebuild"),
]


def test_every_command_is_checked_for_the_key():
    assert set(cli.commands) == {args[0] for args in COMMANDS}


FAILURES = [  # NCBI echoes the key back in 400 and 429 bodies
    ("esearch", "400"),
    ("esearch", "429"),
    ("efetch", "400"),
    ("efetch", "429"),
    ("efetch", "reset"),
    ("epost", "500"),
    ("esearch", "error200"),
]


@pytest.mark.parametrize("source", ["env", "config"])
def test_the_api_key_never_leaves_the_process(
    fake, monkeypatch, isolated, source, post_every_fetch
):
    key_from(source, monkeypatch, isolated)
    (isolated / "out").mkdir()
    texts: list[str] = []
    watcher = None
    for args in COMMANDS:
        assert args[0] in cli.commands, f"{args[0]} is not a command: update COMMANDS"
        result = run(*(a.format(tmp=isolated) for a in args))
        assert result.exit_code == 0, (args, result.output)
        texts.append(result.output)
        if watcher is None:  # hold a read open: later writes stay in the -wal, to be searched
            watcher = sqlite3.connect(db_path())
            watcher.execute("BEGIN")
            watcher.execute("SELECT count(*) FROM records").fetchone()
    for index, (utility, kind) in enumerate(FAILURES):
        pmid, word = str(39200001 + index), f"probe{index}"
        fake.add_article(pmid, f"Kratom for opioid withdrawal, {word}", year=2025)
        fake.inject(utility, kind, times=10)
        search, show = ("search", "--term", f"{word}[tiab]"), ("show", pmid)
        # An ad-hoc search asks esearch and efetch (its own history set); `show` of an
        # uncached record asks epost and efetch.
        for args in {"esearch": [search], "efetch": [search, show], "epost": [show]}[utility]:
            result = run(*args)
            assert result.exit_code != 0, (utility, kind, result.output)
            texts.append(result.output)
        fake.faults.clear()
    assert db_path().with_name(db_path().name + "-wal").stat().st_size > 0
    assert_nowhere(isolated, texts)
    watcher.close()
    assert_nowhere(isolated, texts)
    assert any(seen.params.get("api_key") == KEY for seen in fake.requests)  # it was used


def test_the_key_stays_out_of_exceptions_and_their_tracebacks(fake, isolated):
    settings = resolve(env={}, config=isolated / "none.toml", eutils_url=fake.url, api_key=KEY)
    fake.inject("esearch", "400")
    client = EntrezClient(settings)
    with pytest.raises(WithdrawalLitError) as caught:
        client.esearch("kratom")
    text = "".join(traceback.format_exception(caught.value))
    assert "API key invalid" in text
    assert KEY not in text and KEY not in repr(caught.value.args)
    assert KEY not in repr(settings) and KEY not in " ".join(client.stats.failures)


def test_config_shows_only_the_last_four_characters(fake, monkeypatch, isolated):
    key_from("env", monkeypatch, isolated)
    values = json.loads(run("config", "--json").stdout)
    assert values["api_key"] == f"***{KEY[-4:]}"


def test_a_traceback_never_reaches_the_user(fake, monkeypatch, isolated):
    """Even an error no one foresaw: a real process prints one line, never the key."""
    key_from("env", monkeypatch, isolated)
    db_path().write_bytes(b"SQLite format 3\x00" + b"\x00" * 84)  # a header and nothing else
    proc = subprocess.run(
        [sys.executable, "-m", "withdrawal_lit", "search", "--offline"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 5, proc.stderr
    assert len(proc.stderr.splitlines()) == 1 and "Traceback" not in proc.stderr
    assert KEY not in proc.stderr + proc.stdout


# -- XML that declares entities -------------------------------------------------------------
LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE {root} [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + "]>\n{body}"
)
EXTERNAL = '<?xml version="1.0"?>\n<!DOCTYPE {root} [\n <!ENTITY xxe SYSTEM "{target}">\n]>\n{body}'
BODIES = {
    "esearch": ("eSearchResult", "<eSearchResult><Count>1</Count><IdList><Id>{ref}</Id>"
                "</IdList></eSearchResult>"),
    "efetch": ("PubmedArticleSet", '<PubmedArticleSet><PubmedArticle><MedlineCitation>'
               '<PMID Version="1">39100001</PMID><Article><ArticleTitle>{ref}</ArticleTitle>'
               "</Article></MedlineCitation></PubmedArticle></PubmedArticleSet>"),
    "epost": ("ePostResult", "<ePostResult><QueryKey>1</QueryKey><WebEnv>{ref}</WebEnv>"
              "</ePostResult>"),
}  # fmt: skip


class HostileEutils(FakeEutils):
    """Answers one utility with a document of its choosing."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.hostile: dict[str, bytes] = {}

    def _answer(self, utility, params):
        if utility in self.hostile:
            return _Reply(200, self.hostile[utility])
        return super()._answer(utility, params)


def hostile_document(kind: str, utility: str, target: Path) -> bytes:
    root, body = BODIES[utility]
    if kind == "billion-laughs":
        return LAUGHS.format(root=root, body=body.format(ref="&lol9;")).encode()
    return EXTERNAL.format(
        root=root, target=target.as_uri(), body=body.format(ref="&xxe;")
    ).encode()


@pytest.mark.parametrize("utility", ["esearch", "epost", "efetch"])
@pytest.mark.parametrize(
    ("kind", "entity"), [("billion-laughs", "'lol'"), ("external-entity", "'xxe' pointing at")]
)
def test_xml_declaring_entities_is_refused_and_the_cache_kept(
    monkeypatch, isolated, utility, kind, entity, post_every_fetch
):
    secret = isolated / "secret.txt"
    secret.write_text("root:PRIVATE-CONTENT\n")
    (isolated / "config.toml").write_text("backoff = 0\n")
    with HostileEutils() as server:
        corpus.load(server)
        monkeypatch.setenv("WITHDRAWAL_LIT_EUTILS_URL", server.url)
        assert run("search", KRATOM).exit_code == 0
        for record in NEW:
            server.add_article(**record)
        before = data(db_path())
        server.hostile = {utility: hostile_document(kind, utility, secret)}
        # A term that also finds cached records, so the new ones are posted, then fetched.
        result = run("search", "--term", "kratom[tiab] AND withdrawal[tiab]")
    assert result.exit_code == EXIT_NCBI, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: Refused the {_what(utility)} ")
    assert f"declares the entity {entity}" in lines[0]
    assert "check the configured eutils URL or any proxy" in lines[0]
    assert "PRIVATE-CONTENT" not in result.output and "lollol" not in result.output
    assert data(db_path()) == before


def _what(utility: str) -> str:
    return "PubMed response" if utility == "efetch" else f"{utility} response"


# -- query names and query files --------------------------------------------------------------
@pytest.mark.parametrize(
    "name", ["../../etc/passwd", "/etc/passwd", "..", "kratom-opioid-withdrawal/../x", "~root"]
)
def test_a_query_name_is_only_ever_a_name(name):
    for command in ("search", "queries"):
        result = run(command, name)
        assert result.exit_code == EXIT_USAGE
        assert result.stderr.startswith(f"Error: unknown query '{name}'")


def test_a_link_out_of_the_queries_folder_is_refused(isolated):
    folder = isolated / "q"
    folder.mkdir()
    (folder / "passwd.toml").symlink_to("/etc/passwd")
    result = run("--queries-dir", str(folder), "queries")
    assert result.exit_code == EXIT_USAGE
    assert "is a link to /etc/passwd, outside the queries folder; refused" in result.stderr
    assert "root:" not in result.output


def test_nothing_in_a_query_file_is_ever_run(fake, isolated):
    marker = isolated / "executed"
    folder = isolated / "q"
    folder.mkdir()
    term = f'kratom[tiab] AND "$(touch {marker})"[tiab] AND "`touch {marker}`"[tiab]'
    (folder / "kratom-shell.toml").write_text(
        'name = "kratom-shell"\n'
        "title = \"$(rm -rf ~) {{ os.system('id') }}\"\n"
        f"question = \"__import__('os').system('touch {marker}')\"\n"
        f"term = '{term}'\n"
        'concepts = [["kratom"]]\n'
        f"notes = \"exec(open('{marker}', 'w'))\"\n"
    )
    result = run("--queries-dir", str(folder), "search", "kratom-shell", "--json")
    assert result.exit_code == 0, result.output
    assert not marker.exists()
    searched = [seen.params["term"] for seen in fake.requests if seen.utility == "esearch"]
    assert searched == [term]  # sent as text, exactly
