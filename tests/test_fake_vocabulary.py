"""The fake's model of PubMed's indexes: unknown names dropped, unknown phrases split, each
with NCBI's message and a translation that shows it; the shipped headings all known."""

from __future__ import annotations

import pytest
from fake_vocabulary import shipped_texts, vocabulary

from withdrawal_lit.query_files import load_queries
from withdrawal_lit.querycheck import leaves
from withdrawal_lit.settings import builtin_queries_dir


def two_articles(server) -> None:
    server.add_article("1", "Kratom withdrawal in methadone patients", mesh=(("Mitragyna", True),))
    server.add_article("2", "Sleep after methadone")


pytestmark = pytest.mark.fake(corpus=False, vocabulary=True, config=None, load=two_articles)


def test_every_name_in_the_shipped_queries_is_known():
    known = vocabulary()
    for query in load_queries([builtin_queries_dir()]).values():
        for leaf in leaves(query.term):
            if leaf.is_name:
                assert known.knows(leaf.field.split(":")[0], leaf.text), (query.name, leaf)
    assert "opioid dependen*" in shipped_texts()


@pytest.mark.parametrize(
    ("term", "ids", "translation", "messages"),
    [
        ('"Mitragyna"[Mesh]', ["1"], '"Mitragyna"[MeSH Terms]', []),
        # an unknown heading is dropped, with the operator that joined it
        ('"Mitragina"[Mesh] AND methadone[tiab]', ["2", "1"], "methadone[Title/Abstract]",
         [("PhraseNotFound", "Mitragina")]),
        ('methadone[tiab] NOT "Mitragina"[Mesh]', ["2", "1"], "methadone[Title/Abstract]",
         [("PhraseNotFound", "Mitragina")]),
        # an unknown quoted phrase is searched as its words
        ('"withdrawal kratom"[tiab]', ["1"],
         "withdrawal[Title/Abstract] AND kratom[Title/Abstract]",
         [("QuotedPhraseNotFound", '"withdrawal kratom"')]),
        # a stopword alone is ignored
        ('methadone[tiab] AND the[tiab]', ["2", "1"], "methadone[Title/Abstract]",
         [("PhraseIgnored", "the")]),
        # a phrase PubMed holds but these records do not: no message
        ('"opioid agonist treatment*"[tiab]', [], '"opioid agonist treatment*"[Title/Abstract]',
         [("OutputMessage", "No items found.")]),
    ],
)  # fmt: skip
def test_unknown_names_and_phrases(fake, term, ids, translation, messages):
    reply = fake._esearch({"term": term}).body.decode()
    outcome = fake.search(term)
    assert outcome.ids == ids
    assert outcome.translation == translation
    assert (
        outcome.errors
        + outcome.warnings
        + ([("OutputMessage", "No items found.")] if not ids else [])
        == messages
    )
    assert "<QueryTranslation>" in reply
