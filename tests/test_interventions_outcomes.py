"""Named interventions and outcomes: canonical names, abbreviations, MeSH, mention order."""

from __future__ import annotations

import pytest
from data.labelled_records import record

from withdrawal_lit.interventions_outcomes import interventions, outcomes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mitragyna speciosa leaves", ("kratom",)),
        ("M. speciosa and ketum", ("kratom",)),
        ("7-OH and 7-OH-mitragynine", ("7-hydroxymitragynine",)),
        ("7-hydroxymitragynine alone", ("7-hydroxymitragynine",)),
        ("mitragynine pseudoindoxyl", ("mitragynine pseudoindoxyl",)),
        ("mitragynine, then kratom", ("mitragynine", "kratom")),
        ("buprenorphine-naloxone taper", ("buprenorphine", "naloxone")),
        ("Suboxone, Lucemyra and methadone", ("buprenorphine", "lofexidine", "methadone")),
        ("melatonin and ramelteon", ("melatonin", "ramelteon")),
        (
            "clonidine, gabapentin, tramadol, morphine",
            ("clonidine", "gabapentin", "tramadol", "morphine"),
        ),
        ("CBD and naltrexone", ("cannabidiol", "naltrexone")),
        (
            "electroacupuncture and Chinese herbal medicine",
            ("acupuncture", "Chinese herbal medicine"),
        ),
        ("promethazine only", ()),
    ],
)
def test_interventions(text, expected):
    assert interventions(record("1", text)) == expected


def test_interventions_read_mesh_and_keep_first_mention_order():
    article = record("1", "Methadone taper", "Adding melatonin helped.", mesh=("Mitragyna",))
    assert interventions(article) == ("methadone", "melatonin", "kratom")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("COWS and SOWS scores", ("COWS", "SOWS")),
        ("Clinical Opiate Withdrawal Scale", ("COWS",)),
        ("cows and sows on a farm", ()),
        ("severity of withdrawal", ("withdrawal severity",)),
        ("insomnia and PSQI", ("sleep",)),
        ("cravings and anxiety-like behaviour", ("craving", "anxiety")),
        ("depressive symptoms", ("depression",)),
        ("respiratory depression", ("respiratory depression",)),
        ("antinociception", ("pain",)),
        ("adverse events and side effects", ("adverse events",)),
        ("drug-induced liver injury", ("hepatotoxicity",)),
        ("a seizure", ("seizures",)),
        ("physical dependence", ("dependence",)),
        ("eleven deaths", ("mortality",)),
        ("retention in treatment", ("retention in treatment",)),
    ],
)
def test_outcomes(text, expected):
    assert outcomes(record("1", text)) == expected
