"""The `registry_term` key of query files: ClinicalTrials.gov syntax, checked when read."""

from __future__ import annotations

from pathlib import Path

import pytest

from withdrawal_lit.errors import QueryFileError
from withdrawal_lit.query_files import load_queries
from withdrawal_lit.registry_term import registry_term_problem

SHIPPED_DIR = Path(__file__).resolve().parents[1] / "queries"

GOOD = [
    'kratom OR mitragynine OR "Mitragyna speciosa"',
    '(melatonin OR ramelteon) AND ("opioid withdrawal" OR methadone)',
    "AREA[InterventionName]kratom AND AREA[Condition]opioid",
    "kratom AND AREA[LastUpdatePostDate]RANGE[2024-01-01,MAX]",
    'melatonin NOT "alcohol"',
]
BAD = [
    ("", "empty"),
    ("   \n ", "empty"),
    ("kratom[tiab] AND withdrawal", "[tiab] is a PubMed field tag"),
    ('"Mitragyna"[Mesh]', "[Mesh] is a PubMed field tag"),
    ("kratom* AND opioid", "'*' truncation"),
    ("(kratom OR mitragynine AND opioid", "unbalanced parentheses"),
    ('"opioid withdrawal AND kratom', "unbalanced quotes"),
    ("kratom AND", "'AND' has nothing after it"),
    ("OR kratom", "'OR' has nothing before it"),
    ("(kratom OR ) AND opioid", "'OR' has nothing after it"),
    ("x" * 2001, "2001 characters"),
]


@pytest.mark.parametrize("term", GOOD)
def test_register_expressions_pass(term):
    assert registry_term_problem(term) is None


@pytest.mark.parametrize(("term", "problem"), BAD)
def test_pubmed_syntax_and_broken_expressions_are_named(term, problem):
    found = registry_term_problem(term)
    assert found is not None and problem in found[0]
    assert found[1]  # always a fix


def test_every_shipped_question_has_a_register_term():
    for query in load_queries([SHIPPED_DIR]).values():
        assert query.registry_term, query.name
        assert registry_term_problem(query.registry_term) is None
        assert "\n" not in query.registry_term  # sent as one line


QUERY = """name = "kratom-sleep"
title = "Kratom and sleep"
question = "Does kratom help sleep in opioid withdrawal?"
term = "kratom[tiab] AND sleep[tiab]"
concepts = [["kratom"], ["sleep"]]
"""


def test_registry_term_is_optional(tmp_path):
    (tmp_path / "kratom-sleep.toml").write_text(QUERY)
    assert load_queries([tmp_path])["kratom-sleep"].registry_term is None


def test_registry_term_is_read_and_collapsed(tmp_path):
    text = QUERY + 'registry_term = """\n(kratom OR mitragynine)\nAND sleep"""\n'
    (tmp_path / "kratom-sleep.toml").write_text(text)
    query = load_queries([tmp_path])["kratom-sleep"]
    assert query.registry_term == "(kratom OR mitragynine) AND sleep"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('registry_term = "kratom[tiab]"', "kratom-sleep.toml:6: registry_term: [tiab]"),
        ("registry_term = 3", "'registry_term' must be a string, not an integer"),
        ('registry_term = " "', "registry_term: it is empty"),
        ('registy_term = "kratom"', "Did you mean 'registry_term'?"),
    ],
)
def test_bad_registry_term_is_one_line_naming_file_and_line(tmp_path, line, message):
    (tmp_path / "kratom-sleep.toml").write_text(QUERY + line + "\n")
    with pytest.raises(QueryFileError) as caught:
        load_queries([tmp_path])
    assert message in caught.value.one_line()
    assert "\n" not in caught.value.one_line()


def test_queries_command_shows_the_register_term():
    import json

    from click.testing import CliRunner

    from withdrawal_lit.cli import cli

    result = CliRunner().invoke(cli, ["queries", "kratom-opioid-withdrawal", "--json"])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.output)
    assert row["registry_term"].startswith("(kratom OR mitragynine")
    table = CliRunner().invoke(cli, ["queries", "kratom-opioid-withdrawal"])
    assert "ClinicalTrials.gov:" in table.output
