"""Deterministic, realistic PubMed records for the benchmarks.

Each record is drawn from a seeded random generator of its own (seed and index), so record
``i`` is the same whatever the corpus size: 1k is a prefix of 10k, 10k of 100k. The XML is
written by the test suite's ``make_article_xml`` (through ``FakeRecord.build``) in the shapes
the parser handles: structured and plain abstracts, MeSH, keywords, chemicals, personal and
collective authors, DOIs, PMC ids, CommentsCorrections (comments, errata, a few retractions
and expressions of concern). Records are 2-5 kB, median about 3.7 kB, as real efetch records
without affiliations are.

One record in five (``ON_TOPIC_SHARE``) is on the tool's subjects: kratom, melatonin, sleep or
complementary treatments, with opioid withdrawal or pharmacology or safety; the shipped
queries match most of those. The rest is other medicine, including near misses (opioids after
surgery, melatonin for jet lag, alcohol withdrawal) whose words meet only one concept of a
query, so no query matches them: ``python benchmarks/generate.py --verify 3000`` checks that
with the fake server's own PubMed search and prints what each query finds.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
for _path in (ROOT / "tests", ROOT / "src"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from fake_eutils import PUBMED_HEAD, FakeRecord, make_article_xml  # noqa: E402

GENERATOR_VERSION = "2"  # bump when records change: cached corpora and caches are rebuilt
SEED = 20250101
FIRST_PMID = 30_000_000
ON_TOPIC_SHARE = 0.2


@dataclass(frozen=True)
class Topic:
    """A kind of paper: what it studies, in which condition, how it is indexed and measured."""

    name: str
    weight: float  # relative frequency among the on-topic (or the off-topic) records
    on_topic: bool
    subjects: tuple[str, ...]
    problems: tuple[str, ...]
    mesh: tuple[str, ...]
    keywords: tuple[str, ...]
    chemicals: tuple[str, ...]
    findings: tuple[str, ...]
    measures: tuple[str, ...]  # how the outcome was measured, in this field's words


KRATOM = ("kratom", "Mitragyna speciosa (kratom)", "kratom tea", "kratom products", "mitragynine")
OPIOID_WITHDRAWAL = ("opioid withdrawal", "opioid use disorder", "opioid dependence",
                     "heroin withdrawal", "methadone tapering", "buprenorphine induction",
                     "opioid detoxification")  # fmt: skip
WITHDRAWAL_MEASURES = (
    "Withdrawal severity was rated with the Clinical Opiate Withdrawal Scale (COWS).",
    "Craving was rated on a visual analogue scale and urine drug screens were collected.",
)
SLEEP_MEASURES = (
    "Sleep quality was measured with the Pittsburgh Sleep Quality Index.",
    "Sleep was recorded by actigraphy for seven nights.",
)

# fmt: off
TOPICS: tuple[Topic, ...] = (
    Topic("kratom-withdrawal", 3, True, KRATOM, OPIOID_WITHDRAWAL,
          ("Mitragyna", "Opioid-Related Disorders", "Substance Withdrawal Syndrome",
           "Self Medication", "Analgesics, Opioid"),
          ("kratom", "opioid withdrawal", "harm reduction", "self-treatment", "mitragynine"),
          ("mitragynine",),
          ("kratom use was associated with fewer opioid withdrawal symptoms",
           "most participants used kratom to reduce or stop opioid use",
           "kratom may ease opioid withdrawal but carries a risk of dependence"),
          WITHDRAWAL_MEASURES),
    Topic("kratom-pharmacology", 2, True,
          ("mitragynine", "7-hydroxymitragynine", "kratom alkaloids", "speciogynine",
           "paynantheine", "corynantheidine"),
          ("mu-opioid receptor binding", "G protein signalling", "beta-arrestin recruitment",
           "hepatic metabolism", "pharmacokinetics in rats", "antinociception in mice"),
          ("Secologanin Tryptamine Alkaloids", "Receptors, Opioid, mu", "Mitragyna",
           "Structure-Activity Relationship", "Cytochrome P-450 Enzyme System"),
          ("mitragynine", "mu opioid receptor", "biased agonism", "pharmacokinetics",
           "alkaloids"),
          ("mitragynine", "7-hydroxymitragynine"),
          ("mitragynine was a partial agonist at the mu-opioid receptor",
           "7-hydroxymitragynine formed from mitragynine in liver microsomes",
           "the alkaloids did not recruit beta-arrestin"),
          ("Plasma concentrations were measured by liquid chromatography-mass spectrometry.",
           "Receptor activation was measured with a BRET assay.")),
    Topic("kratom-safety", 2, True, KRATOM,
          ("liver injury", "seizures", "poisoning", "kratom dependence", "overdose deaths",
           "long-term use"),
          ("Mitragyna", "Chemical and Drug Induced Liver Injury", "Poisoning",
           "Substance-Related Disorders", "Seizures"),
          ("kratom", "hepatotoxicity", "adverse events", "poison control", "dependence"),
          ("mitragynine",),
          ("kratom exposure was associated with serious adverse events",
           "liver enzymes normalised after kratom was stopped",
           "regular kratom use was associated with dependence"),
          ("Exposures were coded from poison centre records.",
           "Liver injury was graded by the Drug-Induced Liver Injury Network criteria.")),
    Topic("melatonin-withdrawal", 2, True,
          ("melatonin", "melatonin 5 mg", "prolonged-release melatonin", "ramelteon"),
          OPIOID_WITHDRAWAL,
          ("Melatonin", "Substance Withdrawal Syndrome", "Opioid-Related Disorders",
           "Sleep Initiation and Maintenance Disorders"),
          ("melatonin", "opioid withdrawal", "insomnia", "methadone"),
          ("melatonin",),
          ("melatonin improved sleep quality during opioid withdrawal",
           "withdrawal scores fell more with melatonin than with placebo",
           "melatonin was well tolerated"),
          WITHDRAWAL_MEASURES + SLEEP_MEASURES),
    Topic("melatonin-mechanisms", 2, True,
          ("melatonin", "melatonin receptor agonists", "MT1 and MT2 receptors"),
          ("morphine tolerance", "opioid analgesia", "naloxone-precipitated withdrawal",
           "endocannabinoid signalling", "morphine-induced hyperalgesia"),
          ("Melatonin", "Morphine", "Analgesics, Opioid", "Receptors, Cannabinoid",
           "Receptors, Melatonin"),
          ("melatonin", "morphine", "tolerance", "cannabinoid receptor"),
          ("melatonin", "morphine"),
          ("melatonin attenuated the development of morphine tolerance",
           "the effect of melatonin was blocked by naloxone",
           "melatonin modulated opioid signalling through CB1 receptors"),
          ("Nociception was measured with the tail-flick and hot-plate tests.",
           "Withdrawal jumping was counted for 30 minutes after naloxone.")),
    Topic("melatonin-kratom-natural", 1, True,
          ("melatonin and kratom", "melatonin with herbal remedies", "melatonin and valerian",
           "over-the-counter melatonin and natural products"),
          OPIOID_WITHDRAWAL,
          ("Melatonin", "Mitragyna", "Phytotherapy", "Substance Withdrawal Syndrome",
           "Self Medication"),
          ("melatonin", "kratom", "natural products", "self-management", "opioid withdrawal"),
          ("melatonin", "mitragynine"),
          ("people combined melatonin for sleep with kratom for pain and craving",
           "natural products were part of many people's withdrawal management"),
          WITHDRAWAL_MEASURES + SLEEP_MEASURES),
    Topic("sleep-withdrawal", 3, True,
          ("sleep disturbance", "insomnia", "polysomnographic sleep", "circadian rhythm",
           "actigraphy-measured sleep"),
          OPIOID_WITHDRAWAL,
          ("Sleep Initiation and Maintenance Disorders", "Sleep Wake Disorders",
           "Opiate Substitution Treatment", "Substance Withdrawal Syndrome", "Methadone"),
          ("sleep", "insomnia", "opioid withdrawal", "buprenorphine", "methadone maintenance"),
          ("methadone", "buprenorphine"),
          ("sleep was poor throughout opioid withdrawal",
           "insomnia predicted relapse after detoxification",
           "sleep improved slowly after methadone tapering"),
          SLEEP_MEASURES + WITHDRAWAL_MEASURES),
    Topic("complementary-trials", 2, True,
          ("acupuncture", "a traditional Chinese herbal formula", "electroacupuncture",
           "ibogaine", "a dietary supplement", "a plant extract"),
          ("opioid withdrawal", "heroin detoxification", "opioid use disorder",
           "methadone maintenance"),
          ("Acupuncture Therapy", "Drugs, Chinese Herbal", "Phytotherapy",
           "Substance Withdrawal Syndrome", "Opioid-Related Disorders",
           "Complementary Therapies"),
          ("acupuncture", "herbal medicine", "opioid withdrawal", "randomized trial"),
          (),
          ("withdrawal scores fell similarly with the herbal formula and with clonidine",
           "acupuncture reduced craving compared with sham acupuncture",
           "the complementary treatment was safe but its benefit was small"),
          WITHDRAWAL_MEASURES),
    # Near misses: the words of one concept of a query, never of all of them.
    Topic("postoperative-opioids", 6, False,
          ("oxycodone", "intravenous morphine", "opioid-sparing analgesia", "tramadol"),
          ("pain after knee arthroplasty", "postoperative pain", "pain after caesarean section",
           "chronic low back pain"),
          ("Analgesics, Opioid", "Pain, Postoperative", "Arthroplasty, Replacement, Knee"),
          ("postoperative pain", "opioids", "analgesia", "enhanced recovery"),
          ("oxycodone", "morphine"),
          ("opioid consumption was lower in the intervention group",
           "pain scores did not differ at 24 hours"),
          ("Pain was rated on a 0-10 numeric rating scale.",)),
    Topic("melatonin-other", 6, False,
          ("melatonin", "exogenous melatonin", "melatonin supplementation"),
          ("jet lag", "delirium in intensive care", "sleep in children with autism",
           "migraine prophylaxis", "shift work"),
          ("Melatonin", "Sleep", "Circadian Rhythm", "Delirium"),
          ("melatonin", "sleep", "circadian rhythm"),
          ("melatonin",),
          ("melatonin shortened sleep onset latency",
           "melatonin did not reduce the incidence of delirium"),
          SLEEP_MEASURES),
    Topic("alcohol-smoking", 6, False,
          ("varenicline", "nicotine replacement", "naltrexone", "baclofen", "gabapentin"),
          ("alcohol withdrawal", "smoking cessation", "alcohol use disorder", "cannabis use"),
          ("Alcoholism", "Smoking Cessation", "Alcohol Withdrawal Delirium",
           "Tobacco Use Disorder"),
          ("alcohol", "smoking cessation", "relapse prevention"),
          ("varenicline", "naltrexone"),
          ("abstinence rates were higher at 12 weeks",
           "craving decreased but relapse was common"),
          ("Abstinence was confirmed by breath carbon monoxide.",)),
    Topic("general-medicine", 54, False,
          ("metformin", "empagliflozin", "atorvastatin", "a structured exercise programme",
           "pembrolizumab", "vitamin D", "influenza vaccination", "telemonitoring",
           "apixaban", "a Mediterranean diet", "dexamethasone", "physiotherapy"),
          ("type 2 diabetes", "heart failure", "atrial fibrillation",
           "non-small cell lung cancer", "chronic kidney disease", "osteoarthritis",
           "community-acquired pneumonia", "hypertension in older adults",
           "depression in primary care", "asthma exacerbations", "stroke rehabilitation",
           "obesity"),
          ("Diabetes Mellitus, Type 2", "Heart Failure", "Atrial Fibrillation",
           "Lung Neoplasms", "Renal Insufficiency, Chronic", "Osteoarthritis, Knee",
           "Pneumonia", "Hypertension", "Depression", "Asthma", "Stroke Rehabilitation",
           "Obesity"),
          ("quality of life", "mortality", "hospitalisation", "primary care",
           "cost-effectiveness", "adherence", "biomarkers"),
          (),
          ("the intervention reduced hospital admissions",
           "there was no difference in all-cause mortality",
           "quality of life improved at six months",
           "the association persisted after adjustment for confounders"),
          ("Quality of life was measured with the EQ-5D.",
           "Admissions were taken from linked hospital records.")),
)

# name, weight, publication types, design MeSH
DESIGNS = (
    ("rct", 14, ("Journal Article", "Randomized Controlled Trial"),
     ("Humans", "Double-Blind Method", "Random Allocation")),
    ("trial", 5, ("Journal Article", "Clinical Trial"), ("Humans",)),
    ("cohort", 14, ("Journal Article", "Observational Study"),
     ("Humans", "Cohort Studies", "Prospective Studies")),
    ("cross-sectional", 12, ("Journal Article",),
     ("Humans", "Cross-Sectional Studies", "Surveys and Questionnaires")),
    ("case-report", 8, ("Case Reports", "Journal Article"), ("Humans",)),
    ("review", 10, ("Journal Article", "Review"), ("Humans",)),
    ("systematic-review", 6, ("Journal Article", "Systematic Review", "Meta-Analysis"),
     ("Humans",)),
    ("animal", 12, ("Journal Article",), ("Animals", "Rats", "Rats, Sprague-Dawley")),
    ("in-vitro", 5, ("Journal Article",), ("Humans", "HEK293 Cells")),
    ("unindexed", 10, ("Journal Article",), ()),
    ("letter", 4, ("Letter", "Comment"), ()),
)
DESIGN_TEXT = {
    "rct": ("We randomised {n} adults with {problem} to {subject} or placebo for {weeks} weeks.",
            "In this double-blind, placebo-controlled trial, participants were randomly "
            "assigned in a 1:1 ratio."),
    "trial": ("In this open-label, single-arm trial, {n} adults with {problem} received "
              "{subject} for {weeks} weeks.",),
    "cohort": ("We followed a prospective cohort of {n} patients with {problem} for {months} "
               "months.",),
    "cross-sectional": ("We conducted an anonymous online survey of {n} adults about {subject} "
                        "and {problem}.",),
    "case-report": ("We report a case of a {age}-year-old {sex} with {problem} after "
                    "{subject}.",),
    "review": ("We review the literature on {subject} in {problem}.",
               "This narrative review summarises clinical and preclinical studies."),
    "systematic-review": ("We searched MEDLINE, Embase and CENTRAL and pooled {small} studies "
                          "with {n} participants.",
                          "Random-effects meta-analysis was used to combine the estimates."),
    "animal": ("Male Sprague-Dawley rats (n = {small}) received {subject} or vehicle.",
               "The animals were then tested for {problem}."),
    "in-vitro": ("{subject} was tested in HEK293 cells expressing human receptors.",
                 "Affinities were measured with radioligand displacement assays."),
    "unindexed": ("Data from {n} participants with {problem} were analysed.",),
    "letter": ("We read with interest the recent article on {subject} in {problem}.",),
}
OUTCOME_SENTENCES = (
    "The primary outcome was the change in {problem} from baseline.",
    "Secondary outcomes included adverse events, retention and quality of life.",
    "Outcomes were assessed at baseline, {weeks} weeks and {months} months.",
    "Analyses were adjusted for age, sex, baseline severity and site.",
    "Missing data were handled by multiple imputation.",
)
RESULT_SENTENCES = (
    "Overall, {pct}% of participants completed follow-up.",
    "The mean difference was {diff} points (95% CI {lo} to {hi}; p = 0.0{p}).",
    "Adverse events occurred in {pct}% of the intervention group and {pct2}% of controls.",
    "The hazard ratio was 0.{hr} (95% CI 0.{hrlo} to 0.{hrhi}).",
    "Effects were consistent across prespecified subgroups.",
    "No serious adverse events were attributed to the treatment.",
)
BACKGROUND_SENTENCES = (
    "{problem} is common and often poorly managed.",
    "Little is known about {subject} in {problem}.",
    "Treatment options for {problem} remain limited and many patients seek alternatives.",
    "Interest in {subject} has grown rapidly over the past decade.",
)
CONCLUSION_SENTENCES = (
    "Larger trials are needed to confirm these findings.",
    "These results should be interpreted with caution given the small sample.",
    "Clinicians should ask about {subject} when assessing patients with {problem}.",
)
LABELS = (("BACKGROUND", "BACKGROUND"), ("METHODS", "METHODS"), ("RESULTS", "RESULTS"),
          ("CONCLUSIONS", "CONCLUSIONS"))
LAST_NAMES = ("Smith", "Garcia", "Nguyen", "Müller", "Kowalski", "Rahman", "Singh", "Chen",
              "Okafor", "Rossi", "Hassan", "Tanaka", "Johansson", "Dubois", "Silva", "Novak",
              "Ibrahim", "Kim", "O'Brien", "Papadopoulos", "Yilmaz", "Haddad", "Østergaard")
COLLECTIVES = ("Kratom Research Consortium", "Opioid Withdrawal Trials Group",
               "National Sleep Study Investigators", "Global Burden of Disease Collaborators")
JOURNALS = (("Drug and Alcohol Dependence", "Drug Alcohol Depend"), ("Addiction", "Addiction"),
            ("Journal of Substance Abuse Treatment", "J Subst Abuse Treat"),
            ("Psychopharmacology", "Psychopharmacology (Berl)"), ("Sleep Medicine", "Sleep Med"),
            ("Journal of Ethnopharmacology", "J Ethnopharmacol"), ("The Lancet", "Lancet"),
            ("BMJ Open", "BMJ Open"), ("PLoS One", "PLoS One"),
            ("Clinical Toxicology", "Clin Toxicol (Phila)"),
            ("Journal of Pineal Research", "J Pineal Res"),
            ("Frontiers in Pharmacology", "Front Pharmacol"))
GENERIC_MESH = ("Adult", "Middle Aged", "Aged", "Female", "Male", "Young Adult",
                "Treatment Outcome", "Time Factors", "Risk Factors")
COMMENT_TYPES = (("CommentIn", 6), ("ErratumIn", 3), ("CommentOn", 3), ("RetractionIn", 1),
                 ("ExpressionOfConcernIn", 1))
AUTHOR_COUNTS = (1, 2, 2, 3, 3, 4, 4, 5, 6, 8)
# fmt: on


def _weighted(rng: random.Random, items, weight_of):
    return rng.choices(items, weights=[weight_of(i) for i in items])[0]


def _fill(template: str, rng: random.Random, subject: str, problem: str) -> str:
    values = {
        "subject": subject, "problem": problem, "n": rng.randint(12, 4000),
        "small": rng.randint(3, 40), "weeks": rng.choice((2, 4, 6, 8, 12)),
        "months": rng.choice((3, 6, 12, 24)), "age": rng.randint(19, 78),
        "sex": rng.choice(("man", "woman")), "pct": rng.randint(5, 95),
        "pct2": rng.randint(5, 95), "diff": round(rng.uniform(-9, 9), 1),
        "lo": round(rng.uniform(-12, -1), 1), "hi": round(rng.uniform(0.5, 12), 1),
        "p": rng.randint(1, 4), "hr": rng.randint(50, 95), "hrlo": rng.randint(30, 50),
        "hrhi": rng.randint(95, 99),
    }  # fmt: skip
    text = template.format(**values)
    return text[0].upper() + text[1:]


def _rng(index: int, seed: int) -> random.Random:
    return random.Random(f"{seed}:{index}")


def is_on_topic(index: int, seed: int = SEED) -> bool:
    """Whether record ``index`` is on the tool's subjects (the first draw of its generator)."""
    return _rng(index, seed).random() < ON_TOPIC_SHARE


def article_kwargs(index: int, seed: int = SEED) -> dict:
    """The keyword arguments of ``FakeRecord.build`` / ``make_article_xml`` for one record."""
    rng = _rng(index, seed)
    on_topic = rng.random() < ON_TOPIC_SHARE
    topic = _weighted(rng, [t for t in TOPICS if t.on_topic == on_topic], lambda t: t.weight)
    design, _, pub_types, design_mesh = _weighted(rng, DESIGNS, lambda d: d[1])
    subject, problem = rng.choice(topic.subjects), rng.choice(topic.problems)
    finding = rng.choice(topic.findings)
    kind = design.replace("-", " ")
    title = rng.choice(
        (
            f"{subject} in {problem}: {'an' if kind[0] in 'aeiou' else 'a'} {kind} study.",
            f"Effects of {subject} on {problem}.",
            f"{subject} and {problem}: {finding}.",
            f"Association between {subject} and outcomes in {problem}.",
        )
    )

    def fill(template: str) -> str:
        return _fill(template, rng, subject, problem)

    def some(pool, k: int) -> str:
        return " ".join(fill(t) for t in rng.sample(pool, k))

    background = some(BACKGROUND_SENTENCES, 2)
    methods = " ".join(
        [*(fill(t) for t in DESIGN_TEXT[design]), rng.choice(topic.measures)]
        + [some(OUTCOME_SENTENCES, rng.randint(1, 2))]
    )
    results = f"{fill(finding)}. {some(RESULT_SENTENCES, 2)}"
    conclusion = f"{fill(finding)}. {some(CONCLUSION_SENTENCES, 1)}"
    kwargs: dict = {}
    shape = rng.random()
    if design == "letter" or shape < 0.05:
        pass  # no abstract, as letters and many older records
    elif shape < 0.6:
        texts = (background, methods, results, conclusion)
        kwargs["abstract_sections"] = tuple(
            (label, category, text) for (label, category), text in zip(LABELS, texts, strict=True)
        )
    else:
        kwargs["abstract"] = " ".join((background, methods, results, conclusion))

    year = min(2025, 1990 + int(36 * rng.random() ** 0.6))  # most papers are recent
    pub_date = date(year, rng.randint(1, 12), rng.randint(1, 28))
    edat = pub_date + timedelta(days=rng.randint(-60, 120))
    mesh: list[tuple[str, bool]] = []
    if design != "unindexed":
        majors = rng.sample(topic.mesh, min(len(topic.mesh), rng.randint(2, 3)))
        mesh += [(m, i < 2) for i, m in enumerate(majors)]
        mesh += [(m, False) for m in design_mesh]
        mesh += [(m, False) for m in rng.sample(GENERIC_MESH, rng.randint(0, 3))]
    authors = [
        f"{rng.choice(LAST_NAMES)} "
        + "".join(rng.choice("ABCDEFGHJKLMNPRSTW") for _ in range(rng.randint(1, 2)))
        for _ in range(rng.choice(AUTHOR_COUNTS))
    ]
    if rng.random() < 0.05:
        authors.append(rng.choice(COLLECTIVES))
    comments = []
    if rng.random() < 0.1:
        ref_type = _weighted(rng, COMMENT_TYPES, lambda c: c[1])[0]
        comments.append((ref_type, str(FIRST_PMID + 5_000_000 + index)))
        if ref_type == "RetractionIn":
            pub_types = (*pub_types, "Retracted Publication")
            title = "RETRACTED: " + title
    journal, iso = rng.choice(JOURNALS)
    first_page = rng.randint(1, 900)
    kwargs.update(
        pub_date=pub_date,
        edat=edat,
        journal=journal,
        journal_iso=iso,
        volume=str(rng.randint(1, 120)),
        issue=str(rng.randint(1, 12)),
        pages=f"{first_page}-{first_page + rng.randint(3, 15)}",
        authors=tuple(authors),
        pub_types=pub_types,
        mesh=tuple(mesh),
        keywords=tuple(rng.sample(topic.keywords, rng.randint(0, len(topic.keywords)))),
        chemicals=tuple(rng.sample(topic.chemicals, rng.randint(0, len(topic.chemicals)))),
        languages=("eng",) if rng.random() < 0.95 else ("eng", rng.choice(("spa", "chi", "ger"))),
        doi=f"10.{rng.randint(1000, 9999)}/bench.{year}.{index}" if rng.random() < 0.85 else None,
        pmcid=f"PMC{9_000_000 + index}" if rng.random() < 0.3 else None,
        comments=tuple(comments),
    )
    return {"pmid": str(FIRST_PMID + index), "title": title[0].upper() + title[1:], **kwargs}


def pmid_of(index: int) -> str:
    return str(FIRST_PMID + index)


def records(indices: Iterable[int], seed: int = SEED) -> Iterator[FakeRecord]:
    """FakeRecords (XML plus the fake server's search index) of the given record indices."""
    for index in indices:
        yield FakeRecord.build(**article_kwargs(index, seed))


def article_xml(index: int, seed: int = SEED) -> str:
    """One record's <PubmedArticle> element (no search index built)."""
    return make_article_xml(**article_kwargs(index, seed))


def write_efetch_body(path: Path, indices: Iterable[int], seed: int = SEED) -> Path:
    """An efetch body of the given records, written one by one (never whole in memory)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    with partial.open("w", encoding="utf-8") as out:
        out.write(PUBMED_HEAD + "<PubmedArticleSet>\n")
        for index in indices:
            out.write(article_xml(index, seed))
            out.write("\n")
        out.write("</PubmedArticleSet>\n")
    partial.replace(path)
    return path


def verify(count: int) -> None:
    """Run every shipped query over ``count`` records with the fake server's PubMed search and
    check that no off-topic record matches (the benchmarks search the on-topic ones only)."""
    from fake_eutils import FakeEutils

    from withdrawal_lit.pubmed_term import normalise_term
    from withdrawal_lit.query_files import load_queries
    from withdrawal_lit.settings import builtin_queries_dir

    fake = FakeEutils()
    for record in records(range(count)):
        fake.add(record)
    on_topic = {pmid_of(i) for i in range(count) if is_on_topic(i)}
    union: set[str] = set()
    strays: set[str] = set()
    for query in load_queries([builtin_queries_dir()]).values():
        ids = fake.search(normalise_term(query.term)).ids
        union.update(ids)
        strays.update(set(ids) - on_topic)
        print(f"  {query.name:40} {len(ids):6} hits")
    print(f"{count} records, {len(on_topic)} on-topic, {len(union)} found by some query")
    if strays:
        raise SystemExit(f"off-topic records matched a query: {sorted(strays)[:10]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, nargs="?", default=1000)
    parser.add_argument("--verify", action="store_true", help="check the queries' matches")
    parser.add_argument("--show", action="store_true", help="print the first record's XML")
    args = parser.parse_args()
    if args.show:
        print(article_xml(0))
    sizes = sorted(len(article_xml(i).encode()) for i in range(args.count))
    print(
        f"{args.count} records: bytes min {sizes[0]}, median {sizes[len(sizes) // 2]}, "
        f"p95 {sizes[int(len(sizes) * 0.95)]}, max {sizes[-1]}"
    )
    if args.verify:
        verify(args.count)


if __name__ == "__main__":
    main()
