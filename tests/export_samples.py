"""Sample papers for the export tests: a trial, an animal study, a retracted paper, a book,
and two papers whose BibTeX keys clash."""

from __future__ import annotations

from withdrawal_lit.records import (
    AbstractSection,
    Article,
    Author,
    CommentCorrection,
    MeshHeading,
)

KRATOM_RCT = Article(
    pmid="30566987",
    title="Kratom (Mitragyna speciosa) for opioid withdrawal: a randomised controlled trial",
    abstract_sections=(
        AbstractSection("Kratom is used to self-treat opioid withdrawal.", "BACKGROUND"),
        AbstractSection(
            "We randomised 120 adults with opioid use disorder to kratom or placebo.", "METHODS"
        ),
        AbstractSection(
            "Withdrawal scores fell more with kratom (p < 0.05) & 50% stayed abstinent.", "RESULTS"
        ),
        AbstractSection(
            "Kratom reduced opioid withdrawal symptoms compared with placebo.", "CONCLUSIONS"
        ),
    ),
    authors=(
        Author("Müller", "Jan", "J", affiliations=("Universität Wien, Vienna, Austria.",)),
        Author("Østergaard", "Åse", "Å"),
        Author("Núñez", "José María", "JM"),
        Author(collective_name="Kratom Withdrawal Study Group"),
    ),
    journal="Drug and alcohol dependence",
    journal_iso="Drug Alcohol Depend",
    volume="196",
    issue="2",
    pages="1-8",
    year=2019,
    pub_date="2019-03-01",
    publication_types=("Journal Article", "Randomized Controlled Trial"),
    mesh=(
        MeshHeading("Humans", "D006801"),
        MeshHeading("Mitragyna", "D065687", major=True),
        MeshHeading("Opioid-Related Disorders", "D009293", True, ("drug therapy",)),
    ),
    keywords=("kratom", "opioid withdrawal"),
    doi="10.1016/j.drugalcdep.2018.11.029",
    pmcid="PMC6400001",
    nihms_id="NIHMS1012345",
    languages=("eng",),
    entrez_date="2019-03-05",
    created_date="2019-03-05",
    status="MEDLINE",
)
MELATONIN_RATS = Article(
    pmid="16377612",
    title="Melatonin & 5-HT_{1A} receptors: 100% of $ #~^\\ <rats> in naloxone-precipitated "
    "withdrawal",
    abstract_sections=(
        AbstractSection(
            "Melatonin reduced naloxone-precipitated withdrawal jumping in morphine-dependent "
            "rats. Twelve rats per group were studied over ten days of morphine exposure, and "
            "withdrawal signs were scored by observers blind to treatment allocation throughout."
        ),
    ),
    authors=(Author("De Luca", "Francesca", "F"), Author("O'Brien", "Seán", "S")),
    journal="Bioinformatics (Oxford, England)",
    journal_iso="Bioinformatics",
    volume="22",
    pages="616-7",
    year=2006,
    pub_date="2006",
    publication_types=("Journal Article",),
    mesh=(MeshHeading("Rats", "D051381"), MeshHeading("Melatonin", "D008550", True)),
    created_date="2005-12-27",
)
RETRACTED = Article(
    pmid="35122753",
    title='=HYPERLINK("http://evil.example/","Kratom safety")',
    abstract_sections=(AbstractSection("Kratom use was common among people in withdrawal."),),
    authors=(Author("Smith", "Kirsten E", "KE"),),
    journal="Journal of psychoactive drugs",
    journal_iso="J Psychoactive Drugs",
    year=2022,
    pub_date="2022-01-31",
    pages="1-13",
    publication_types=("Journal Article", "Retracted Publication"),
    comments_corrections=(CommentCorrection("RetractionIn", "36000001"),),
    doi="10.1080/02791072.2021.2023656",
    created_date="2021-12-27",
)
BOOK = Article(
    pmid="29083730",
    title="Kratom",
    authors=(Author("Smith", "Kirsten E", "KE"),),
    journal="StatPearls",
    year=2023,
    pub_date="2023-01",
    is_book=True,
    publisher="StatPearls Publishing",
    created_date="2017-10-31",
)
SAME_KEY = Article(
    pmid="36000002",
    title="The kratom question: withdrawal or dependence?",
    authors=(Author("Smith", "Kirsten E", "KE"),),
    journal="Journal of psychoactive drugs",
    journal_iso="J Psychoactive Drugs",
    year=2023,
    created_date="2023-05-01",
)
SAME_KEY_TOO = Article(
    pmid="36000003",
    title="Kratom withdrawal in the community",
    authors=(Author("Smith", "Kirsten E", "KE"),),
    journal="Journal of psychoactive drugs",
    journal_iso="J Psychoactive Drugs",
    year=2023,
    created_date="2023-06-01",
)
