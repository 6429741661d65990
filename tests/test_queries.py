"""The shipped PubMed searches, choosing queries by name, and ad-hoc --term queries."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from withdrawal_lit.errors import InputError, QueryFileError
from withdrawal_lit.pubmed_term import normalise_term, term_syntax_problem
from withdrawal_lit.queries import adhoc, select
from withdrawal_lit.query_files import load_queries

SHIPPED_DIR = Path(__file__).resolve().parents[1] / "queries"
SHIPPED_FILES = sorted(SHIPPED_DIR.glob("*.toml"))
EXPECTED_NAMES = {
    "kratom-opioid-withdrawal",
    "melatonin-opioid-withdrawal",
    "melatonin-kratom-natural",
    "kratom-safety-dependence",
    "kratom-pharmacology",
    "melatonin-opioid-mechanisms",
    "sleep-opioid-withdrawal",
    "complementary-opioid-withdrawal-trials",
    "kratom-melatonin-interactions",
}
# Field tags PubMed has and the shipped searches may use (compared lower-case).
PUBMED_TAGS = {
    "mesh", "mesh terms", "mh", "majr", "tiab", "ti", "pt", "la", "supplementary concept",
    "nm", "dp", "pa", "mesh:noexp",
}  # fmt: skip
QUOTED_OR_TAG = re.compile(r'"[^"]*"|\[[^\]]*\]')


# -- the shipped files ----------------------------------------------------------------------
def test_every_question_ships_and_loads():
    queries = load_queries([SHIPPED_DIR])
    assert set(queries) >= EXPECTED_NAMES
    assert list(queries) == sorted(queries)
    assert len(SHIPPED_FILES) == len(queries) >= 8


@pytest.fixture(scope="module")
def shipped():
    return load_queries([SHIPPED_DIR])


@pytest.mark.parametrize("path", SHIPPED_FILES, ids=lambda p: p.stem)
def test_shipped_term_is_a_librarians_search(path, shipped):
    query = shipped[path.stem]
    term = query.term
    assert term_syntax_problem(term) is None
    assert term.count("(") == term.count(")") and term.count('"') % 2 == 0

    tags = [t.lower() for t in re.findall(r"\[([^\]]*)\]", term)]
    assert set(tags) <= PUBMED_TAGS, set(tags) - PUBMED_TAGS
    assert "mesh" in tags and "tiab" in tags
    # MeSH headings are quoted, so PubMed neither maps nor splits them.
    assert not re.search(r'[^"\s(]\[Mesh\]', term)
    # Boolean operators must be upper case; lower-case ones are silently searched as words.
    bare = QUOTED_OR_TAG.sub(" ", term)
    assert not re.search(r"\b(and|or|not)\b", bare), "lower-case boolean operator"
    assert "\n" in term, "laid out for people to read"
    # PubMed expands a truncated word only from four characters before the wildcard.
    for word in re.findall(r"([\w-]+)\*", term):
        assert len(word.rsplit("-", 1)[-1]) >= 4, word
    assert " ".join(term.split()) == normalise_term(term)


@pytest.mark.parametrize("path", SHIPPED_FILES, ids=lambda p: p.stem)
def test_shipped_concepts_name_the_questions_concepts(path, shipped):
    query = shipped[path.stem]
    assert query.name == path.stem and query.path == str(path)
    assert query.title and len(query.title) <= 100
    assert query.question.endswith("?")
    assert 1 <= len(query.concepts) <= 4
    lowered = query.term.lower()
    for group in query.concepts:
        assert group and all(s == s.lower() and s.strip() == s for s in group)
        assert any(s in lowered for s in group), f"no synonym of {group} is in the search"


def test_a_users_folder_overrides_a_shipped_query(tmp_path):
    shipped_file = SHIPPED_DIR / "kratom-opioid-withdrawal.toml"
    mine = tmp_path / "mine"
    mine.mkdir()
    text = re.sub(r"(?m)^title = .*$", 'title = "My own kratom search"', shipped_file.read_text())
    (mine / shipped_file.name).write_text(text)
    queries = load_queries([SHIPPED_DIR, mine])
    assert set(queries) >= EXPECTED_NAMES
    assert queries["kratom-opioid-withdrawal"].title == "My own kratom search"


# -- choosing queries -----------------------------------------------------------------------
def test_select_without_names_is_every_query_in_order(shipped):
    assert [q.name for q in select(shipped, [])] == sorted(shipped)


def test_select_keeps_the_order_given_once_each(shipped):
    names = ["sleep-opioid-withdrawal", "kratom-pharmacology", "sleep-opioid-withdrawal"]
    chosen = select(shipped, names)
    assert [q.name for q in chosen] == ["sleep-opioid-withdrawal", "kratom-pharmacology"]


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("kratom-withdrawl", "kratom-opioid-withdrawal"),
        ("melatonin-mechanisms", "melatonin-opioid-mechanisms"),
        ("sleep-withdrawal", "sleep-opioid-withdrawal"),
        ("zzzz", None),
    ],
)
def test_select_an_unknown_name_suggests_the_closest(shipped, typed, suggested):
    with pytest.raises(InputError) as caught:
        select(shipped, ["kratom-pharmacology", typed])
    error = caught.value
    assert not isinstance(error, QueryFileError)
    assert error.message == f"unknown query '{typed}'"
    assert "`withdrawal-lit queries` lists them" in error.hint
    if suggested:
        assert error.hint.startswith(f"did you mean '{suggested}'?")
    else:
        assert "did you mean" not in error.hint


# -- ad-hoc terms ---------------------------------------------------------------------------
ADHOC_CONCEPTS = [
    ("kratom", (("kratom",),)),
    ("kratom AND withdrawal", (("kratom",), ("withdrawal",))),
    ("kratom opioid withdrawal", (("kratom",), ("opioid",), ("withdrawal",))),
    ("(kratom OR mitragynine) AND (withdrawal OR detoxification)",
     (("kratom", "mitragynine"), ("withdrawal", "detoxification"))),
    ('"Mitragyna"[Mesh] OR kratom*[tiab]', (("mitragyna", "kratom"),)),
    # PubMed reads operators left to right: (kratom OR melatonin) AND withdrawal
    ("kratom OR melatonin AND withdrawal", (("kratom", "melatonin"), ("withdrawal",))),
    ("kratom AND withdrawal OR sleep", (("kratom", "withdrawal", "sleep"),)),
    ("melatonin NOT (rats OR mice)", (("melatonin",),)),
    ("kratom NOT review[pt] AND english[la] AND 2015:2020[dp]", (("kratom",),)),
    ("opioid withdrawal[tiab] AND Melatonin", (("opioid withdrawal",), ("melatonin",))),
    ('"Plant Extracts/adverse effects"[Mesh] AND "opioid use disorder*"[tiab]',
     (("plant extracts",), ("opioid use disorder",))),
    ('(melatonin OR (kratom AND speciosa)) AND ("opioid withdrawal"[tiab:~3] OR 7-OH)',
     (("melatonin", "kratom", "speciosa"), ("opioid withdrawal", "7-oh"))),
    ("treatment of insomnia", (("treatment",), ("insomnia",))),
    ("melatonin AND 2020 AND (1 OR 2)", (("melatonin",),)),
    ("kratom AND (kratom OR kratom*)", (("kratom",),)),
    # Words typed side by side are one alternative of an OR (PubMed maps each part between
    # operators): the phrase, and each word but generic ones, since PubMed ANDs them rather
    # than quoting them.
    ("melatonin AND (opioid withdrawal OR morphine withdrawal)",
     (("melatonin",),
      ("opioid withdrawal", "opioid", "withdrawal", "morphine withdrawal", "morphine"))),
    ("kratom AND (adverse effects OR toxicity)",
     (("kratom",), ("adverse effects", "adverse", "toxicity"))),
    ('(use of kratom OR "kratom use") AND heroin',
     (("use of kratom", "kratom", "kratom use"), ("heroin",))),
    # a plant's binomial name typed side by side stays one name (term_phrases.BINOMIALS)
    ("Mitragyna speciosa opioid withdrawal",
     (("mitragyna speciosa",), ("opioid",), ("withdrawal",))),
    ("passiflora incarnata AND withdrawal", (("passiflora incarnata",), ("withdrawal",))),
    ("mitragyna AND speciosa", (("mitragyna",), ("speciosa",))),  # typed apart: as typed
    # function words on PubMed's stopword list are no concepts
    ("sleep during withdrawal among heroin users",
     (("sleep",), ("withdrawal",), ("heroin",), ("users",))),
]  # fmt: skip


@pytest.mark.parametrize(("term", "concepts"), ADHOC_CONCEPTS, ids=[t for t, _ in ADHOC_CONCEPTS])
def test_adhoc_concepts_follow_the_terms_and_blocks(term, concepts):
    assert adhoc(term).concepts == concepts


def test_adhoc_query_is_named_by_the_normalised_term():
    query = adhoc("  kratom\n AND   withdrawal ")
    digest = hashlib.sha1(b"kratom AND withdrawal").hexdigest()[:8]
    assert query.name == f"adhoc-{digest}"
    assert query.term == "kratom AND withdrawal"
    assert query.title == "kratom AND withdrawal"
    assert query.path is None
    assert adhoc("kratom AND withdrawal").name == query.name
    assert adhoc("kratom AND sleep").name != query.name


def test_adhoc_title_is_shortened():
    term = " OR ".join(f"word{i}[tiab]" for i in range(30))
    title = adhoc(term).title
    assert len(title) <= 60 and title.endswith("...") and term.startswith(title[:-3])


@pytest.mark.parametrize(
    ("term", "fragment"),
    [
        ("", "the search term is empty"),
        (" \n\t ", "the search term is empty"),
        ("(kratom OR mitragynine AND withdrawal", "unbalanced parentheses"),
        ('"opioid withdrawal[tiab] AND kratom', "unbalanced quotes"),
    ],
)
def test_adhoc_refuses_a_blank_or_unbalanced_term(term, fragment):
    with pytest.raises(InputError) as caught:
        adhoc(term)
    assert fragment in caught.value.message and caught.value.hint
