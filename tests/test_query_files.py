"""The loader that checks query files before NCBI sees them: one broken file at a time, and
what a folder may hold."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from withdrawal_lit.errors import EXIT_USAGE, QueryFileError
from withdrawal_lit.query_files import load_queries

# -- one broken file at a time --------------------------------------------------------------
SHIPPED_DIR = Path(__file__).resolve().parents[1] / "queries"

GOOD = {
    "name": '"kratom-sleep"',
    "title": '"Kratom and sleep"',
    "question": '"In people withdrawing from opioids, does kratom change sleep?"',
    "term": '"""\n("Mitragyna"[Mesh] OR kratom*[tiab])\nAND sleep*[tiab]\n"""',
    "concepts": '[["kratom", "mitragyna"], ["sleep"]]',
}  # lines: name 1, title 2, question 3, term 4 (its text starts on 5), concepts 8


def render(extra: str = "", **changes: str | None) -> str:
    """A query file: GOOD with some values replaced (None drops the key) and lines appended."""
    values = {**GOOD, **changes}
    return "".join(f"{k} = {v}\n" for k, v in values.items() if v is not None) + extra


BAD_FILES = [
    # (id, {file name: content}, file named in the message, fragments, line or None)
    ("bad-toml", {"kratom-sleep.toml": render(title='"Kratom and sleep')},
     "kratom-sleep.toml", ["invalid TOML", "line 2"], 2),
    ("missing-name", {"kratom-sleep.toml": render(name=None)},
     "kratom-sleep.toml", ["missing required key 'name'", 'name = "'], None),
    ("missing-title", {"kratom-sleep.toml": render(title=None)},
     "kratom-sleep.toml", ["missing required key 'title'"], None),
    ("missing-question", {"kratom-sleep.toml": render(question=None)},
     "kratom-sleep.toml", ["missing required key 'question'"], None),
    ("missing-term", {"kratom-sleep.toml": render(term=None)},
     "kratom-sleep.toml", ["missing required key 'term'", 'term = """'], None),
    ("missing-concepts", {"kratom-sleep.toml": render(concepts=None)},
     "kratom-sleep.toml", ["missing required key 'concepts'"], None),
    ("empty-term", {"kratom-sleep.toml": render(term='"""\n   \n"""')},
     "kratom-sleep.toml", ["'term' is empty"], 4),
    ("empty-title", {"kratom-sleep.toml": render(title='""')},
     "kratom-sleep.toml", ["'title' is empty"], 2),
    ("unknown-key", {"kratom-sleep.toml": render('titel = "Kratom"\n')},
     "kratom-sleep.toml", ["unknown key 'titel'", "did you mean 'title'?", "known keys: concepts"],
     9),
    ("unknown-table", {"kratom-sleep.toml": render("[filters]\nyear = 2020\n")},
     "kratom-sleep.toml", ["unknown key 'filters'", "known keys"], 9),
    ("wrong-type", {"kratom-sleep.toml": render(title="42")},
     "kratom-sleep.toml", ["'title' must be a string, not an integer"], 2),
    ("wrong-type-tags", {"kratom-sleep.toml": render('tags = "kratom"\n')},
     "kratom-sleep.toml", ["'tags' must be a list of non-empty strings, not a string"], 9),
    ("name-stem-mismatch", {"kratom-insomnia.toml": render()},
     "kratom-insomnia.toml", ["name 'kratom-sleep' does not match the file name",
                              "rename the file to kratom-sleep.toml"], 1),
    ("bad-name-chars", {"Kratom_Sleep.toml": render(name='"Kratom_Sleep"')},
     "Kratom_Sleep.toml", ["name 'Kratom_Sleep' is not a valid query name", "lower-case"], 1),
    ("reserved-name", {"adhoc-12345678.toml": render(name='"adhoc-12345678"')},
     "adhoc-12345678.toml", ["'adhoc-'", "--term"], 1),
    ("duplicate", {"kratom-sleep.toml": render(), "kratom-sleep-copy.toml": render()},
     "kratom-sleep-copy.toml", ["name 'kratom-sleep' is already used by kratom-sleep.toml"], 1),
    ("concepts-empty", {"kratom-sleep.toml": render(concepts="[]")},
     "kratom-sleep.toml", ["'concepts' must be a non-empty list of lists"], 8),
    ("concepts-flat", {"kratom-sleep.toml": render(concepts='["kratom", "sleep"]')},
     "kratom-sleep.toml", ["concepts group 1 must be a non-empty list"], 8),
    ("concepts-empty-group", {"kratom-sleep.toml": render(concepts='[["kratom"], []]')},
     "kratom-sleep.toml", ["concepts group 2 must be a non-empty list"], 8),
    ("concepts-not-strings", {"kratom-sleep.toml": render(concepts='[["kratom", 7]]')},
     "kratom-sleep.toml", ["concepts group 1 holds 7"], 8),
    ("concepts-search-syntax", {"kratom-sleep.toml": render(concepts='[["kratom*[tiab]"]]')},
     "kratom-sleep.toml", ["'kratom*[tiab]' is not a plain word or phrase"], 8),
    ("concepts-too-many",
     {"kratom-sleep.toml": render(concepts='[["a1"], ["b1"], ["c1"], ["d1"], ["e1"]]')},
     "kratom-sleep.toml", ["'concepts' has 5 groups; at most 4"], 8),
    ("unclosed-paren", {"kratom-sleep.toml": render(
        term='"""\n("Mitragyna"[Mesh] OR kratom*[tiab]\nAND sleep*[tiab]\n"""')},
     "kratom-sleep.toml", ["unbalanced parentheses", "'(' is never closed", "add the missing ')'"],
     5),
    ("extra-paren", {"kratom-sleep.toml": render(
        term='"""\nkratom*[tiab]\nAND sleep*[tiab])\n"""')},
     "kratom-sleep.toml", ["unbalanced parentheses: ')' has no matching '('"], 6),
    ("unclosed-quote", {"kratom-sleep.toml": render(term="'''\n\"Mitragyna[Mesh] OR kratom\n'''")},
     "kratom-sleep.toml", ["unbalanced quotes", 'add the closing "'], 5),
    ("unclosed-tag", {"kratom-sleep.toml": render(term='"kratom[tiab AND sleep"')},
     "kratom-sleep.toml", ["field tag '[' is never closed"], 4),
    ("not-utf8", {"kratom-sleep.toml": render(title='"Kratom \udce9 sleep"')},
     "kratom-sleep.toml", ["is not UTF-8 text (byte 0xe9)", "save the file as UTF-8"], 2),
    ("roles-unknown", {"kratom-sleep.toml": render('roles = ["treatment", "condition"]\n')},
     "kratom-sleep.toml", ["unknown role 'treatment'", "intervention, condition"], 9),
    ("roles-count", {"kratom-sleep.toml": render('roles = ["intervention"]\n')},
     "kratom-sleep.toml", ["1 roles for 2 concept groups"], 9),
    ("roles-type", {"kratom-sleep.toml": render('roles = "intervention"\n')},
     "kratom-sleep.toml", ["'roles' must be a list of strings"], 9),
    ("title-too-long", {"kratom-sleep.toml": render(title='"' + "kratom " * 20 + '"')},
     "kratom-sleep.toml", ["'title' is 139 characters"], 2),
]  # fmt: skip


@pytest.mark.parametrize(
    ("files", "named", "fragments", "line"),
    [case[1:] for case in BAD_FILES],
    ids=[case[0] for case in BAD_FILES],
)
def test_a_broken_file_is_named_with_the_problem_and_the_fix(
    tmp_path, files, named, fragments, line
):
    folder = tmp_path / "queries"
    folder.mkdir()
    for file_name, text in files.items():
        (folder / file_name).write_bytes(text.encode("utf-8", "surrogateescape"))

    with pytest.raises(QueryFileError) as caught:
        load_queries([folder])

    message = str(caught.value)
    assert str(folder / named) in message
    if line is not None:
        assert f"{named}:{line}:" in message
    for fragment in fragments:
        assert fragment.lower() in message.lower()
    assert "\n" not in message and caught.value.hint
    assert caught.value.exit_code == EXIT_USAGE


@pytest.mark.parametrize("kind", ["missing", "a file"])
def test_a_folder_that_is_not_there_says_which_and_how_to_fix_it(tmp_path, kind):
    folder = tmp_path / "my-queries"
    if kind == "a file":
        folder.write_text("")
    with pytest.raises(QueryFileError) as caught:
        load_queries([SHIPPED_DIR, folder])
    message = str(caught.value)
    assert str(folder) in message
    assert "--queries-dir" in message and "WITHDRAWAL_LIT_QUERIES" in message


def test_the_package_s_own_folder_missing_says_to_restore_it_not_to_point_elsewhere(tmp_path):
    with pytest.raises(QueryFileError) as caught:
        load_queries([tmp_path / "queries", SHIPPED_DIR])
    message = str(caught.value)
    assert f"predefined queries folder {tmp_path / 'queries'} is missing" in message
    assert "reinstall withdrawal-lit" in message.lower() and "git checkout -- queries" in message
    assert "--queries-dir" not in message


# -- what a folder may hold -----------------------------------------------------------------
def write(folder: Path, name: str = "kratom-sleep", **changes: str | None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(render(name=f'"{name}"', **changes), encoding="utf-8")
    return path


def test_a_file_becomes_a_query(tmp_path):
    path = write(
        tmp_path / "q",
        title='"""  Kratom\n and sleep """',
        concepts='[["Kratom", "kratom", "Mitragyna  Speciosa"], ["sleep*"]]',
        extra='tags = ["kratom", "sleep", "kratom"]\nnotes = "scope"\n',
    )
    query = load_queries([tmp_path / "q"])["kratom-sleep"]
    assert query.title == "Kratom and sleep"
    assert query.concepts == (("kratom", "mitragyna speciosa"), ("sleep*",))
    assert query.tags == ("kratom", "sleep")
    assert query.term == '("Mitragyna"[Mesh] OR kratom*[tiab])\nAND sleep*[tiab]'
    assert query.path == str(path)


def test_a_byte_order_mark_is_accepted(tmp_path):
    folder = tmp_path / "q"
    folder.mkdir()
    (folder / "kratom-sleep.toml").write_bytes(b"\xef\xbb\xbf" + render().encode())
    assert list(load_queries([folder])) == ["kratom-sleep"]


def test_only_toml_files_directly_inside_are_read(tmp_path):
    folder = tmp_path / "q"
    write(folder)
    write(folder / "nested", "kratom-nested")
    (folder / "README.md").write_text("not a query")
    (folder / "kratom-sleep.toml.bak").write_text("broken = [")
    (folder / ".#kratom-sleep.toml").symlink_to("nowhere@host.123")  # an editor's lock file
    assert list(load_queries([folder])) == ["kratom-sleep"]


def test_a_link_out_of_the_folder_is_refused(tmp_path):
    outside = write(tmp_path / "elsewhere", "kratom-sleep")
    folder = tmp_path / "q"
    folder.mkdir()
    (folder / "kratom-sleep.toml").symlink_to(outside)
    with pytest.raises(QueryFileError, match="outside the queries folder; refused"):
        load_queries([folder])


def test_a_link_within_the_folder_is_followed(tmp_path):
    folder = tmp_path / "q"
    target = write(folder / "drafts", "kratom-sleep")
    (folder / "kratom-sleep.toml").symlink_to(target)
    assert list(load_queries([folder])) == ["kratom-sleep"]


def test_a_broken_link_is_named(tmp_path):
    folder = tmp_path / "q"
    folder.mkdir()
    (folder / "kratom-sleep.toml").symlink_to(folder / "gone.toml")
    with pytest.raises(QueryFileError, match=r"kratom-sleep\.toml: is a broken link"):
        load_queries([folder])


def test_a_loop_of_links_is_named(tmp_path):
    folder = tmp_path / "q"
    folder.mkdir()
    (folder / "a-loop.toml").symlink_to(folder / "b-loop.toml")
    (folder / "b-loop.toml").symlink_to(folder / "a-loop.toml")
    with pytest.raises(QueryFileError, match=r"a-loop\.toml: is a link that never ends"):
        load_queries([folder])


def test_something_other_than_a_file_is_refused_unread(tmp_path):
    folder = tmp_path / "q"
    folder.mkdir()
    os.mkfifo(folder / "kratom-sleep.toml")  # reading it would block for ever
    with pytest.raises(QueryFileError, match=r"kratom-sleep\.toml: is not a regular file"):
        load_queries([folder])


def test_a_later_folder_overrides_by_name(tmp_path):
    write(tmp_path / "first", "kratom-sleep", title='"First"')
    write(tmp_path / "first", "melatonin-sleep")
    override = write(tmp_path / "second", "kratom-sleep", title='"Second"')
    write(tmp_path / "second", "a-first-in-order")

    queries = load_queries([tmp_path / "first", tmp_path / "second"])

    assert list(queries) == ["a-first-in-order", "kratom-sleep", "melatonin-sleep"]
    assert queries["kratom-sleep"].title == "Second"
    assert queries["kratom-sleep"].path == str(override)
