"""A labelled set of PubMed-like records for measuring design classification and bottom lines.

The records are written for these tests in the shape of real PubMed records on kratom,
mitragynine pharmacology, melatonin, opioid withdrawal, sleep, tapers, lofexidine and
complementary treatments: real publication types, MeSH headings, structured and unstructured
abstracts, retraction / erratum / expression-of-concern links, in-process records without MeSH,
records without abstracts. Their PMIDs (90000001 onwards) are not PubMed ids, and their texts,
though some are modelled on well-known studies, were written for these tests: they are not those
studies' abstracts and must not be cited as such. ``DEVELOPMENT`` was written together with the
rules; ``HELD_OUT`` was written and labelled after them and scored once before any rule changed.

Each label is what a careful reader of the record would say, not what the rules happen to
produce:

- ``design``: a slug of ``design.DESIGNS``. Randomisation counts only when stated; a review
  counts as systematic when it says it searched systematically; a review of animal studies is a
  review; a case report with a literature review is a case report; a protocol is "other".
- ``population``: "human", "animal", "in vitro", "mixed" (a synthesis or review covering more
  than one) or "unknown".
- ``sample_size``: the participants (or animals) the study itself enrolled, or a synthesis
  pooled; a case report is 1; None when the record gives no total (counts per group only) or
  when the design has no participants of its own (narrative reviews, guidelines, in vitro
  work, editorials, protocols).
- ``bottom_line``: for a structured abstract, the first sentences of its conclusions section,
  at most two and 320 characters; for an unstructured abstract, the authors' concluding
  statement: the main conclusion, plus the sentence next to it only when that one is also a
  conclusion or a practical implication. Single results, methods and calls for more research
  are not conclusions. Records without an abstract have none.
"""

from __future__ import annotations

from dataclasses import dataclass

from withdrawal_lit.records import Article

_CATEGORIES = (
    (("background", "introduction", "context", "importance", "rationale"), "BACKGROUND"),
    (("objective", "aim", "purpose"), "OBJECTIVE"),
    (
        (
            "method",
            "design",
            "search",
            "selection",
            "data collection",
            "setting",
            "participants",
            "measurements",
            "exposures",
            "main outcomes",
            "interventions",
        ),
        "METHODS",
    ),
    (("result", "findings", "main results"), "RESULTS"),
    (("conclusion", "interpretation", "authors' conclusions", "discussion"), "CONCLUSIONS"),
)
AUTO = "auto"


def _category(label: str) -> str:
    lowered = label.lower()
    for prefixes, category in _CATEGORIES:
        if lowered.startswith(prefixes):
            return category
    return "UNASSIGNED"


def _sections(abstract: str | tuple) -> list[dict]:
    """An unstructured abstract is a string; a structured one a tuple of (label, text) or
    (label, NlmCategory or None, text) tuples."""
    if isinstance(abstract, str):
        return [{"text": abstract}] if abstract else []
    sections = []
    for part in abstract:
        if len(part) == 2:
            label, text = part
            category = _category(label)
        else:
            label, category, text = part
        sections.append({"label": label, "category": category, "text": text})
    return sections


def record(
    pmid: str,
    title: str,
    abstract: str | tuple = "",
    *,
    types: tuple[str, ...] = ("Journal Article",),
    mesh: tuple[str, ...] = (),
    keywords: tuple[str, ...] = (),
    corrections: tuple[tuple[str, str], ...] = (),
    year: int = 2020,
    status: str = "MEDLINE",
    languages: tuple[str, ...] = ("eng",),
) -> Article:
    return Article.from_dict(
        {
            "pmid": pmid,
            "title": title,
            "abstract_sections": _sections(abstract),
            "year": year,
            "publication_types": types,
            "mesh": [{"descriptor": d} for d in mesh],
            "keywords": keywords,
            "comments_corrections": [{"ref_type": t, "pmid": p} for t, p in corrections],
            "status": status,
            "languages": languages,
        }
    )


@dataclass(frozen=True, slots=True)
class Labelled:
    article: Article
    design: str
    population: str
    sample_size: int | None
    bottom_line: tuple[str, ...]
    note: str = ""  # why a label is what it is, where that is not obvious

    @property
    def id(self) -> str:
        return self.article.pmid


MA_SR = ("Journal Article", "Meta-Analysis", "Review", "Systematic Review")

# Written together with the classification and summary rules.
DEVELOPMENT: tuple[Labelled, ...] = (
    Labelled(
        record(
            "90000001",
            "Alpha2-adrenergic agonists for the management of opioid withdrawal: a systematic "
            "review and meta-analysis of randomised controlled trials",
            (
                (
                    "BACKGROUND",
                    "Alpha2-adrenergic agonists such as clonidine and lofexidine are used to "
                    "manage the signs and symptoms of opioid withdrawal, but their place relative "
                    "to opioid agonist tapers is debated.",
                ),
                (
                    "METHODS",
                    "We searched MEDLINE, Embase, PsycINFO and CENTRAL to March 2022 for "
                    "randomised controlled trials comparing an α2-adrenergic agonist with "
                    "placebo, a tapered dose of methadone or buprenorphine, or another "
                    "α2-adrenergic agonist. Two reviewers extracted data independently; risk "
                    "ratios (RR) and standardised mean differences (SMD) were pooled with "
                    "random-effects models.",
                ),
                (
                    "RESULTS",
                    "Twenty-six trials (1,728 participants) met the inclusion criteria. Compared "
                    "with placebo, α2-adrenergic agonists reduced the risk of severe withdrawal "
                    "(RR 0.32, 95% CI 0.18–0.57; 3 trials) and increased completion of "
                    "withdrawal (RR 1.95, 95% CI 1.34–2.84). Compared with tapered methadone, "
                    "withdrawal severity was similar but adverse effects such as hypotension "
                    "were more frequent (RR 1.92, 95% CI 1.19–3.10). Lofexidine caused less "
                    "hypotension than clonidine.",
                ),
                (
                    "CONCLUSIONS",
                    "Clonidine and lofexidine are more effective than placebo for managing "
                    "opioid withdrawal, and their effect on withdrawal severity is similar to "
                    "that of tapered methadone. Lofexidine may be preferred where hypotension is "
                    "a concern.",
                ),
            ),
            types=MA_SR,
            mesh=(
                "Adrenergic alpha-2 Receptor Agonists",
                "Buprenorphine",
                "Clonidine",
                "Humans",
                "Methadone",
                "Opioid-Related Disorders",
                "Substance Withdrawal Syndrome",
            ),
            year=2022,
        ),
        "meta-analysis",
        "human",
        1728,
        (
            "Clonidine and lofexidine are more effective than placebo for managing opioid "
            "withdrawal, and their effect on withdrawal severity is similar to that of tapered "
            "methadone.",
            "Lofexidine may be preferred where hypotension is a concern.",
        ),
    ),
    Labelled(
        record(
            "90000002",
            "Kratom use and mental health: a systematic review",
            "Kratom (Mitragyna speciosa) is a psychoactive plant native to Southeast Asia whose "
            "use has grown in the United States and Europe. Its effects on mental health remain "
            "contested. We systematically searched PubMed, PsycINFO and Web of Science for "
            "studies reporting mental health outcomes of kratom use in humans, following PRISMA "
            "guidelines. Of 1,456 records screened, 13 studies met inclusion criteria: nine "
            "surveys of people who use kratom, three case series and one clinical report. "
            "Across studies, users commonly reported improved mood, reduced anxiety and relief "
            "from opioid withdrawal, while regular heavy use was linked to dependence and a "
            "withdrawal syndrome resembling mild opioid withdrawal. No study examined "
            "psychiatric outcomes prospectively. The available evidence suggests that kratom "
            "may have mood-enhancing and anxiolytic effects but carries a risk of dependence. "
            "Prospective studies with validated mental health measures are needed.",
            types=("Journal Article", "Review", "Systematic Review"),
            mesh=(
                "Humans",
                "Mental Disorders",
                "Mental Health",
                "Mitragyna",
                "Plant Extracts",
                "Substance-Related Disorders",
            ),
            year=2018,
        ),
        "systematic-review",
        "human",
        None,
        (
            "The available evidence suggests that kratom may have mood-enhancing and anxiolytic "
            "effects but carries a risk of dependence.",
        ),
        "13 studies and 1,456 records are not participants; no pooled total is given.",
    ),
    Labelled(
        record(
            "90000003",
            "Melatonin for sleep disturbance in people with substance use disorders: a "
            "systematic review",
            (
                (
                    "OBJECTIVE",
                    "To assess the efficacy and safety of melatonin and melatonin receptor "
                    "agonists for sleep disturbance in people with substance use disorders, "
                    "including during opioid withdrawal.",
                ),
                (
                    "METHODS",
                    "MEDLINE, Embase, PsycINFO and the Cochrane Library were searched from "
                    "inception to January 2021. Randomised and non-randomised controlled trials "
                    "in adults with alcohol, opioid, cannabis or stimulant use disorders were "
                    "eligible. Risk of bias was assessed with RoB 2 and ROBINS-I.",
                ),
                (
                    "RESULTS",
                    "Nine trials including 524 participants were included; three enrolled "
                    "patients receiving methadone or buprenorphine. Melatonin improved subjective "
                    "sleep quality in four of seven trials that measured it, with inconsistent "
                    "effects on sleep latency. No trial reported serious adverse events. Most "
                    "trials were small and at high risk of bias.",
                ),
                (
                    "CONCLUSIONS",
                    "Low-certainty evidence suggests that melatonin may improve subjective sleep "
                    "quality in people with substance use disorders, with few adverse effects. "
                    "Adequately powered trials during opioid withdrawal are needed.",
                ),
            ),
            types=("Journal Article", "Review"),
            mesh=(
                "Humans",
                "Melatonin",
                "Sleep Initiation and Maintenance Disorders",
                "Substance-Related Disorders",
            ),
            year=2021,
        ),
        "systematic-review",
        "human",
        524,
        (
            "Low-certainty evidence suggests that melatonin may improve subjective sleep quality "
            "in people with substance use disorders, with few adverse effects.",
            "Adequately powered trials during opioid withdrawal are needed.",
        ),
        "Indexed only as 'Review'; the title and methods show a systematic review, not pooled.",
    ),
    Labelled(
        record(
            "90000004",
            "Buprenorphine versus methadone taper for the management of opioid withdrawal: a "
            "meta-analysis of randomized trials",
            "Tapered doses of buprenorphine and methadone are both used to manage opioid "
            "withdrawal, but direct comparisons have been small. We pooled randomized trials "
            "that compared the two medications for withdrawal management in adults with opioid "
            "use disorder. Eight trials with 897 participants were identified. Buprenorphine and "
            "methadone produced similar rates of treatment completion (risk ratio 1.04, 95% "
            "confidence interval 0.91-1.18), while withdrawal symptoms resolved faster with "
            "buprenorphine (standardized mean difference -0.31, 95% confidence interval -0.55 to "
            "-0.07). Adverse events were reported inconsistently. Buprenorphine and methadone "
            "appear equally effective for completing withdrawal, with a modest advantage for "
            "buprenorphine in the speed of symptom resolution. These findings support offering "
            "either medication according to availability and patient preference.",
            status="In-Data-Review",
            year=2023,
        ),
        "meta-analysis",
        "human",
        897,
        (
            "Buprenorphine and methadone appear equally effective for completing withdrawal, "
            "with a modest advantage for buprenorphine in the speed of symptom resolution.",
            "These findings support offering either medication according to availability and "
            "patient preference.",
        ),
        "Not yet indexed: only the text says meta-analysis.",
    ),
    Labelled(
        record(
            "90000005",
            "Chinese herbal medicine for opioid withdrawal: a systematic review and meta-analysis",
            (
                (
                    "BACKGROUND",
                    "Chinese herbal medicines are widely used for opioid detoxification in "
                    "China, but their efficacy and safety relative to conventional treatment are "
                    "uncertain.",
                ),
                (
                    "METHODS",
                    "Eight English and Chinese databases were searched for randomized controlled "
                    "trials comparing Chinese herbal medicine, alone or combined with "
                    "conventional treatment, against lofexidine, clonidine, methadone or placebo. "
                    "Data were pooled with random-effects models and the certainty of evidence "
                    "was rated with GRADE.",
                ),
                (
                    "RESULTS",
                    "Twenty-two trials involving 2,231 participants were included. Compared with "
                    "lofexidine or clonidine, herbal formulas such as Jinniu capsule and "
                    "Tai-Kang-Ning reduced withdrawal symptom scores at day 10 (SMD −0.41, 95% "
                    "CI −0.62 to −0.20) with fewer adverse events. Evidence against methadone was "
                    "inconclusive. Most trials had unclear allocation concealment.",
                ),
                (
                    "CONCLUSION",
                    "Chinese herbal medicine may relieve opioid withdrawal symptoms at least as "
                    "well as α2-adrenergic agonists, with fewer adverse events. The certainty of "
                    "the evidence is low.",
                ),
            ),
            types=("Journal Article", "Systematic Review"),
            mesh=(
                "Drugs, Chinese Herbal",
                "Humans",
                "Medicine, Chinese Traditional",
                "Opioid-Related Disorders",
                "Substance Withdrawal Syndrome",
            ),
            year=2021,
        ),
        "meta-analysis",
        "human",
        2231,
        (
            "Chinese herbal medicine may relieve opioid withdrawal symptoms at least as well as "
            "α2-adrenergic agonists, with fewer adverse events.",
            "The certainty of the evidence is low.",
        ),
        "Indexed as a systematic review only; it pooled data with random-effects models.",
    ),
    Labelled(
        record(
            "90000006",
            "Kratom alkaloids in rodent models of opioid withdrawal: a systematic review and "
            "meta-analysis of preclinical studies",
            "Preclinical studies have tested whether mitragynine and other kratom alkaloids "
            "relieve opioid withdrawal, but they have not been synthesized. We systematically "
            "searched PubMed, Embase and Web of Science for controlled studies in rats or mice "
            "that gave a kratom alkaloid during spontaneous or naloxone-precipitated withdrawal "
            "from morphine. Eighteen studies (412 animals) were included. Mitragynine reduced "
            "global withdrawal scores compared with vehicle (standardized mean difference −1.12, "
            "95% CI −1.51 to −0.73), and 7-hydroxymitragynine had a similar effect in four "
            "studies. Reporting of randomization and blinding was poor, and funnel plot "
            "asymmetry suggested publication bias. Mitragynine consistently attenuates opioid "
            "withdrawal signs in rodents, but the small, poorly reported studies likely "
            "overstate the effect.",
            types=("Journal Article", "Meta-Analysis", "Systematic Review"),
            mesh=(
                "Animals",
                "Disease Models, Animal",
                "Mice",
                "Morphine",
                "Rats",
                "Secologanin Tryptamine Alkaloids",
                "Substance Withdrawal Syndrome",
            ),
            year=2023,
        ),
        "meta-analysis",
        "animal",
        412,
        (
            "Mitragynine consistently attenuates opioid withdrawal signs in rodents, but the "
            "small, poorly reported studies likely overstate the effect.",
        ),
        "A meta-analysis of animal studies is a meta-analysis; its population is animal.",
    ),
    Labelled(
        record(
            "90000007",
            "Buprenorphine for managing opioid withdrawal",
            (
                (
                    "BACKGROUND",
                    "Managed withdrawal is a necessary step before drug-free treatment or as the "
                    "end point of long-term substitution treatment.",
                ),
                (
                    "OBJECTIVES",
                    "To assess the effectiveness of interventions involving the short-term use "
                    "of buprenorphine to manage opioid withdrawal.",
                ),
                (
                    "SEARCH METHODS",
                    "We searched the Cochrane Drugs and Alcohol Group Specialised Register, "
                    "CENTRAL, MEDLINE, Embase, PsycINFO and Web of Science up to November 2016.",
                ),
                (
                    "SELECTION CRITERIA",
                    "Randomised controlled trials of buprenorphine versus reducing doses of "
                    "methadone, α2-adrenergic agonists, symptomatic medications or placebo, or "
                    "different buprenorphine regimens, to manage withdrawal in opioid-dependent "
                    "people.",
                ),
                (
                    "DATA COLLECTION AND ANALYSIS",
                    "We used standard methodological procedures expected by Cochrane.",
                ),
                (
                    "MAIN RESULTS",
                    "We included 27 studies involving 3048 participants. Buprenorphine was more "
                    "effective than clonidine or lofexidine in reducing the severity of "
                    "withdrawal, and participants stayed in treatment longer (SMD 0.92, 95% CI "
                    "0.57 to 1.27; 5 studies, 625 participants). Completion of withdrawal "
                    "treatment was more likely with buprenorphine (RR 1.59, 95% CI 1.23 to 2.06; "
                    "14 studies, 1264 participants; moderate-quality evidence). We found no clear "
                    "difference between buprenorphine and methadone in completion of treatment.",
                ),
                (
                    "AUTHORS' CONCLUSIONS",
                    "Buprenorphine reduces the severity of opioid withdrawal more than clonidine "
                    "or lofexidine, shortens withdrawal treatment and makes its completion more "
                    "likely. Buprenorphine and methadone seem equally effective, but the data are "
                    "limited.",
                ),
            ),
            types=MA_SR,
            mesh=(
                "Buprenorphine",
                "Clonidine",
                "Humans",
                "Methadone",
                "Opioid-Related Disorders",
                "Randomized Controlled Trials as Topic",
                "Substance Withdrawal Syndrome",
            ),
            year=2017,
        ),
        "meta-analysis",
        "human",
        3048,
        (
            "Buprenorphine reduces the severity of opioid withdrawal more than clonidine or "
            "lofexidine, shortens withdrawal treatment and makes its completion more likely.",
            "Buprenorphine and methadone seem equally effective, but the data are limited.",
        ),
        "Cochrane layout: the AUTHORS' CONCLUSIONS section holds the bottom line.",
    ),
    Labelled(
        record(
            "90000008",
            "Lofexidine versus placebo for the treatment of opioid withdrawal: a phase 3, "
            "randomized, double-blind, multicenter trial",
            (
                (
                    "BACKGROUND",
                    "Lofexidine, a selective α2A-adrenergic receptor agonist, was approved in the "
                    "United Kingdom in 1992 for the management of opioid withdrawal but had not "
                    "been evaluated in a phase 3 trial in the United States.",
                ),
                (
                    "METHODS",
                    "Adults dependent on short-acting opioids were randomly assigned to "
                    "lofexidine 2.16 mg/day (n = 229), lofexidine 2.88 mg/day (n = 222) or "
                    "placebo (n = 151) for 7 days of inpatient or outpatient treatment after "
                    "abrupt opioid discontinuation. The primary outcomes were the Short Opiate "
                    "Withdrawal Scale of Gossop (SOWS-Gossop) score on days 1–7 and completion of "
                    "7 days of treatment.",
                ),
                (
                    "RESULTS",
                    "Of 602 randomized participants, mean SOWS-Gossop scores over days 1–7 were "
                    "lower with lofexidine 2.16 mg (6.32) and 2.88 mg (6.06) than with placebo "
                    "(8.67; p < .001 for both). Treatment completion was 41.5%, 39.6% and 27.8%, "
                    "respectively. Orthostatic hypotension and bradycardia were more common with "
                    "lofexidine but rarely led to discontinuation.",
                ),
                (
                    "CONCLUSIONS",
                    "Lofexidine reduced withdrawal symptoms and increased completion of treatment "
                    "compared with placebo in adults undergoing abrupt opioid discontinuation. It "
                    "was generally well tolerated.",
                ),
            ),
            types=(
                "Clinical Trial, Phase III",
                "Journal Article",
                "Multicenter Study",
                "Randomized Controlled Trial",
            ),
            mesh=(
                "Adolescent",
                "Adult",
                "Clonidine",
                "Double-Blind Method",
                "Female",
                "Humans",
                "Male",
                "Middle Aged",
                "Opioid-Related Disorders",
                "Substance Withdrawal Syndrome",
                "Treatment Outcome",
                "Young Adult",
            ),
            year=2019,
        ),
        "rct",
        "human",
        602,
        (
            "Lofexidine reduced withdrawal symptoms and increased completion of treatment "
            "compared with placebo in adults undergoing abrupt opioid discontinuation.",
            "It was generally well tolerated.",
        ),
    ),
    Labelled(
        record(
            "90000009",
            "Melatonin supplementation and sleep quality in patients receiving methadone "
            "maintenance treatment: a randomized, double-blind, placebo-controlled trial",
            (
                (
                    "OBJECTIVE",
                    "Sleep disturbance is common in methadone maintenance treatment (MMT) and "
                    "predicts relapse. This study evaluated the effects of melatonin "
                    "supplementation on sleep quality and mental health in patients under MMT.",
                ),
                (
                    "METHODS",
                    "In this 12-week randomized, double-blind, placebo-controlled trial, 54 "
                    "patients under MMT were randomly allocated to receive 10 mg melatonin "
                    "(n = 27) or placebo (n = 27) once daily. Sleep quality was assessed with the "
                    "Pittsburgh Sleep Quality Index (PSQI), and depression and anxiety with the "
                    "Beck Depression Inventory (BDI) and Beck Anxiety Inventory (BAI).",
                ),
                (
                    "RESULTS",
                    "Compared with placebo, melatonin reduced the global PSQI score (β −1.84; 95% "
                    "CI −2.79, −0.91; P < 0.001) and the BDI score (β −2.48; 95% CI −4.45, −0.51; "
                    "P = 0.01). No significant effect was seen on anxiety.",
                ),
                (
                    "CONCLUSION",
                    "Twelve weeks of melatonin supplementation improved sleep quality and "
                    "depressive symptoms in patients under MMT. Melatonin may be a useful adjunct "
                    "for sleep problems in this population.",
                ),
            ),
            types=("Journal Article", "Randomized Controlled Trial"),
            mesh=(
                "Adult",
                "Double-Blind Method",
                "Humans",
                "Male",
                "Melatonin",
                "Mental Health",
                "Methadone",
                "Opiate Substitution Treatment",
                "Sleep",
            ),
            year=2019,
        ),
        "rct",
        "human",
        54,
        (
            "Twelve weeks of melatonin supplementation improved sleep quality and depressive "
            "symptoms in patients under MMT.",
            "Melatonin may be a useful adjunct for sleep problems in this population.",
        ),
    ),
    Labelled(
        record(
            "90000010",
            "Suvorexant ameliorated sleep disturbance, opioid withdrawal and craving during a "
            "buprenorphine taper",
            "Sleep disturbance is a prominent and persistent symptom of opioid withdrawal that "
            "is rarely treated. In this double-blind, placebo-controlled inpatient trial, 38 "
            "adults with opioid use disorder maintained on buprenorphine were randomized to "
            "suvorexant 20 mg, suvorexant 40 mg or placebo and underwent a rapid buprenorphine "
            "taper followed by a placebo period. Sleep was measured with polysomnography and "
            "actigraphy, and withdrawal with the Clinical Opiate Withdrawal Scale (COWS) and "
            "Subjective Opiate Withdrawal Scale (SOWS). Suvorexant increased total sleep time "
            "relative to placebo during withdrawal, by 73 minutes at 20 mg and 89 minutes at 40 "
            "mg on polysomnography. Withdrawal severity and opioid craving were also lower in "
            "participants receiving suvorexant. Adverse events did not differ between groups. "
            "These findings suggest that orexin receptor antagonism is a promising strategy for "
            "treating sleep disturbance and other symptoms during opioid withdrawal.",
            types=("Clinical Trial", "Journal Article", "Research Support, N.I.H., Extramural"),
            mesh=(
                "Adult",
                "Azepines",
                "Buprenorphine",
                "Craving",
                "Double-Blind Method",
                "Humans",
                "Opioid-Related Disorders",
                "Sleep Initiation and Maintenance Disorders",
                "Substance Withdrawal Syndrome",
                "Triazoles",
            ),
            year=2022,
        ),
        "rct",
        "human",
        38,
        (
            "These findings suggest that orexin receptor antagonism is a promising strategy for "
            "treating sleep disturbance and other symptoms during opioid withdrawal.",
        ),
        "Indexed as 'Clinical Trial' only; the text says participants were randomized.",
    ),
    Labelled(
        record(
            "90000011",
            "Adjunctive melatonin during inpatient methadone-assisted opioid detoxification: a "
            "non-randomized controlled trial",
            (
                (
                    "INTRODUCTION",
                    "Insomnia during opioid detoxification contributes to early discharge against "
                    "medical advice.",
                ),
                (
                    "METHODS",
                    "We enrolled 80 consecutive inpatients undergoing a 10-day methadone-assisted "
                    "detoxification. Patients admitted in odd-numbered months received melatonin "
                    "6 mg at bedtime in addition to standard care (n = 40); those admitted in "
                    "even-numbered months received standard care alone (n = 40). Sleep was rated "
                    "daily with the Insomnia Severity Index, and withdrawal with the COWS.",
                ),
                (
                    "RESULTS",
                    "Patients receiving melatonin reported lower Insomnia Severity Index scores "
                    "from day 4 onward (mean difference −3.1 points) and were more likely to "
                    "complete detoxification (34/40 vs. 25/40, p = .02). COWS scores did not "
                    "differ between groups.",
                ),
                (
                    "DISCUSSION",
                    "Adding melatonin to methadone-assisted detoxification was associated with "
                    "better sleep and higher completion, without a detectable effect on other "
                    "withdrawal signs. Because allocation was not randomized, a randomized trial "
                    "is warranted.",
                ),
            ),
            types=("Controlled Clinical Trial", "Journal Article"),
            mesh=(
                "Adult",
                "Humans",
                "Inpatients",
                "Male",
                "Melatonin",
                "Methadone",
                "Opioid-Related Disorders",
                "Sleep Wake Disorders",
                "Substance Withdrawal Syndrome",
            ),
            year=2021,
        ),
        "non-randomized-trial",
        "human",
        80,
        (
            "Adding melatonin to methadone-assisted detoxification was associated with better "
            "sleep and higher completion, without a detectable effect on other withdrawal signs.",
            "Because allocation was not randomized, a randomized trial is warranted.",
        ),
        "Allocation by month of admission; 'randomized' appears only negated or as a wish.",
    ),
    Labelled(
        record(
            "90000012",
            "Pharmacokinetics of mitragynine after single and repeated doses of kratom tea in "
            "healthy volunteers: an open-label study",
            "Kratom (Mitragyna speciosa Korth.) leaves are brewed as tea in Southeast Asia, yet "
            "the pharmacokinetics of mitragynine, the main alkaloid, have not been described in "
            "humans. In this open-label study, ten healthy male volunteers with a history of "
            "regular kratom use drank kratom tea containing 6.25–23.0 mg of mitragynine once "
            "daily for 7 days. Plasma mitragynine was measured by liquid chromatography–tandem "
            "mass spectrometry. Maximum concentrations were reached 0.83 ± 0.35 h after dosing, "
            "and the terminal half-life was 23.24 ± 16.07 h. Steady state was reached within 7–9 "
            "days. No serious adverse events occurred; tachycardia and mild facial flushing were "
            "the most frequent complaints. Mitragynine is rapidly absorbed and slowly eliminated "
            "in humans, so accumulation with daily use is expected.",
            types=("Clinical Trial, Phase I", "Journal Article"),
            mesh=(
                "Adult",
                "Healthy Volunteers",
                "Humans",
                "Male",
                "Mitragyna",
                "Plant Extracts",
                "Secologanin Tryptamine Alkaloids",
                "Tea",
            ),
            year=2015,
        ),
        "non-randomized-trial",
        "human",
        10,
        (
            "Mitragynine is rapidly absorbed and slowly eliminated in humans, so accumulation "
            "with daily use is expected.",
        ),
    ),
    Labelled(
        record(
            "90000013",
            "Kratom and pain tolerance: a randomized, placebo-controlled, double-blind study",
            "Although kratom is widely used for pain self-management, its analgesic effect in "
            "humans has not been tested under controlled conditions. We conducted a randomized, "
            "placebo-controlled, double-blind crossover study in 26 male regular kratom users in "
            "Malaysia. Participants received a kratom decoction matched to their usual dose or a "
            "placebo drink on separate days, and pain tolerance was measured with the cold "
            "pressor task before and 1 hour after drinking. Kratom increased pain tolerance time "
            "compared with placebo (mean increase 18.0 s vs. 1.7 s, p < .001). Mild adverse "
            "effects such as dizziness were reported by three participants after kratom. This "
            "first controlled study in humans shows that kratom has an analgesic effect in "
            "regular users, supporting anecdotal reports.",
            types=("Journal Article", "Randomized Controlled Trial"),
            mesh=(
                "Adult",
                "Cross-Over Studies",
                "Double-Blind Method",
                "Humans",
                "Malaysia",
                "Male",
                "Mitragyna",
                "Pain Threshold",
                "Plant Preparations",
                "Young Adult",
            ),
            year=2020,
        ),
        "rct",
        "human",
        26,
        (
            "This first controlled study in humans shows that kratom has an analgesic effect in "
            "regular users, supporting anecdotal reports.",
        ),
    ),
    Labelled(
        record(
            "90000014",
            "Extended-release tramadol versus clonidine and buprenorphine for opioid withdrawal: "
            "a randomized controlled trial",
            (
                (
                    "AIMS",
                    "To compare tramadol extended-release (ER) with clonidine and buprenorphine "
                    "for the management of opioid withdrawal.",
                ),
                ("DESIGN", "Randomized, double-blind, double-dummy, placebo-controlled trial."),
                ("SETTING", "Residential research unit in Baltimore, Maryland, USA."),
                ("PARTICIPANTS", "A total of 103 adults with opioid use disorder."),
                (
                    "MEASUREMENTS",
                    "Participants were stabilized on morphine 15 mg four times daily before a "
                    "7-day taper with tramadol ER (600 mg/day), clonidine (0.6 mg/day) or "
                    "buprenorphine (8 mg/day). Outcomes were withdrawal severity, treatment "
                    "retention and naltrexone induction.",
                ),
                (
                    "FINDINGS",
                    "Tramadol ER and buprenorphine suppressed withdrawal better than clonidine. "
                    "Retention to the end of the taper was higher with tramadol ER (71%) and "
                    "buprenorphine (72%) than with clonidine (46%).",
                ),
                (
                    "CONCLUSIONS",
                    "Tramadol ER was more effective than clonidine and comparable to "
                    "buprenorphine in managing opioid withdrawal symptoms during a residential "
                    "tapering program.",
                ),
            ),
            types=("Journal Article", "Randomized Controlled Trial"),
            mesh=(
                "Adult",
                "Buprenorphine",
                "Clonidine",
                "Double-Blind Method",
                "Humans",
                "Opioid-Related Disorders",
                "Substance Withdrawal Syndrome",
                "Tramadol",
            ),
            year=2013,
        ),
        "rct",
        "human",
        103,
        (
            "Tramadol ER was more effective than clonidine and comparable to buprenorphine in "
            "managing opioid withdrawal symptoms during a residential tapering program.",
        ),
    ),
    Labelled(
        record(
            "90000015",
            "Buprenorphine tapering schedule and illicit opioid use",
            (
                (
                    "BACKGROUND",
                    "The optimal duration of a buprenorphine taper for people who wish to stop "
                    "opioid agonist treatment is unknown.",
                ),
                (
                    "METHODS",
                    "Of 1,093 individuals screened at 11 community treatment programs, 516 were "
                    "stabilized on buprenorphine–naloxone for 4 weeks and then randomly assigned "
                    "to a 7-day (n = 261) or a 28-day (n = 255) taper. The primary outcome was an "
                    "opioid-negative urine sample at the end of the taper.",
                ),
                (
                    "RESULTS",
                    "At the end of the taper, 44% of the 7-day group and 30% of the 28-day group "
                    "provided opioid-negative urine samples (p = .0007). At 1 and 3 months of "
                    "follow-up, opioid use did not differ between groups, and most participants "
                    "in both groups had resumed opioid use.",
                ),
                (
                    "CONCLUSIONS",
                    "A longer buprenorphine taper did not improve outcomes over a shorter one. "
                    "Regardless of taper length, most patients returned to opioid use after the "
                    "taper ended.",
                ),
            ),
            types=(
                "Comparative Study",
                "Journal Article",
                "Multicenter Study",
                "Randomized Controlled Trial",
            ),
            mesh=(
                "Adult",
                "Buprenorphine",
                "Drug Administration Schedule",
                "Female",
                "Humans",
                "Male",
                "Naloxone",
                "Opioid-Related Disorders",
                "Substance Withdrawal Syndrome",
            ),
            year=2009,
        ),
        "rct",
        "human",
        516,
        (
            "A longer buprenorphine taper did not improve outcomes over a shorter one.",
            "Regardless of taper length, most patients returned to opioid use after the taper "
            "ended.",
        ),
        "1,093 were screened; the arms (261 + 255) make the 516 randomised.",
    ),
    Labelled(
        record(
            "90000016",
            "Gabapentin as an adjunct to methadone for the treatment of opioid withdrawal: a "
            "randomized, double-blind, placebo-controlled trial",
            "Gabapentin has been proposed as an adjunct for opioid withdrawal because it reduces "
            "hyperalgesia and anxiety. We randomized 60 opioid-dependent patients admitted for "
            "detoxification to gabapentin 900 mg/day or placebo for 10 days, in addition to a "
            "methadone taper. Withdrawal was assessed daily with the Objective Opiate Withdrawal "
            "Scale (OOWS), craving with a visual analogue scale and pain with the McGill Pain "
            "Questionnaire. Patients receiving gabapentin had lower OOWS scores on days 3 to 8 "
            "and reported less pain, while craving did not differ between groups. Two patients "
            "in the gabapentin group withdrew because of dizziness. Gabapentin reduced the "
            "objective signs and pain of opioid withdrawal when added to a methadone taper. It "
            "may be a useful adjunct in detoxification settings.",
            types=("Journal Article", "Randomized Controlled Trial"),
            mesh=(
                "Adult",
                "Gabapentin",
                "Humans",
                "Male",
                "Methadone",
                "Opioid-Related Disorders",
                "Pain Measurement",
                "Substance Withdrawal Syndrome",
            ),
            year=2011,
        ),
        "rct",
        "human",
        60,
        (
            "Gabapentin reduced the objective signs and pain of opioid withdrawal when added to a "
            "methadone taper.",
            "It may be a useful adjunct in detoxification settings.",
        ),
    ),
    Labelled(
        record(
            "90000017",
            "Transcutaneous electrical acupoint stimulation for withdrawal symptoms during "
            "methadone dose reduction: a randomized sham-controlled trial",
            (
                (
                    "Objective",
                    None,
                    "To evaluate whether transcutaneous electrical acupoint stimulation (TEAS) "
                    "relieves withdrawal symptoms and craving in patients reducing their "
                    "methadone dose.",
                ),
                (
                    "Methods",
                    None,
                    "A total of 120 patients on methadone maintenance who planned a dose "
                    "reduction were randomly assigned to active TEAS at 2/100 Hz or sham TEAS, 30 "
                    "min three times weekly for 8 weeks. Outcomes were scores on the Subjective "
                    "Opiate Withdrawal Scale (SOWS), craving on a 0–10 scale and the proportion "
                    "achieving a ≥20% dose reduction.",
                ),
                (
                    "Results",
                    None,
                    "Active TEAS reduced SOWS scores more than sham at week 8 (−6.9 vs. −3.2; "
                    "P = .004), and more participants achieved a ≥20% dose reduction (53.3% vs. "
                    "31.7%). Craving decreased in both groups.",
                ),
                (
                    "Conclusion",
                    None,
                    "TEAS may ease withdrawal symptoms and support methadone dose reduction. Its "
                    "effect on craving was not distinguishable from sham.",
                ),
            ),
            types=("Journal Article", "Randomized Controlled Trial"),
            mesh=(
                "Acupuncture Points",
                "Adult",
                "Humans",
                "Male",
                "Methadone",
                "Opioid-Related Disorders",
                "Substance Withdrawal Syndrome",
                "Transcutaneous Electric Nerve Stimulation",
            ),
            year=2018,
        ),
        "rct",
        "human",
        120,
        (
            "TEAS may ease withdrawal symptoms and support methadone dose reduction.",
            "Its effect on craving was not distinguishable from sham.",
        ),
        "Publisher labels without NLM categories.",
    ),
    Labelled(
        record(
            "90000018",
            "Melatonin reduces the severity of opioid withdrawal in heroin-dependent inpatients: "
            "a randomized controlled trial",
            "Melatonin has anti-inflammatory and sleep-promoting properties that could ease "
            "opioid withdrawal. In a single-centre trial, 96 heroin-dependent men admitted for "
            "detoxification were randomized to melatonin 5 mg or placebo nightly for 14 days. "
            "Withdrawal severity was measured with the COWS and sleep with the PSQI. Melatonin "
            "reduced peak COWS scores by 38% and improved PSQI scores by 4.2 points compared "
            "with placebo (both p < 0.001). No adverse events were attributed to melatonin. "
            "Melatonin markedly reduces the severity of opioid withdrawal and should be included "
            "in detoxification protocols.",
            types=("Journal Article", "Randomized Controlled Trial", "Retracted Publication"),
            mesh=(
                "Adult",
                "Heroin Dependence",
                "Humans",
                "Inpatients",
                "Male",
                "Melatonin",
                "Substance Withdrawal Syndrome",
            ),
            corrections=(("RetractionIn", "90000090"),),
            year=2016,
        ),
        "rct",
        "human",
        96,
        (
            "Melatonin markedly reduces the severity of opioid withdrawal and should be included "
            "in detoxification protocols.",
        ),
        "Retracted: still an RCT by design; the flag tells the reader.",
    ),
    Labelled(
        record(
            "90000019",
            "Outcomes after buprenorphine discontinuation by tapering versus abrupt stop: a "
            "retrospective cohort study of Medicaid claims",
            (
                (
                    "IMPORTANCE",
                    "Many patients stop buprenorphine treatment within months, and how they stop "
                    "may affect their risk of overdose.",
                ),
                (
                    "OBJECTIVE",
                    "To compare overdose and return to treatment after buprenorphine "
                    "discontinuation by taper versus abrupt discontinuation.",
                ),
                (
                    "DESIGN, SETTING, AND PARTICIPANTS",
                    "This retrospective cohort study used Medicaid claims from 6 states for "
                    "adults who discontinued buprenorphine after at least 90 days of treatment "
                    "between 2014 and 2019.",
                ),
                (
                    "EXPOSURES",
                    "Taper (a dose reduction of at least 25% over the final 30 days) vs abrupt "
                    "discontinuation.",
                ),
                (
                    "MAIN OUTCOMES AND MEASURES",
                    "Medically treated opioid overdose and return to buprenorphine within 12 "
                    "months.",
                ),
                (
                    "RESULTS",
                    "Among 9,871 patients who discontinued buprenorphine, 2,104 (21.3%) tapered. "
                    "Tapering was associated with a lower risk of overdose (adjusted hazard ratio "
                    "0.79; 95% CI, 0.64-0.97) and a similar likelihood of returning to treatment.",
                ),
                (
                    "CONCLUSIONS AND RELEVANCE",
                    "In this cohort study, tapering rather than abruptly stopping buprenorphine "
                    "was associated with fewer overdoses. Clinicians supporting patients who wish "
                    "to stop buprenorphine should offer a gradual taper.",
                ),
            ),
            types=("Journal Article", "Observational Study"),
            mesh=(
                "Adult",
                "Buprenorphine",
                "Cohort Studies",
                "Female",
                "Humans",
                "Male",
                "Medicaid",
                "Opiate Substitution Treatment",
                "Opioid-Related Disorders",
                "Retrospective Studies",
                "Treatment Outcome",
                "United States",
            ),
            year=2022,
        ),
        "observational",
        "human",
        9871,
        (
            "In this cohort study, tapering rather than abruptly stopping buprenorphine was "
            "associated with fewer overdoses.",
            "Clinicians supporting patients who wish to stop buprenorphine should offer a gradual "
            "taper.",
        ),
    ),
    Labelled(
        record(
            "90000020",
            "Neonatal opioid withdrawal syndrome after prenatal exposure to buprenorphine or "
            "methadone: a prospective cohort study",
            "Buprenorphine and methadone are both recommended for opioid use disorder in "
            "pregnancy, but their effects on the newborn may differ. We followed 214 "
            "mother–infant dyads from the third trimester until hospital discharge at two "
            "academic centres; 118 mothers received buprenorphine and 96 received methadone. "
            "Neonatal opioid withdrawal syndrome (NOWS) requiring pharmacological treatment "
            "occurred in 31% of buprenorphine-exposed and 52% of methadone-exposed infants "
            "(adjusted odds ratio 0.44, 95% CI 0.24–0.80). Buprenorphine-exposed infants had "
            "shorter hospital stays (median 6 vs. 11 days). Prenatal buprenorphine exposure was "
            "associated with less severe neonatal withdrawal and shorter hospitalization than "
            "methadone exposure. These results support buprenorphine as a first-line option for "
            "pregnant women with opioid use disorder.",
            mesh=(
                "Buprenorphine",
                "Cohort Studies",
                "Female",
                "Humans",
                "Infant, Newborn",
                "Methadone",
                "Neonatal Abstinence Syndrome",
                "Opiate Substitution Treatment",
                "Pregnancy",
                "Prenatal Exposure Delayed Effects",
                "Prospective Studies",
            ),
            year=2020,
        ),
        "observational",
        "human",
        214,
        (
            "Prenatal buprenorphine exposure was associated with less severe neonatal withdrawal "
            "and shorter hospitalization than methadone exposure.",
            "These results support buprenorphine as a first-line option for pregnant women with "
            "opioid use disorder.",
        ),
        "No design publication type: MeSH (Prospective Studies, Cohort Studies) decides.",
    ),
    Labelled(
        record(
            "90000021",
            "Nocturnal melatonin secretion and sleep in patients on methadone maintenance: a "
            "case-control study",
            "Patients receiving methadone maintenance frequently report poor sleep, and opioids "
            "may disturb circadian rhythms. We compared 6-sulfatoxymelatonin excretion in "
            "overnight urine and actigraphic sleep in 45 patients on stable methadone "
            "maintenance and 45 matched healthy controls. Patients excreted 41% less "
            "6-sulfatoxymelatonin than controls (p = 0.002) and had lower sleep efficiency (78% "
            "vs. 88%). Within the patient group, higher methadone doses were associated with "
            "lower melatonin excretion. Methadone maintenance is associated with reduced "
            "nocturnal melatonin secretion, which may contribute to the sleep complaints of "
            "these patients. Whether melatonin replacement improves sleep in this group remains "
            "to be tested.",
            types=("Comparative Study", "Journal Article"),
            mesh=(
                "Adult",
                "Case-Control Studies",
                "Circadian Rhythm",
                "Humans",
                "Male",
                "Melatonin",
                "Methadone",
                "Opiate Substitution Treatment",
                "Sleep Wake Disorders",
            ),
            year=2014,
        ),
        "observational",
        "human",
        90,
        (
            "Methadone maintenance is associated with reduced nocturnal melatonin secretion, "
            "which may contribute to the sleep complaints of these patients.",
        ),
        "45 cases and 45 controls: 90 participants.",
    ),
    Labelled(
        record(
            "90000022",
            "Patterns of kratom use and health impact in the US: results from an online survey",
            (
                (
                    "BACKGROUND",
                    "Kratom (Mitragyna speciosa) is used in the US to self-treat pain, mood "
                    "disorders and opioid withdrawal, but data on the people who use it are "
                    "scarce.",
                ),
                (
                    "METHODS",
                    "An anonymous online survey was promoted through kratom advocacy websites and "
                    "social media in October 2016. Respondents reported demographics, reasons for "
                    "use, dose, perceived effects and adverse effects.",
                ),
                (
                    "RESULTS",
                    "A total of 8,049 respondents completed the survey; most were middle-aged "
                    "(31–50 years), employed and had health insurance. Kratom was used to "
                    "self-treat pain (68%), emotional or mental conditions (66%) and withdrawal "
                    "from prescription opioids or heroin (9.8%). Among those who used it for "
                    "withdrawal, 87% reported that kratom relieved their symptoms. Adverse "
                    "effects were infrequent and mostly mild; fewer than 1% of respondents sought "
                    "treatment for them.",
                ),
                (
                    "CONCLUSIONS",
                    "Kratom is used by middle-aged Americans primarily for self-treatment of "
                    "pain, mental health conditions and opioid withdrawal. Its low rate of "
                    "reported adverse effects warrants further study of its potential benefits "
                    "and harms.",
                ),
            ),
            mesh=(
                "Adolescent",
                "Adult",
                "Cross-Sectional Studies",
                "Female",
                "Humans",
                "Internet",
                "Male",
                "Middle Aged",
                "Mitragyna",
                "Opioid-Related Disorders",
                "Self Medication",
                "Surveys and Questionnaires",
                "United States",
                "Young Adult",
            ),
            year=2017,
        ),
        "cross-sectional",
        "human",
        8049,
        (
            "Kratom is used by middle-aged Americans primarily for self-treatment of pain, mental "
            "health conditions and opioid withdrawal.",
            "Its low rate of reported adverse effects warrants further study of its potential "
            "benefits and harms.",
        ),
    ),
    Labelled(
        record(
            "90000023",
            "Kratom (Mitragyna speciosa): user demographics, use patterns, and implications for "
            "the opioid epidemic",
            (
                (
                    "BACKGROUND",
                    "Kratom has been promoted as a less harmful alternative to opioids, yet its "
                    "use patterns have not been systematically described.",
                ),
                (
                    "METHODS",
                    "An anonymous online survey of adults who had used kratom at least once was "
                    "conducted in 2017 (N = 2,798).",
                ),
                (
                    "RESULTS",
                    "Respondents were predominantly White (89%), male (57%) and employed "
                    "full-time (60%). Kratom was used mainly to treat pain (91%), anxiety (67%) "
                    "and depression (65%). Of the 1,479 respondents with a history of "
                    "non-medical opioid use, 41% used kratom to reduce or stop opioid use, and "
                    "35% reported more than a year of abstinence from opioids after starting "
                    "kratom. Only 0.68% met criteria for moderate or severe kratom use disorder.",
                ),
                (
                    "CONCLUSIONS",
                    "Kratom is used by a broad range of adults, most often to manage pain and "
                    "mood. Many respondents reported using kratom to reduce or replace opioid "
                    "use. Controlled studies of its therapeutic potential and risks are needed.",
                ),
            ),
            types=("Journal Article", "Observational Study"),
            mesh=(
                "Adult",
                "Cross-Sectional Studies",
                "Female",
                "Humans",
                "Male",
                "Mitragyna",
                "Opioid-Related Disorders",
                "Substance Withdrawal Syndrome",
                "Surveys and Questionnaires",
            ),
            year=2020,
        ),
        "cross-sectional",
        "human",
        2798,
        (
            "Kratom is used by a broad range of adults, most often to manage pain and mood.",
            "Many respondents reported using kratom to reduce or replace opioid use.",
        ),
        "'Observational Study' indexed as cross-sectional: a survey, not a cohort.",
    ),
    Labelled(
        record(
            "90000024",
            "Kratom as a substitute for opioids: results from an online survey",
            "Reports that people use kratom to replace prescribed or illicit opioids have "
            "received public attention, but systematic data are limited. We conducted an online "
            "survey of people who reported current or past kratom use, recruited through online "
            "forums in 2018. Of 2,867 respondents, 2,024 reported current use, and 1,192 "
            "reported using kratom specifically as a substitute for opioids. Substitution was "
            "more common among respondents with a history of opioid use disorder (68% vs. 33%). "
            "Most substituters reported that kratom reduced opioid withdrawal symptoms and "
            "cravings without the euphoria of opioids. Few respondents reported kratom-related "
            "problems requiring medical attention. Kratom appears to be used as a substitute for "
            "opioids by a substantial subgroup of users, many of whom report benefits for "
            "withdrawal and craving.",
            keywords=("Kratom", "Opioid substitution", "Online survey"),
            status="PubMed-not-MEDLINE",
            year=2019,
        ),
        "cross-sectional",
        "human",
        2867,
        (
            "Kratom appears to be used as a substitute for opioids by a substantial subgroup of "
            "users, many of whom report benefits for withdrawal and craving.",
        ),
        "No MeSH, no design publication type: the text says survey.",
    ),
    Labelled(
        record(
            "90000025",
            "Kratom (Mitragyna speciosa) dependence, withdrawal symptoms and craving in regular "
            "users",
            "Kratom is traditionally used in Malaysia and Thailand, where regular users are said "
            "to develop dependence. This cross-sectional study assessed dependence, withdrawal "
            "and craving in 293 regular kratom users recruited in northern Peninsular Malaysia "
            "using the Severity of Dependence Scale (SDS), a withdrawal symptom checklist and the "
            "Kratom Craving Scale. More than half of the users (n = 160) reported kratom "
            "dependence, and withdrawal symptoms such as muscle spasms, sleep disturbance, hot "
            "flashes and fever were common. Users who drank more than three glasses of kratom "
            "tea daily had higher odds of dependence, withdrawal and craving. Regular kratom use "
            "is associated with dependence, withdrawal symptoms and craving, which appear to be "
            "dose-related. These problems resemble, but seem milder than, those of opioid "
            "dependence.",
            types=("Journal Article", "Research Support, Non-U.S. Gov't"),
            mesh=(
                "Adult",
                "Cross-Sectional Studies",
                "Humans",
                "Malaysia",
                "Male",
                "Mitragyna",
                "Plant Preparations",
                "Substance Withdrawal Syndrome",
                "Substance-Related Disorders",
                "Surveys and Questionnaires",
            ),
            year=2014,
        ),
        "cross-sectional",
        "human",
        293,
        (
            "Regular kratom use is associated with dependence, withdrawal symptoms and craving, "
            "which appear to be dose-related.",
            "These problems resemble, but seem milder than, those of opioid dependence.",
        ),
    ),
    Labelled(
        record(
            "90000026",
            "Kratom exposures reported to United States poison control centers: 2011–2017",
            "Kratom use has increased in the United States, and reports of toxicity have "
            "followed. We performed a retrospective analysis of kratom exposures reported to the "
            "National Poison Data System from January 2011 through December 2017. There were "
            "1,807 kratom exposures during the study period, and the annual number rose from 13 "
            "in 2011 to 682 in 2017. Most exposures involved adults aged 20 years or older (89%) "
            "and occurred through ingestion. Agitation, tachycardia, drowsiness, vomiting and "
            "confusion were the most frequent clinical effects; seizures occurred in 6.1% of "
            "single-substance exposures. Eleven deaths were associated with kratom exposure, two "
            "of which followed exposure to kratom alone. Kratom exposures reported to poison "
            "control centers increased more than 50-fold over seven years and were associated "
            "with serious medical outcomes, including death. Kratom is not a safe alternative to "
            "opioids.",
            mesh=(
                "Adolescent",
                "Adult",
                "Humans",
                "Mitragyna",
                "Plant Preparations",
                "Poison Control Centers",
                "Retrospective Studies",
                "United States",
            ),
            year=2019,
        ),
        "observational",
        "human",
        1807,
        (
            "Kratom exposures reported to poison control centers increased more than 50-fold "
            "over seven years and were associated with serious medical outcomes, including "
            "death.",
            "Kratom is not a safe alternative to opioids.",
        ),
        "A retrospective analysis of poison-centre records; each exposure is a case.",
    ),
    Labelled(
        record(
            "90000027",
            "Intrahepatic cholestasis following abuse of powdered kratom (Mitragyna speciosa)",
            "Kratom is a herbal product sold online and in smoke shops in the United States, "
            "where it is often promoted as safe. We present a 25-year-old man who developed "
            "jaundice and pruritus two weeks after starting daily use of powdered kratom to "
            "self-treat opioid withdrawal. Laboratory tests showed a cholestatic pattern of "
            "liver injury (total bilirubin 7.6 mg/dL, alkaline phosphatase 428 U/L), and viral, "
            "autoimmune and obstructive causes were excluded. Liver biopsy showed intrahepatic "
            "cholestasis without significant inflammation. Symptoms and liver tests resolved "
            "within four months of stopping kratom. The RUCAM score of 7 indicated a probable "
            "causal relationship. Kratom should be considered a potential cause of drug-induced "
            "liver injury, and clinicians should ask about its use in patients with unexplained "
            "cholestasis.",
            types=("Case Reports", "Journal Article"),
            mesh=(
                "Adult",
                "Chemical and Drug Induced Liver Injury",
                "Cholestasis, Intrahepatic",
                "Humans",
                "Male",
                "Mitragyna",
                "Plant Preparations",
            ),
            year=2013,
        ),
        "case-report",
        "human",
        1,
        (
            "Kratom should be considered a potential cause of drug-induced liver injury, and "
            "clinicians should ask about its use in patients with unexplained cholestasis.",
        ),
    ),
    Labelled(
        record(
            "90000028",
            "Neonatal abstinence syndrome after maternal kratom use during pregnancy",
            "Kratom use in pregnancy is rarely reported, and its effects on the newborn are not "
            "well characterized. A term male infant was born by spontaneous vaginal delivery to "
            "a mother who had used kratom daily throughout pregnancy to avoid opioid withdrawal; "
            "maternal urine drug screening was negative for opioids. At 33 hours of life the "
            "infant developed irritability, high-pitched cry, poor feeding and hypertonia, with "
            "Finnegan scores of 10 to 12. He was treated with oral morphine, which was weaned "
            "over 6 days. Neonatal abstinence syndrome can follow maternal kratom use, and "
            "standard urine drug screens do not detect mitragynine. Clinicians should ask "
            "pregnant women specifically about kratom use.",
            types=("Case Reports", "Journal Article"),
            mesh=(
                "Female",
                "Humans",
                "Infant, Newborn",
                "Male",
                "Mitragyna",
                "Neonatal Abstinence Syndrome",
                "Pregnancy",
                "Prenatal Exposure Delayed Effects",
            ),
            year=2018,
        ),
        "case-report",
        "human",
        1,
        (
            "Neonatal abstinence syndrome can follow maternal kratom use, and standard urine drug "
            "screens do not detect mitragynine.",
            "Clinicians should ask pregnant women specifically about kratom use.",
        ),
    ),
    Labelled(
        record(
            "90000029",
            "Seizure and coma after combined use of kratom and modafinil: a case report",
            types=("Case Reports", "Letter"),
            mesh=("Adult", "Humans", "Male", "Mitragyna", "Modafinil", "Seizures"),
            year=2010,
        ),
        "case-report",
        "human",
        1,
        (),
        "A letter without abstract: the title says it is one case.",
    ),
    Labelled(
        record(
            "90000030",
            "Liver injury associated with kratom: a case series from the Drug-Induced Liver "
            "Injury Network",
            (
                (
                    "BACKGROUND & AIMS",
                    "Kratom is increasingly used in the United States, and cases of liver injury "
                    "have been described. We characterized kratom-associated liver injury in a "
                    "prospective registry.",
                ),
                (
                    "METHODS",
                    "Cases of liver injury attributed to kratom and enrolled in the Drug-Induced "
                    "Liver Injury Network (DILIN) prospective study between 2004 and 2022 were "
                    "reviewed by three expert hepatologists, who adjudicated causality.",
                ),
                (
                    "RESULTS",
                    "Eleven patients met criteria for kratom-induced liver injury; their median "
                    "age was 38 years and 8 were men. Injury appeared after a median of 21 days "
                    "of use and was cholestatic or mixed in 9 cases. Itching and jaundice were "
                    "common. All patients recovered, and no patient required liver "
                    "transplantation, although 2 had prolonged cholestasis for more than six "
                    "months.",
                ),
                (
                    "CONCLUSIONS",
                    "Kratom can cause a distinctive cholestatic or mixed liver injury that "
                    "typically develops within weeks of starting use. Recovery is the rule, but "
                    "cholestasis can be prolonged.",
                ),
            ),
            types=("Case Reports", "Journal Article", "Multicenter Study"),
            mesh=(
                "Adult",
                "Chemical and Drug Induced Liver Injury",
                "Female",
                "Humans",
                "Male",
                "Middle Aged",
                "Mitragyna",
                "Plant Preparations",
                "Prospective Studies",
                "Registries",
            ),
            year=2022,
        ),
        "case-report",
        "human",
        11,
        (
            "Kratom can cause a distinctive cholestatic or mixed liver injury that typically "
            "develops within weeks of starting use.",
            "Recovery is the rule, but cholestasis can be prolonged.",
        ),
    ),
    Labelled(
        record(
            "90000031",
            "Kratom-induced cholestatic hepatitis in a woman using kratom for opioid withdrawal: "
            "case report and review of the literature",
            "We describe a 41-year-old woman who presented with jaundice, dark urine and fatigue "
            "after six weeks of kratom use intended to ease withdrawal from oxycodone. Her "
            "alanine aminotransferase was 312 U/L and bilirubin 9.8 mg/dL; imaging and "
            "serological tests excluded other causes. She recovered fully over 10 weeks after "
            "stopping kratom and receiving ursodeoxycholic acid. We reviewed 18 previously "
            "published cases of kratom-associated liver injury, in which onset occurred 1 to 8 "
            "weeks after starting kratom and the pattern was predominantly cholestatic. "
            "Kratom-associated liver injury follows a consistent clinical pattern and usually "
            "resolves after withdrawal of the product. Clinicians should consider kratom in "
            "patients with unexplained cholestatic liver injury, particularly those who report "
            "opioid withdrawal.",
            types=("Case Reports", "Journal Article", "Review"),
            mesh=(
                "Adult",
                "Cholestasis, Intrahepatic",
                "Female",
                "Humans",
                "Mitragyna",
                "Ursodeoxycholic Acid",
            ),
            year=2021,
        ),
        "case-report",
        "human",
        1,
        (
            "Kratom-associated liver injury follows a consistent clinical pattern and usually "
            "resolves after withdrawal of the product.",
            "Clinicians should consider kratom in patients with unexplained cholestatic liver "
            "injury, particularly those who report opioid withdrawal.",
        ),
        "'Case Reports' + 'Review': a case with a literature review; the 18 are others' cases.",
    ),
    Labelled(
        record(
            "90000032",
            "Generalized seizures associated with high-dose kratom use",
            "We describe three patients who presented to our emergency department with "
            "generalized tonic–clonic seizures after ingesting large amounts of kratom powder. "
            "None had a history of epilepsy, and two had used kratom to manage opioid withdrawal "
            "after stopping heroin. Mitragynine was detected in serum in all three patients, at "
            "concentrations of 0.3 to 1.1 mg/L, and no other drugs were found apart from "
            "caffeine. All recovered without recurrence after stopping kratom. High-dose kratom "
            "use can provoke seizures in people without epilepsy. Emergency physicians should "
            "consider kratom exposure in patients with unexplained first seizures, particularly "
            "those with a history of opioid use.",
            status="PubMed-not-MEDLINE",
            year=2021,
        ),
        "case-report",
        "human",
        3,
        (
            "High-dose kratom use can provoke seizures in people without epilepsy.",
            "Emergency physicians should consider kratom exposure in patients with unexplained "
            "first seizures, particularly those with a history of opioid use.",
        ),
        "Not indexed: 'We describe three patients' makes it a case series.",
    ),
    Labelled(
        record(
            "90000033",
            "The pharmacology of kratom alkaloids: from receptors to clinical effects",
            "Kratom leaves contain more than 40 alkaloids, of which mitragynine and "
            "7-hydroxymitragynine are the most studied. This review summarizes the pharmacology "
            "of these alkaloids, drawing on receptor binding and functional assays, studies in "
            "rodents and the limited clinical data. Mitragynine is a partial agonist at the "
            "μ-opioid receptor and a competitive antagonist at κ- and δ-opioid receptors, with "
            "low efficacy for β-arrestin-2 recruitment. Part of its antinociceptive effect in "
            "mice is mediated by its metabolite 7-hydroxymitragynine, which is formed by "
            "CYP3A4. In rodents, mitragynine produces less respiratory depression than morphine "
            "at equianalgesic doses, and it has shown reward and dependence in some, but not "
            "all, models. Human data come mainly from surveys and case reports. The distinct "
            "receptor pharmacology of kratom alkaloids may explain their reported use for opioid "
            "withdrawal, but their abuse liability and safety in humans remain to be "
            "established.",
            types=("Journal Article", "Review"),
            mesh=(
                "Analgesics, Opioid",
                "Animals",
                "Humans",
                "Mitragyna",
                "Plant Extracts",
                "Receptors, Opioid, mu",
                "Secologanin Tryptamine Alkaloids",
            ),
            year=2021,
        ),
        "narrative-review",
        "mixed",
        None,
        (
            "The distinct receptor pharmacology of kratom alkaloids may explain their reported "
            "use for opioid withdrawal, but their abuse liability and safety in humans remain to "
            "be established.",
        ),
    ),
    Labelled(
        record(
            "90000034",
            "Sleep disturbance in opioid use disorder: a role for melatonin?",
            "Sleep disturbance is among the most common and persistent complaints of people "
            "with opioid use disorder, during both withdrawal and maintenance treatment with "
            "methadone or buprenorphine. In this narrative review, we discuss the mechanisms "
            "linking opioids to circadian disruption and summarize clinical studies of melatonin "
            "and melatonin receptor agonists in this population. Opioids suppress nocturnal "
            "melatonin secretion and alter sleep architecture, and both effects persist for "
            "weeks after withdrawal. A meta-analysis by Lee et al. of five small trials "
            "(n = 412) in people with substance use disorders found modest improvements in "
            "sleep quality with melatonin, but no trial has been conducted specifically during "
            "opioid withdrawal. Melatonin is inexpensive, has few adverse effects and lacks abuse "
            "potential, which makes it an attractive candidate for managing sleep during opioid "
            "withdrawal and tapering. Randomized trials in this setting are needed before "
            "melatonin can be recommended.",
            types=("Journal Article", "Review"),
            mesh=(
                "Buprenorphine",
                "Humans",
                "Melatonin",
                "Methadone",
                "Opioid-Related Disorders",
                "Sleep Wake Disorders",
            ),
            year=2022,
        ),
        "narrative-review",
        "human",
        None,
        (
            "Melatonin is inexpensive, has few adverse effects and lacks abuse potential, which "
            "makes it an attractive candidate for managing sleep during opioid withdrawal and "
            "tapering.",
        ),
        "It cites a meta-analysis but is not one; n = 412 belongs to the cited work.",
    ),
    Labelled(
        record(
            "90000035",
            "Mitragynine and opioid withdrawal in rodents: a review of behavioural evidence",
            "Claims that kratom eases opioid withdrawal have prompted a growing number of animal "
            "studies. This review examines the behavioural evidence from rodent models of "
            "morphine and heroin withdrawal. In rats, mitragynine given before naloxone "
            "challenge reduced jumping, wet-dog shakes and weight loss in a dose-dependent "
            "manner, and in mice it attenuated conditioned place aversion associated with "
            "withdrawal. However, chronic mitragynine itself produced tolerance and mild "
            "spontaneous withdrawal signs after abrupt cessation, and 7-hydroxymitragynine was "
            "self-administered by rats. Most studies used male animals only, small groups and no "
            "blinding. Rodent data indicate that mitragynine can attenuate opioid withdrawal "
            "signs but also has dependence-producing properties of its own. Well-designed "
            "studies using clinically relevant doses are required before these findings can "
            "inform human use.",
            types=("Journal Article", "Review"),
            mesh=(
                "Animals",
                "Behavior, Animal",
                "Disease Models, Animal",
                "Mice",
                "Mitragyna",
                "Rats",
                "Secologanin Tryptamine Alkaloids",
                "Substance Withdrawal Syndrome",
            ),
            year=2022,
        ),
        "narrative-review",
        "animal",
        None,
        (
            "Rodent data indicate that mitragynine can attenuate opioid withdrawal signs but also "
            "has dependence-producing properties of its own.",
        ),
        "A review of animal studies is a review.",
    ),
    Labelled(
        record(
            "90000036",
            "Kratom for opioid withdrawal: an overview of the current evidence",
            "Kratom is increasingly used by people who seek to manage opioid withdrawal without "
            "medical supervision. This article provides an overview of the evidence on kratom "
            "and opioid withdrawal from preclinical and clinical sources. Studies in rodents "
            "show that mitragynine reduces naloxone-precipitated withdrawal signs, whereas "
            "surveys of kratom users report that many use it to self-treat withdrawal and to "
            "reduce opioid use. No controlled clinical trial has evaluated kratom for opioid "
            "withdrawal, and case reports describe kratom dependence, neonatal abstinence and "
            "liver injury. Kratom is not an evidence-based treatment for opioid withdrawal, and "
            "patients should be offered approved medications such as buprenorphine, methadone "
            "or lofexidine.",
            status="PubMed-not-MEDLINE",
            year=2023,
        ),
        "narrative-review",
        "mixed",
        None,
        (
            "Kratom is not an evidence-based treatment for opioid withdrawal, and patients should "
            "be offered approved medications such as buprenorphine, methadone or lofexidine.",
        ),
        "Not indexed: 'an overview' and 'This article provides an overview' make it a review.",
    ),
    Labelled(
        record(
            "90000037",
            "The ASAM National Practice Guideline for the Treatment of Opioid Use Disorder: 2020 "
            "Focused Update",
            "The American Society of Addiction Medicine (ASAM) developed this focused update of "
            "its 2015 National Practice Guideline to reflect new evidence and the approval of "
            "new medications. A guideline committee reviewed the literature published since 2015 "
            "and used the RAND/UCLA Appropriateness Method to reach consensus on "
            "recommendations. The update addresses the assessment and diagnosis of opioid use "
            "disorder, opioid withdrawal management, the use of methadone, buprenorphine and "
            "naltrexone, psychosocial treatment and special populations, including pregnant "
            "women and people in the criminal justice system. Among its key recommendations, the "
            "guideline states that withdrawal management alone is not an effective treatment "
            "for opioid use disorder and that α2-adrenergic agonists such as lofexidine and "
            "clonidine are safe and effective for managing withdrawal. Clinicians should offer "
            "patients medications for opioid use disorder rather than withdrawal management "
            "alone.",
            types=("Journal Article", "Practice Guideline"),
            mesh=(
                "Buprenorphine",
                "Humans",
                "Methadone",
                "Naltrexone",
                "Opiate Substitution Treatment",
                "Opioid-Related Disorders",
                "Substance Withdrawal Syndrome",
                "United States",
            ),
            year=2020,
        ),
        "guideline",
        "human",
        None,
        (
            "Clinicians should offer patients medications for opioid use disorder rather than "
            "withdrawal management alone.",
        ),
    ),
    Labelled(
        record(
            "90000038",
            "Management of opioid withdrawal in primary care: a consensus statement",
            (
                (
                    "Background",
                    None,
                    "Opioid withdrawal is frequently managed in primary care, yet clinicians "
                    "receive little guidance on symptomatic treatment.",
                ),
                (
                    "Methods",
                    None,
                    "An expert panel of 14 addiction medicine specialists, general practitioners "
                    "and pharmacists reviewed the evidence and reached consensus through a "
                    "modified Delphi process.",
                ),
                (
                    "Results",
                    None,
                    "The panel agreed on 22 recommendations covering assessment with the "
                    "Clinical Opiate Withdrawal Scale, timing of buprenorphine initiation, use of "
                    "lofexidine or clonidine with adjunctive medications when opioid agonists are "
                    "declined, and follow-up.",
                ),
                (
                    "Conclusions",
                    None,
                    "Withdrawal in primary care should be assessed with a validated scale and "
                    "managed preferably with buprenorphine, or with lofexidine or clonidine when "
                    "opioid agonists are declined. Kratom, herbal products and over-the-counter "
                    "sleep aids are not recommended for withdrawal management.",
                ),
            ),
            status="PubMed-not-MEDLINE",
            year=2022,
        ),
        "guideline",
        "human",
        None,
        (
            "Withdrawal in primary care should be assessed with a validated scale and managed "
            "preferably with buprenorphine, or with lofexidine or clonidine when opioid agonists "
            "are declined.",
            "Kratom, herbal products and over-the-counter sleep aids are not recommended for "
            "withdrawal management.",
        ),
        "Not indexed: the title names a consensus statement.",
    ),
    Labelled(
        record(
            "90000039",
            "The effects of mitragynine on anxiety-like behaviour during morphine withdrawal in "
            "adult zebrafish",
            "Mitragynine, the main alkaloid of Mitragyna speciosa, has been used traditionally "
            "to relieve opioid withdrawal. We examined its effects on withdrawal-induced anxiety "
            "in zebrafish. Adult zebrafish (n = 10 per group) were exposed to morphine "
            "(1.5 mg/L) for 2 weeks, after which morphine was withdrawn and fish were treated "
            "with mitragynine (2, 5 or 10 mg/L) or vehicle. Anxiety-like behaviour was measured "
            "in the novel tank diving test, and whole-body cortisol and the expression of "
            "corticotropin-releasing factor receptors were quantified. Morphine withdrawal "
            "increased bottom-dwelling, erratic movements and cortisol levels, and mitragynine "
            "reversed these changes in a dose-dependent manner. Mitragynine attenuates "
            "anxiety-like behaviour during morphine withdrawal in zebrafish, possibly by "
            "modulating the hypothalamic–pituitary–interrenal axis. These results support "
            "further study of mitragynine for opioid withdrawal.",
            types=("Journal Article", "Research Support, Non-U.S. Gov't"),
            mesh=(
                "Animals",
                "Anxiety",
                "Behavior, Animal",
                "Disease Models, Animal",
                "Morphine",
                "Secologanin Tryptamine Alkaloids",
                "Substance Withdrawal Syndrome",
                "Zebrafish",
            ),
            year=2011,
        ),
        "animal",
        "animal",
        None,
        (
            "Mitragynine attenuates anxiety-like behaviour during morphine withdrawal in "
            "zebrafish, possibly by modulating the hypothalamic–pituitary–interrenal axis.",
        ),
        "Only a per-group size is given, so no total.",
    ),
    Labelled(
        record(
            "90000040",
            "Mitragynine attenuates naloxone-precipitated withdrawal in morphine-dependent rats",
            (
                (
                    "BACKGROUND",
                    "Mitragynine has been suggested as a substitute for opioids, but its effect "
                    "on precipitated withdrawal has not been characterized.",
                ),
                (
                    "METHODS",
                    "Thirty-two male Sprague-Dawley rats were made dependent on morphine by "
                    "escalating doses over 7 days and randomly assigned to receive mitragynine "
                    "(5, 10 or 30 mg/kg, i.p.) or vehicle before naloxone challenge (1 mg/kg, "
                    "s.c.). Somatic withdrawal signs were scored by an observer blind to "
                    "treatment.",
                ),
                (
                    "RESULTS",
                    "Naloxone precipitated jumping, wet-dog shakes, ptosis and diarrhoea in "
                    "vehicle-treated rats. Mitragynine at 10 and 30 mg/kg reduced the global "
                    "withdrawal score by 43% and 61%, respectively, without affecting locomotor "
                    "activity.",
                ),
                (
                    "CONCLUSIONS",
                    "Mitragynine dose-dependently attenuates somatic signs of "
                    "naloxone-precipitated morphine withdrawal in rats. These findings support "
                    "the traditional use of kratom to manage opioid withdrawal.",
                ),
            ),
            mesh=(
                "Animals",
                "Behavior, Animal",
                "Male",
                "Morphine Dependence",
                "Naloxone",
                "Random Allocation",
                "Rats",
                "Rats, Sprague-Dawley",
                "Secologanin Tryptamine Alkaloids",
                "Substance Withdrawal Syndrome",
            ),
            year=2019,
        ),
        "animal",
        "animal",
        32,
        (
            "Mitragynine dose-dependently attenuates somatic signs of naloxone-precipitated "
            "morphine withdrawal in rats.",
            "These findings support the traditional use of kratom to manage opioid withdrawal.",
        ),
        "Randomised, but in rats: an animal study.",
    ),
    Labelled(
        record(
            "90000041",
            "Mitragynine pseudoindoxyl and 7-hydroxymitragynine: G protein-biased μ-opioid "
            "agonists with reduced respiratory depression in mice",
            "Opioids that activate G protein signalling at the μ-opioid receptor without "
            "recruiting β-arrestin-2 may produce analgesia with fewer adverse effects. We "
            "characterized the kratom alkaloids 7-hydroxymitragynine and mitragynine "
            "pseudoindoxyl in vitro and in mice. In HEK293 cells expressing the human μ-opioid "
            "receptor, both compounds were potent partial agonists in [35S]GTPγS binding assays "
            "and did not recruit β-arrestin-2. In C57BL/6 mice, both produced dose-dependent "
            "antinociception in the tail-flick test that was absent in μ-opioid receptor "
            "knockout mice. At equianalgesic doses, mitragynine pseudoindoxyl caused less "
            "respiratory depression, less constipation and less physical dependence than "
            "morphine. These alkaloids are G protein-biased μ-opioid agonists that separate "
            "analgesia from respiratory depression in mice and may serve as templates for safer "
            "analgesics.",
            types=("Journal Article", "Research Support, N.I.H., Extramural"),
            mesh=(
                "Analgesics, Opioid",
                "Animals",
                "beta-Arrestin 2",
                "HEK293 Cells",
                "Humans",
                "Male",
                "Mice",
                "Mice, Inbred C57BL",
                "Mice, Knockout",
                "Receptors, Opioid, mu",
                "Respiratory Insufficiency",
                "Secologanin Tryptamine Alkaloids",
            ),
            year=2017,
        ),
        "animal",
        "animal",
        None,
        (
            "These alkaloids are G protein-biased μ-opioid agonists that separate analgesia from "
            "respiratory depression in mice and may serve as templates for safer analgesics.",
        ),
        "Cells and mice: the in vivo work makes it an animal study; 'Humans' marks the cells.",
    ),
    Labelled(
        record(
            "90000042",
            "Opioid receptor binding and functional activity of kratom alkaloids",
            "Kratom contains dozens of indole alkaloids whose activity at opioid receptors is "
            "incompletely known. We measured the binding affinities of mitragynine, "
            "7-hydroxymitragynine, speciogynine, paynantheine and corynantheidine at human μ-, "
            "κ- and δ-opioid receptors expressed in HEK293 cells, and their functional activity "
            "in bioluminescence resonance energy transfer assays of G protein activation and "
            "β-arrestin-2 recruitment. 7-Hydroxymitragynine bound the μ-opioid receptor with an "
            "affinity (Ki = 7.2 nM) about 10-fold higher than mitragynine (Ki = 77.9 nM). "
            "Mitragynine and 7-hydroxymitragynine were partial agonists for G protein "
            "activation, whereas speciogynine and paynantheine were weak antagonists, and none "
            "of the alkaloids recruited β-arrestin-2. Corynantheidine was a μ-opioid receptor "
            "antagonist. The minor alkaloids thus differ markedly from mitragynine, and the "
            "overall effect of kratom products is likely to depend on their alkaloid "
            "composition.",
            mesh=(
                "HEK293 Cells",
                "Humans",
                "Ligands",
                "Radioligand Assay",
                "Receptors, Opioid, delta",
                "Receptors, Opioid, kappa",
                "Receptors, Opioid, mu",
                "Secologanin Tryptamine Alkaloids",
                "Structure-Activity Relationship",
            ),
            year=2020,
        ),
        "in-vitro",
        "in vitro",
        None,
        (
            "The minor alkaloids thus differ markedly from mitragynine, and the overall effect of "
            "kratom products is likely to depend on their alkaloid composition.",
        ),
    ),
    Labelled(
        record(
            "90000043",
            "Metabolism of mitragynine to 7-hydroxymitragynine by CYP3A4 in human liver microsomes",
            (
                (
                    "INTRODUCTION",
                    "The opioid effects of kratom have been attributed partly to "
                    "7-hydroxymitragynine, but whether it is formed from mitragynine in human "
                    "liver is unclear.",
                ),
                (
                    "METHODS",
                    "Mitragynine (1–50 µM) was incubated with pooled human liver microsomes and "
                    "recombinant cytochrome P450 enzymes, and metabolites were identified by "
                    "liquid chromatography–high-resolution mass spectrometry. Selective chemical "
                    "inhibitors were used to assign the enzymes responsible.",
                ),
                (
                    "RESULTS",
                    "Mitragynine was converted to 7-hydroxymitragynine with a Km of 8.7 µM, and "
                    "the reaction was inhibited by 94% with ketoconazole. Among recombinant "
                    "enzymes, only CYP3A4 formed 7-hydroxymitragynine at a measurable rate.",
                ),
                (
                    "CONCLUSION",
                    "CYP3A4 converts mitragynine to the more potent opioid 7-hydroxymitragynine in "
                    "human liver. Drugs that inhibit or induce CYP3A4 may therefore alter the "
                    "opioid effects of kratom.",
                ),
            ),
            types=("Journal Article", "Research Support, Non-U.S. Gov't"),
            mesh=(
                "Cytochrome P-450 CYP3A",
                "Humans",
                "In Vitro Techniques",
                "Microsomes, Liver",
                "Mitragyna",
                "Secologanin Tryptamine Alkaloids",
                "Tandem Mass Spectrometry",
            ),
            year=2019,
        ),
        "in-vitro",
        "in vitro",
        None,
        (
            "CYP3A4 converts mitragynine to the more potent opioid 7-hydroxymitragynine in human "
            "liver.",
            "Drugs that inhibit or induce CYP3A4 may therefore alter the opioid effects of kratom.",
        ),
        "Human liver microsomes: in vitro, though MeSH lists Humans.",
    ),
    Labelled(
        record(
            "90000044",
            "Molecular docking and dynamics of kratom alkaloids at the μ-opioid receptor",
            "The structural basis of the atypical μ-opioid receptor activity of kratom alkaloids "
            "is not known. We docked mitragynine, 7-hydroxymitragynine and 16 related alkaloids "
            "into active and inactive crystal structures of the μ-opioid receptor and ran 500-ns "
            "molecular dynamics simulations of the top-ranked poses. Mitragynine bound in the "
            "orthosteric pocket in a pose distinct from that of morphinans, with its indole ring "
            "oriented toward transmembrane helix 6. 7-Hydroxymitragynine formed an additional "
            "hydrogen bond with Tyr326 that stabilized the active receptor state. Binding free "
            "energies correlated with published in vitro affinities (r = 0.71). These in silico "
            "results suggest a structural explanation for the partial agonism of kratom "
            "alkaloids and may guide the design of safer opioid analgesics.",
            status="PubMed-not-MEDLINE",
            year=2022,
        ),
        "in-vitro",
        "in vitro",
        None,
        (
            "These in silico results suggest a structural explanation for the partial agonism of "
            "kratom alkaloids and may guide the design of safer opioid analgesics.",
        ),
        "Not indexed: docking and molecular dynamics make it in silico.",
    ),
    Labelled(
        record(
            "90000045",
            "Mitragynine reduces naloxone-precipitated withdrawal and conditioned place aversion "
            "in morphine-dependent mice",
            "Kratom is used to self-treat opioid withdrawal, but controlled evidence is scarce. "
            "In this study, 48 male ICR mice were made dependent on morphine and randomly "
            "assigned to receive mitragynine (10 or 30 mg/kg) or saline before naloxone "
            "challenge. Jumping, paw tremor and weight loss were recorded for 30 minutes, and "
            "withdrawal-associated conditioned place aversion was measured in a separate cohort. "
            "Mitragynine at 30 mg/kg reduced jumping by 58% and abolished conditioned place "
            "aversion, whereas 10 mg/kg was ineffective. Neither dose altered locomotor "
            "activity. Mitragynine reduces both somatic and affective signs of opioid withdrawal "
            "in mice. Clinical studies are warranted.",
            status="In-Data-Review",
            year=2024,
        ),
        "animal",
        "animal",
        48,
        ("Mitragynine reduces both somatic and affective signs of opioid withdrawal in mice.",),
        "Not indexed; 'randomly assigned' mice are still an animal study.",
    ),
    Labelled(
        record(
            "90000046",
            "Abuse liability and therapeutic potential of the Mitragyna speciosa (kratom) "
            "alkaloids mitragynine and 7-hydroxymitragynine",
            "Kratom alkaloids are promoted as safer alternatives to opioids, yet their abuse "
            "liability is uncertain. We assessed intravenous self-administration of mitragynine "
            "and 7-hydroxymitragynine in male Sprague-Dawley rats trained to self-administer "
            "morphine (n = 8–10 per group; a total of 36 rats). Rats readily self-administered "
            "7-hydroxymitragynine, and its intake escalated over 10 sessions, whereas "
            "mitragynine did not maintain self-administration. Pretreatment with mitragynine "
            "reduced subsequent morphine intake, while 7-hydroxymitragynine increased it. "
            "7-Hydroxymitragynine has abuse liability comparable to morphine, whereas "
            "mitragynine does not and may reduce opioid intake. These results indicate that "
            "regulatory decisions about kratom should distinguish between its alkaloids.",
            types=("Journal Article", "Research Support, N.I.H., Extramural"),
            mesh=(
                "Animals",
                "Male",
                "Mitragyna",
                "Morphine",
                "Rats",
                "Rats, Sprague-Dawley",
                "Secologanin Tryptamine Alkaloids",
                "Self Administration",
            ),
            year=2019,
        ),
        "animal",
        "animal",
        36,
        (
            "7-Hydroxymitragynine has abuse liability comparable to morphine, whereas mitragynine "
            "does not and may reduce opioid intake.",
            "These results indicate that regulatory decisions about kratom should distinguish "
            "between its alkaloids.",
        ),
    ),
    Labelled(
        record(
            "90000047",
            "Kratom use and treatment outcomes among patients receiving buprenorphine: a "
            "prospective cohort study",
            (
                (
                    "Background",
                    "Some patients receiving buprenorphine for opioid use disorder also use "
                    "kratom, but whether this affects treatment outcomes is unknown.",
                ),
                (
                    "Methods",
                    "We followed 480 adults starting buprenorphine at 12 outpatient clinics for 6 "
                    "months. Kratom use was assessed monthly by self-report, and retention in "
                    "treatment and opioid-positive urine tests were compared between patients "
                    "who did and did not use kratom.",
                ),
                (
                    "Results",
                    "Overall, 62 participants (12.9%) reported kratom use during follow-up. "
                    "Six-month retention was similar among kratom users and non-users (58% vs. "
                    "61%), but kratom users had more opioid-positive urine tests (adjusted "
                    "incidence rate ratio 1.34, 95% CI 1.05–1.71).",
                ),
                (
                    "Conclusions",
                    "Kratom use was reported by about one in eight patients starting "
                    "buprenorphine and was associated with more frequent opioid use but not with "
                    "lower retention. Clinicians should ask about kratom use during buprenorphine "
                    "treatment.",
                ),
            ),
            mesh=(
                "Adult",
                "Buprenorphine",
                "Female",
                "Humans",
                "Male",
                "Mitragyna",
                "Opiate Substitution Treatment",
                "Opioid-Related Disorders",
                "Prospective Studies",
                "Treatment Outcome",
            ),
            corrections=(("ErratumIn", "90000091"),),
            year=2023,
        ),
        "observational",
        "human",
        480,
        (
            "Kratom use was reported by about one in eight patients starting buprenorphine and "
            "was associated with more frequent opioid use but not with lower retention.",
            "Clinicians should ask about kratom use during buprenorphine treatment.",
        ),
    ),
    Labelled(
        record(
            "90000048",
            "Tai-Kang-Ning capsule versus methadone for heroin withdrawal: a multicentre "
            "randomised controlled trial",
            (
                (
                    "OBJECTIVE",
                    "To compare the efficacy and safety of Tai-Kang-Ning capsule, a traditional "
                    "Chinese medicine preparation, with methadone for the treatment of heroin "
                    "withdrawal.",
                ),
                (
                    "METHODS",
                    "In this 10-day, double-blind, double-dummy trial at four centres, "
                    "heroin-dependent inpatients were randomised 2:1 to Tai-Kang-Ning capsule "
                    "(n = 160) or methadone (n = 80). Withdrawal symptoms were rated daily with a "
                    "standardized withdrawal scale, and craving and adverse events were recorded.",
                ),
                (
                    "RESULTS",
                    "Withdrawal scores decreased similarly in both groups over the first 5 days, "
                    "but were lower with Tai-Kang-Ning capsule on days 6 to 10 (P < 0.05). "
                    "Anxiety and craving scores were also lower in the Tai-Kang-Ning group. "
                    "Adverse events, mostly dry mouth and dizziness, occurred in 8.1% and 12.5% "
                    "of patients, respectively.",
                ),
                (
                    "CONCLUSIONS",
                    "Tai-Kang-Ning capsule is as effective as methadone in relieving heroin "
                    "withdrawal symptoms and is better at relieving protracted symptoms. It is "
                    "safe and well tolerated.",
                ),
            ),
            types=("Journal Article", "Randomized Controlled Trial"),
            mesh=(
                "Adult",
                "Drugs, Chinese Herbal",
                "Heroin Dependence",
                "Humans",
                "Male",
                "Methadone",
                "Substance Withdrawal Syndrome",
            ),
            corrections=(("ExpressionOfConcernIn", "90000092"),),
            year=2008,
        ),
        "rct",
        "human",
        240,
        (
            "Tai-Kang-Ning capsule is as effective as methadone in relieving heroin withdrawal "
            "symptoms and is better at relieving protracted symptoms.",
            "It is safe and well tolerated.",
        ),
        "The two arms (160 + 80) make the total.",
    ),
    Labelled(
        record(
            "90000049",
            "Erratum: Kratom use and treatment outcomes among patients receiving buprenorphine: "
            "a prospective cohort study",
            types=("Published Erratum",),
            status="PubMed-not-MEDLINE",
            year=2023,
        ),
        "other",
        "human",
        None,
        (),
        "An erratum reports no study; its title concerns patients.",
    ),
    Labelled(
        record(
            "90000050",
            "Kratom and the opioid crisis: proceed with caution",
            types=("Editorial",),
            mesh=("Humans", "Mitragyna", "Opioid Epidemic", "Public Health", "United States"),
            year=2018,
        ),
        "other",
        "human",
        None,
        (),
    ),
    Labelled(
        record(
            "90000051",
            "Melatonin for insomnia during buprenorphine induction",
            types=("Letter",),
            mesh=(
                "Buprenorphine",
                "Humans",
                "Melatonin",
                "Sleep Initiation and Maintenance Disorders",
            ),
            year=2021,
        ),
        "other",
        "human",
        None,
        (),
        "A letter without abstract or design cue: nothing says what kind of study it is.",
    ),
    Labelled(
        record(
            "90000052",
            "Ramelteon for insomnia during methadone dose reduction: an open-label pilot study",
            "Insomnia is a leading reason why patients abandon methadone dose reductions. "
            "Ramelteon — a melatonin MT1/MT2 receptor agonist without abuse potential — has not "
            "been studied in this setting. In this open-label pilot study, twelve adults "
            "reducing their methadone dose by ≥5 mg/week received ramelteon 8 mg nightly for 6 "
            "weeks. Insomnia Severity Index (ISI) scores fell from 18.4 ± 3.1 to 11.2 ± 4.0 "
            "(p < .001), and actigraphic sleep efficiency rose from 74% to 82%. Ten of the "
            "twelve participants completed the dose reduction; no serious adverse events "
            "occurred. Ramelteon was well tolerated and was associated with improved sleep "
            "during methadone dose reduction. A randomized, placebo-controlled trial is "
            "warranted.",
            types=("Clinical Trial", "Journal Article"),
            mesh=(
                "Adult",
                "Humans",
                "Indenes",
                "Methadone",
                "Pilot Projects",
                "Sleep Initiation and Maintenance Disorders",
                "Substance Withdrawal Syndrome",
            ),
            year=2016,
        ),
        "non-randomized-trial",
        "human",
        12,
        (
            "Ramelteon was well tolerated and was associated with improved sleep during methadone "
            "dose reduction.",
        ),
        "Open-label, single group; 'randomized' only in the call for a future trial.",
    ),
    Labelled(
        record(
            "90000053",
            "Trazodone for sleep disturbance during methadone detoxification: a randomised, "
            "double-blind, placebo-controlled trial",
            "Sleep disturbance during opioid detoxification is common and is often treated with "
            "sedating antidepressants, although evidence for this practice is limited. We "
            "randomised 137 adults undergoing methadone-assisted detoxification to trazodone "
            "50–150 mg or placebo at bedtime for 6 months. Sleep was assessed with the "
            "Pittsburgh Sleep Quality Index and with polysomnography at baseline, 1 month and 6 "
            "months. Trazodone did not improve subjective sleep quality or any polysomnographic "
            "measure compared with placebo, and it did not affect retention in treatment or "
            "opioid use. Trazodone cannot be recommended for sleep disturbance during methadone "
            "detoxification.",
            status="PubMed-not-MEDLINE",
            year=2012,
        ),
        "rct",
        "human",
        137,
        ("Trazodone cannot be recommended for sleep disturbance during methadone detoxification.",),
        "Not indexed: the text says randomised (British spelling).",
    ),
    Labelled(
        record(
            "90000054",
            "Mortality after discharge from inpatient opioid withdrawal management: a "
            "retrospective cohort study",
            "People leaving inpatient opioid withdrawal management lose tolerance and may be at "
            "high risk of overdose. We linked records of 5,232 patients discharged from "
            "withdrawal management units in Scotland between 2008 and 2018 to national death "
            "records. During a median follow-up of 4.1 years, 412 patients died, 239 of them "
            "from drug-related causes. Drug-related mortality was highest in the first 4 weeks "
            "after discharge (standardized mortality ratio 27.4, 95% CI 18.9–38.6) and was lower "
            "among patients who started opioid agonist treatment within 2 weeks. The weeks after "
            "discharge from inpatient withdrawal management carry a very high risk of "
            "drug-related death. Starting opioid agonist treatment before discharge should be "
            "offered to every patient.",
            status="PubMed-not-MEDLINE",
            year=2021,
        ),
        "observational",
        "human",
        5232,
        (
            "The weeks after discharge from inpatient withdrawal management carry a very high "
            "risk of drug-related death.",
            "Starting opioid agonist treatment before discharge should be offered to every "
            "patient.",
        ),
        "Not indexed: the title says retrospective cohort.",
    ),
    Labelled(
        record(
            "90000055",
            "Lofexidine for opioid withdrawal in adolescents: an open-label, single-arm trial",
            "Medications for opioid withdrawal have rarely been studied in adolescents. In this "
            "open-label, single-arm trial, twenty adolescents aged 15 to 18 years with opioid "
            "use disorder received lofexidine for up to 7 days during inpatient withdrawal "
            "management. The primary outcome was the proportion completing withdrawal; secondary "
            "outcomes were COWS scores, vital signs and adverse events. Seventeen of the twenty "
            "adolescents completed withdrawal. Mean COWS scores peaked at 9.8 on day 2 and "
            "declined thereafter. Two participants had symptomatic hypotension that resolved "
            "with dose reduction. Lofexidine appears feasible and acceptable for managing opioid "
            "withdrawal in adolescents, but blood pressure should be monitored closely.",
            status="PubMed-not-MEDLINE",
            year=2024,
        ),
        "non-randomized-trial",
        "human",
        20,
        (
            "Lofexidine appears feasible and acceptable for managing opioid withdrawal in "
            "adolescents, but blood pressure should be monitored closely.",
        ),
        "Not indexed: open-label, single-arm.",
    ),
    Labelled(
        record(
            "90000056",
            "Ibogaine treatment outcomes for opioid dependence from a twelve-month follow-up "
            "observational study",
            (
                (
                    "Background",
                    "Ibogaine is a psychoactive alkaloid reported to reduce opioid withdrawal and "
                    "craving, but prospective outcome data are scarce.",
                ),
                (
                    "Methods",
                    "Fourteen participants with opioid dependence who underwent a single ibogaine "
                    "treatment at a licensed provider were assessed before treatment and monthly "
                    "for 12 months with the Addiction Severity Index (ASI-Lite) and the "
                    "Subjective Opioid Withdrawal Scale.",
                ),
                (
                    "Results",
                    "A single ibogaine treatment reduced withdrawal symptoms, and drug use scores "
                    "on the ASI-Lite fell significantly over the 12 months. Five participants "
                    "reported no opioid use in the month before the 12-month assessment. No "
                    "serious adverse events occurred among those who completed follow-up.",
                ),
                (
                    "Conclusions",
                    "Ibogaine treatment was associated with reduced opioid withdrawal symptoms "
                    "and drug use over 12 months in this small sample. Controlled studies are "
                    "needed to establish its efficacy and cardiac safety.",
                ),
            ),
            types=("Journal Article", "Observational Study"),
            mesh=(
                "Adult",
                "Female",
                "Humans",
                "Ibogaine",
                "Male",
                "New Zealand",
                "Opioid-Related Disorders",
                "Prospective Studies",
                "Substance Withdrawal Syndrome",
                "Treatment Outcome",
            ),
            year=2018,
        ),
        "observational",
        "human",
        14,
        (
            "Ibogaine treatment was associated with reduced opioid withdrawal symptoms and drug "
            "use over 12 months in this small sample.",
            "Controlled studies are needed to establish its efficacy and cardiac safety.",
        ),
    ),
    Labelled(
        record(
            "90000057",
            "Cannabidiol for the reduction of cue-induced craving and anxiety in drug-abstinent "
            "individuals with heroin use disorder: a double-blind randomized placebo-controlled "
            "trial",
            (
                (
                    "OBJECTIVE",
                    "The authors investigated the potential of cannabidiol (CBD), a "
                    "nonintoxicating phytocannabinoid, to reduce cue-induced craving and anxiety "
                    "in drug-abstinent individuals with heroin use disorder.",
                ),
                (
                    "METHOD",
                    "In this exploratory double-blind randomized placebo-controlled trial, 42 "
                    "drug-abstinent men and women with heroin use disorder were randomly assigned "
                    "to receive 400 or 800 mg of CBD or placebo once daily for 3 consecutive "
                    "days. Cue-induced craving and anxiety were assessed 1 hour, 24 hours, 3 days "
                    "and 7 days after the final dose.",
                ),
                (
                    "RESULTS",
                    "Compared with placebo, both CBD doses significantly reduced cue-induced "
                    "craving and anxiety, with effects persisting 7 days after the last dose. CBD "
                    "also reduced the cue-induced physiological measures of heart rate and "
                    "salivary cortisol. There were no significant effects on cognition, and there "
                    "were no serious adverse effects.",
                ),
                (
                    "CONCLUSIONS",
                    "By reducing cue-induced craving and anxiety, CBD's promise as a treatment for "
                    "opioid use disorder warrants further investigation.",
                ),
            ),
            types=(
                "Journal Article",
                "Randomized Controlled Trial",
                "Research Support, Non-U.S. Gov't",
            ),
            mesh=(
                "Adult",
                "Anxiety",
                "Cannabidiol",
                "Craving",
                "Cues",
                "Double-Blind Method",
                "Female",
                "Heroin Dependence",
                "Humans",
                "Male",
                "Middle Aged",
            ),
            year=2019,
        ),
        "rct",
        "human",
        42,
        (
            "By reducing cue-induced craving and anxiety, CBD's promise as a treatment for opioid "
            "use disorder warrants further investigation.",
        ),
    ),
    Labelled(
        record(
            "90000058",
            "Meta-analysis: melatonin for the treatment of primary sleep disorders",
            "Melatonin is widely used as a sleep aid, but its efficacy in primary sleep "
            "disorders remains debated. We performed a meta-analysis of randomized, "
            "placebo-controlled trials of melatonin in adults and children with primary "
            "insomnia, delayed sleep phase syndrome or regulating sleep–wake patterns. Nineteen "
            "studies involving 1683 subjects were included. Melatonin reduced sleep onset "
            "latency by 7.06 minutes (95% CI 4.37 to 9.75) and increased total sleep time by "
            "8.25 minutes (95% CI 1.74 to 14.75), and improved overall sleep quality. Longer "
            "trials and higher doses produced larger effects. Adverse events were infrequent and "
            "mild. Melatonin shortens sleep onset latency and lengthens total sleep time, though "
            "less than other hypnotics, and is well tolerated. Melatonin may be a reasonable "
            "first-line option for some patients with primary sleep disorders.",
            types=("Journal Article", "Meta-Analysis"),
            mesh=(
                "Humans",
                "Melatonin",
                "Randomized Controlled Trials as Topic",
                "Sleep",
                "Sleep Initiation and Maintenance Disorders",
            ),
            year=2013,
        ),
        "meta-analysis",
        "human",
        1683,
        (
            "Melatonin shortens sleep onset latency and lengthens total sleep time, though less "
            "than other hypnotics, and is well tolerated.",
            "Melatonin may be a reasonable first-line option for some patients with primary "
            "sleep disorders.",
        ),
    ),
    Labelled(
        record(
            "90000059",
            "Kratom use among U.S. veterans: a national cross-sectional survey",
            "Veterans have high rates of chronic pain and opioid use disorder, and may turn to "
            "kratom for relief. We surveyed a national sample of U.S. veterans recruited through "
            "a research panel in 2021 (N = 1,118). Lifetime kratom use was reported by 5.1% of "
            "respondents and past-year use by 2.5%. Past-year use was more common among "
            "veterans with opioid use disorder (adjusted odds ratio 4.6) and among those with "
            "chronic pain (adjusted odds ratio 2.1). Most past-year users reported using kratom "
            "to manage pain (71%) or opioid withdrawal (38%). Kratom use is uncommon among U.S. "
            "veterans overall but concentrated among those with opioid use disorder or chronic "
            "pain. Clinicians in the Veterans Health Administration should screen for kratom use "
            "in these groups.",
            mesh=(
                "Adult",
                "Cross-Sectional Studies",
                "Humans",
                "Mitragyna",
                "Opioid-Related Disorders",
                "Surveys and Questionnaires",
                "United States",
                "Veterans",
            ),
            year=2022,
        ),
        "cross-sectional",
        "human",
        1118,
        (
            "Kratom use is uncommon among U.S. veterans overall but concentrated among those with "
            "opioid use disorder or chronic pain.",
            "Clinicians in the Veterans Health Administration should screen for kratom use in "
            "these groups.",
        ),
    ),
    Labelled(
        record(
            "90000060",
            "Melatonin in addiction medicine: from circadian biology to clinical practice",
            "Circadian disruption is a feature of every stage of addiction, from intoxication to "
            "withdrawal and relapse. This review summarizes the circadian biology of melatonin, "
            "its interaction with opioid, alcohol and stimulant use, and its clinical use in "
            "addiction medicine. Animal studies show that melatonin reduces morphine tolerance "
            "and naloxone-precipitated withdrawal in rodents. In humans, a recent meta-analysis "
            "found that melatonin modestly improves sleep in people with substance use "
            "disorders, and small randomized trials suggest benefits during benzodiazepine "
            "discontinuation. However, high-quality randomized controlled trials in opioid "
            "withdrawal are lacking. Melatonin is a safe, inexpensive adjunct that may improve "
            "sleep in people with substance use disorders. Randomized trials should establish "
            "whether it also improves withdrawal outcomes.",
            types=("Journal Article", "Review"),
            mesh=(
                "Animals",
                "Circadian Rhythm",
                "Humans",
                "Melatonin",
                "Sleep Wake Disorders",
                "Substance-Related Disorders",
            ),
            year=2020,
        ),
        "narrative-review",
        "mixed",
        None,
        (
            "Melatonin is a safe, inexpensive adjunct that may improve sleep in people with "
            "substance use disorders.",
        ),
        "Mentions a meta-analysis and trials by others; itself a narrative review.",
    ),
    Labelled(
        record(
            "90000061",
            "Kratom alkaloids produce less physical dependence than morphine and ameliorate "
            "opioid withdrawal in mice",
            "Kratom is used to self-treat opioid withdrawal, yet the dependence liability of its "
            "alkaloids is debated. We compared chronic mitragynine, 7-hydroxymitragynine and "
            "morphine in C57BL/6J mice and tested whether the alkaloids ameliorate withdrawal in "
            "morphine-dependent animals. After 5 days of twice-daily dosing, naloxone "
            "precipitated fewer withdrawal jumps after mitragynine than after equianalgesic "
            "morphine, whereas 7-hydroxymitragynine produced dependence similar to morphine. "
            "Given during spontaneous morphine withdrawal, mitragynine and 7-hydroxymitragynine "
            "reduced withdrawal signs within 30 minutes. Mitragynine thus combines low physical "
            "dependence with the ability to relieve opioid withdrawal in mice. Its development "
            "as a treatment for opioid withdrawal merits further preclinical and clinical "
            "study.",
            types=("Comparative Study", "Journal Article"),
            mesh=(
                "Animals",
                "Male",
                "Mice",
                "Morphine",
                "Naloxone",
                "Opioid-Related Disorders",
                "Secologanin Tryptamine Alkaloids",
                "Substance Withdrawal Syndrome",
            ),
            year=2021,
        ),
        "animal",
        "animal",
        None,
        (
            "Mitragynine thus combines low physical dependence with the ability to relieve opioid "
            "withdrawal in mice.",
        ),
        "'Comparative Study' says nothing of design; MeSH species do.",
    ),
    Labelled(
        record(
            "90000062",
            "Melatonin for sleep during buprenorphine initiation (MELBUP): protocol for a "
            "randomised, double-blind, placebo-controlled trial",
            (
                (
                    "BACKGROUND",
                    "Sleep disturbance during buprenorphine initiation is common and is "
                    "associated with early dropout from treatment.",
                ),
                (
                    "METHODS",
                    "MELBUP is a two-arm, parallel-group, randomised, double-blind, "
                    "placebo-controlled trial. A total of 200 adults initiating buprenorphine for "
                    "opioid use disorder at six clinics will be randomly allocated to "
                    "prolonged-release melatonin 2–4 mg or placebo nightly for 4 weeks. The "
                    "primary outcome is the Insomnia Severity Index at week 4; secondary outcomes "
                    "include COWS scores, craving and retention in treatment at 12 weeks.",
                ),
                (
                    "DISCUSSION",
                    "This trial will provide the first randomised evidence on whether melatonin "
                    "improves sleep and retention during buprenorphine initiation. If effective, "
                    "melatonin would be a low-cost, low-risk addition to opioid agonist "
                    "treatment.",
                ),
                (
                    "TRIAL REGISTRATION",
                    "Australian New Zealand Clinical Trials Registry ACTRN12621000123456. "
                    "Registered on 2 February 2021.",
                ),
            ),
            types=("Clinical Trial Protocol", "Journal Article"),
            mesh=(
                "Adult",
                "Buprenorphine",
                "Humans",
                "Melatonin",
                "Opiate Substitution Treatment",
                "Opioid-Related Disorders",
                "Randomized Controlled Trials as Topic",
                "Sleep Initiation and Maintenance Disorders",
            ),
            year=2021,
        ),
        "other",
        "human",
        None,
        (
            "This trial will provide the first randomised evidence on whether melatonin improves "
            "sleep and retention during buprenorphine initiation.",
            "If effective, melatonin would be a low-cost, low-risk addition to opioid agonist "
            "treatment.",
        ),
        "A protocol has no results: not an RCT yet, and its 200 are planned, not studied.",
    ),
    Labelled(
        record(
            "90000063",
            "[Acute liver failure after consumption of kratom: a case report]",
            "Kratom (Mitragyna speciosa) is sold in Germany as a legal herbal product. We report "
            "a 31-year-old man who was admitted with jaundice, coagulopathy and encephalopathy "
            "after consuming kratom powder daily for 8 weeks to reduce his opioid use. Other "
            "causes of acute liver failure were excluded. He recovered with supportive intensive "
            "care and did not require transplantation. Kratom can cause acute liver failure. Its "
            "consumption should be asked about in every patient with liver injury of unclear "
            "cause.",
            types=("Case Reports", "English Abstract", "Journal Article"),
            mesh=(
                "Adult",
                "Chemical and Drug Induced Liver Injury",
                "Germany",
                "Humans",
                "Liver Failure, Acute",
                "Male",
                "Mitragyna",
            ),
            year=2020,
            languages=("ger",),
        ),
        "case-report",
        "human",
        1,
        (
            "Kratom can cause acute liver failure.",
            "Its consumption should be asked about in every patient with liver injury of unclear "
            "cause.",
        ),
        "A translated title in brackets, as PubMed shows non-English articles.",
    ),
    Labelled(
        record(
            "90000064",
            "Toxicity of kratom: a systematic review of human and animal evidence",
            (
                (
                    "BACKGROUND",
                    "Reports of serious adverse effects of kratom have multiplied, but the "
                    "evidence has not been appraised systematically.",
                ),
                (
                    "METHODS",
                    "Following PRISMA, we searched five databases for human case reports, case "
                    "series, observational studies and animal toxicology studies of kratom or "
                    "its alkaloids.",
                ),
                (
                    "RESULTS",
                    "We included 85 human reports describing 156 patients and 21 animal studies. "
                    "Hepatotoxicity, seizures, and cardiac arrhythmias were the most frequent "
                    "serious effects in humans, often in the context of polysubstance use. "
                    "Animal studies showed dose-dependent hepatotoxicity and respiratory "
                    "depression only at doses far above those used by humans.",
                ),
                (
                    "CONCLUSIONS",
                    "Kratom can cause serious toxicity, including liver injury and seizures, "
                    "although most human reports are confounded by other substances. Causality "
                    "assessments and toxicology testing should be standard in reports of kratom "
                    "toxicity.",
                ),
            ),
            types=("Journal Article", "Systematic Review"),
            mesh=(
                "Animals",
                "Chemical and Drug Induced Liver Injury",
                "Humans",
                "Mitragyna",
                "Plant Extracts",
                "Seizures",
            ),
            year=2023,
        ),
        "systematic-review",
        "mixed",
        156,
        (
            "Kratom can cause serious toxicity, including liver injury and seizures, although "
            "most human reports are confounded by other substances.",
            "Causality assessments and toxicology testing should be standard in reports of "
            "kratom toxicity.",
        ),
        "156 patients described in the included human reports.",
    ),
    Labelled(
        record(
            "90000065",
            "Sleep quality among patients receiving methadone or buprenorphine maintenance: a "
            "cross-sectional study",
            "Poor sleep is common in opioid agonist treatment and may undermine recovery. We "
            "assessed sleep quality with the Pittsburgh Sleep Quality Index in 312 consecutive "
            "patients receiving methadone (n = 187) or buprenorphine (n = 125) at three "
            "outpatient clinics. Poor sleep (PSQI > 5) was reported by 76% of methadone and 58% "
            "of buprenorphine patients (p = 0.001). After adjustment for age, sex, depression "
            "and chronic pain, methadone treatment remained associated with poor sleep (odds "
            "ratio 2.03, 95% CI 1.21–3.41). Poor sleep is highly prevalent among patients in "
            "opioid agonist treatment, especially those receiving methadone. Routine screening "
            "for sleep problems should be part of opioid agonist treatment. © 2021 Elsevier Inc. "
            "All rights reserved.",
            types=("Journal Article", "Observational Study"),
            status="In-Data-Review",
            year=2021,
        ),
        "cross-sectional",
        "human",
        312,
        (
            "Poor sleep is highly prevalent among patients in opioid agonist treatment, "
            "especially those receiving methadone.",
            "Routine screening for sleep problems should be part of opioid agonist treatment.",
        ),
        "'Observational Study' without MeSH yet; the title says cross-sectional. The "
        "copyright line is not a finding.",
    ),
    Labelled(
        record(
            "90000066",
            "Comparative effectiveness of extended-release naltrexone versus "
            "buprenorphine-naloxone for opioid relapse prevention (X:BOT): a multicentre, "
            "open-label, randomised controlled trial",
            (
                (
                    "BACKGROUND",
                    "Extended-release naltrexone (XR-NTX), an opioid antagonist, and sublingual "
                    "buprenorphine-naloxone (BUP-NX), a partial opioid agonist, are "
                    "pharmacologically and conceptually distinct interventions to prevent opioid "
                    "relapse. We aimed to estimate the difference in opioid relapse-free survival "
                    "between XR-NTX and BUP-NX.",
                ),
                (
                    "METHODS",
                    "We did a 24-week, open-label, randomised controlled, comparative "
                    "effectiveness trial at eight US community-based inpatient services. "
                    "Participants were adults with DSM-5 opioid use disorder who had used "
                    "non-prescribed opioids in the past 30 days, and were randomly assigned (1:1) "
                    "to XR-NTX or BUP-NX. The primary outcome was opioid relapse-free survival.",
                ),
                (
                    "FINDINGS",
                    "Between Jan 30, 2014, and May 25, 2016, we randomly assigned 570 "
                    "participants to XR-NTX (n=283) or BUP-NX (n=287). Fewer participants started "
                    "XR-NTX (204 [72%] of 283) than BUP-NX (270 [94%] of 287), because XR-NTX can "
                    "only begin after detoxification. In the "
                    "intention-to-treat population, 185 (65%) participants in the XR-NTX group "
                    "relapsed versus 163 (57%) in the BUP-NX group (hazard ratio 1.36, 95% CI "
                    "1.10–1.68). Among participants who successfully initiated their assigned "
                    "treatment, 24-week relapse events were similar across study groups.",
                ),
                (
                    "INTERPRETATION",
                    "In this population, starting XR-NTX was harder than starting BUP-NX, which "
                    "worsened overall relapse outcomes with XR-NTX. Among participants who "
                    "started their assigned medication, the two were similarly safe and "
                    "effective. Future work should make XR-NTX induction easier and improve "
                    "retention with both medications.",
                ),
                ("FUNDING", "National Institute on Drug Abuse Clinical Trials Network."),
            ),
            types=(
                "Comparative Study",
                "Journal Article",
                "Multicenter Study",
                "Randomized Controlled Trial",
                "Research Support, N.I.H., Extramural",
            ),
            mesh=(
                "Adult",
                "Buprenorphine, Naloxone Drug Combination",
                "Delayed-Action Preparations",
                "Female",
                "Humans",
                "Male",
                "Naltrexone",
                "Opioid-Related Disorders",
                "Recurrence",
                "Treatment Outcome",
                "United States",
            ),
            year=2018,
        ),
        "rct",
        "human",
        570,
        (
            "In this population, starting XR-NTX was harder than starting BUP-NX, which worsened "
            "overall relapse outcomes with XR-NTX.",
            "Among participants who started their assigned medication, the two were similarly "
            "safe and effective.",
        ),
        "Lancet layout: INTERPRETATION holds the conclusions; FUNDING is not a finding.",
    ),
    Labelled(
        record(
            "90000067",
            "Sleep during abstinence from regular kratom use: a longitudinal polysomnographic "
            "study in Malaysian men",
            (
                (
                    "BACKGROUND",
                    "Sleep disturbance is a commonly reported symptom of kratom withdrawal, but "
                    "it has not been measured objectively.",
                ),
                (
                    "METHODS",
                    "Regular male kratom users (n = 46) underwent home polysomnography while "
                    "using kratom as usual and again after 3 and 7 days of supervised "
                    "abstinence.",
                ),
                (
                    "RESULTS",
                    "During abstinence, total sleep time fell by a mean of 52 minutes on day 3 "
                    "and remained 21 minutes below baseline on day 7, while sleep onset latency "
                    "and wake after sleep onset increased. Sleep efficiency was lowest on day 3 "
                    "(71% vs. 86% at baseline). Users with higher daily mitragynine intake had "
                    "greater sleep loss.",
                ),
                (
                    "CONCLUSIONS",
                    "Abstinence from regular kratom use produces an objectively measurable, "
                    "dose-related disruption of sleep that peaks within the first three days and "
                    "is still present after a week, which mirrors, in attenuated form, the sleep "
                    "disturbance that follows cessation of opioids such as heroin and methadone. "
                    "Sleep should be assessed and managed when people stop using kratom.",
                ),
            ),
            types=("Journal Article", "Observational Study"),
            mesh=(
                "Adult",
                "Humans",
                "Longitudinal Studies",
                "Malaysia",
                "Male",
                "Mitragyna",
                "Polysomnography",
                "Sleep Wake Disorders",
                "Substance Withdrawal Syndrome",
            ),
            year=2023,
        ),
        "observational",
        "human",
        46,
        (
            "Abstinence from regular kratom use produces an objectively measurable, dose-related "
            "disruption of sleep that peaks within the first three days and is still present "
            "after a week, which mirrors, in attenuated form, the sleep disturbance that follows "
            "cessation of opioids such as heroin and methadone.",
        ),
        "The first conclusion fills the 320-character budget alone.",
    ),
    Labelled(
        record(
            "90000068",
            "Comment on: Kratom exposures reported to United States poison control centers",
            types=("Comment", "Letter"),
            status="PubMed-not-MEDLINE",
            year=2019,
        ),
        "other",
        "unknown",
        None,
        (),
        "A comment without abstract or MeSH: nothing says who or what it concerns.",
    ),
)

# Written and labelled after the rules were frozen, then scored once before any rule changed:
# the honest measure of how the rules do on records they were not tuned on.
HELD_OUT: tuple[Labelled, ...] = (
    Labelled(
        record(
            "90000101",
            "Comparative efficacy of pharmacological treatments for opioid withdrawal: a "
            "systematic review and network meta-analysis",
            (
                (
                    "BACKGROUND",
                    "Many medications are used to manage opioid withdrawal, but few have been "
                    "compared directly.",
                ),
                (
                    "METHODS",
                    "We searched MEDLINE, Embase, CENTRAL and trial registries to June 2023 for "
                    "randomised trials of medications for opioid withdrawal in adults. We did a "
                    "random-effects network meta-analysis of withdrawal severity and treatment "
                    "completion.",
                ),
                (
                    "RESULTS",
                    "We included 54 trials with 6,137 participants comparing 11 treatments. "
                    "Buprenorphine ranked first for both outcomes, followed by methadone; "
                    "lofexidine and clonidine were better than placebo but inferior to opioid "
                    "agonists for completion. Evidence for tramadol, gabapentin and herbal "
                    "preparations was of very low certainty.",
                ),
                (
                    "CONCLUSIONS",
                    "Buprenorphine is the most effective medication for managing opioid "
                    "withdrawal, followed by methadone. α2-adrenergic agonists are reasonable "
                    "alternatives when opioid agonists are not acceptable.",
                ),
            ),
            types=("Journal Article", "Network Meta-Analysis", "Systematic Review"),
            mesh=(
                "Analgesics, Opioid",
                "Buprenorphine",
                "Humans",
                "Methadone",
                "Network Meta-Analysis",
                "Opioid-Related Disorders",
                "Substance Withdrawal Syndrome",
            ),
            year=2024,
        ),
        "meta-analysis",
        "human",
        6137,
        (
            "Buprenorphine is the most effective medication for managing opioid withdrawal, "
            "followed by methadone.",
            "α2-adrenergic agonists are reasonable alternatives when opioid agonists are not "
            "acceptable.",
        ),
    ),
    Labelled(
        record(
            "90000102",
            "A randomised double-blind comparison of lofexidine and methadone in the inpatient "
            "treatment of opiate withdrawal",
            "Lofexidine, an α2-adrenergic agonist, is licensed in the UK for opiate "
            "detoxification, but few trials have compared it with methadone. Eighty-six "
            "opiate-dependent inpatients were randomly allocated to a 10-day lofexidine regimen "
            "or a 10-day methadone reduction, with double-dummy blinding. Withdrawal symptoms "
            "were rated daily with the Short Opiate Withdrawal Scale. Completion rates did not "
            "differ (lofexidine 65%, methadone 62%). Withdrawal scores were slightly higher with "
            "lofexidine on days 3 to 5 but lower after day 8, and hypotension was infrequent. "
            "Lofexidine is an effective alternative to methadone reduction for inpatient opiate "
            "detoxification. Its non-opioid action may make it preferable where diversion of "
            "methadone is a concern.",
            types=(
                "Clinical Trial",
                "Comparative Study",
                "Journal Article",
                "Randomized Controlled Trial",
            ),
            mesh=(
                "Adult",
                "Clonidine",
                "Double-Blind Method",
                "Female",
                "Humans",
                "Inpatients",
                "Male",
                "Methadone",
                "Opioid-Related Disorders",
                "Substance Withdrawal Syndrome",
            ),
            year=1998,
        ),
        "rct",
        "human",
        86,
        (
            "Lofexidine is an effective alternative to methadone reduction for inpatient opiate "
            "detoxification.",
            "Its non-opioid action may make it preferable where diversion of methadone is a "
            "concern.",
        ),
    ),
    Labelled(
        record(
            "90000103",
            "Kratom withdrawal: a systematic review",
            "Kratom withdrawal is increasingly encountered in clinical practice, but its "
            "features have not been summarized. We systematically searched PubMed, Embase and "
            "PsycINFO for reports describing withdrawal after regular kratom use. Twenty-eight "
            "publications reporting on 1,243 kratom users were included, comprising surveys, "
            "case series and single case reports. Withdrawal began 12 to 48 hours after the last "
            "dose and typically included myalgia, restlessness, insomnia, irritability, "
            "rhinorrhoea and craving. Symptoms were generally milder than opioid withdrawal but "
            "lasted up to a week in heavy users. Buprenorphine was used successfully to manage "
            "severe withdrawal in 19 case reports. Kratom withdrawal resembles a mild opioid "
            "withdrawal syndrome and may require opioid agonist treatment in heavy users.",
            types=("Journal Article", "Review"),
            mesh=(
                "Humans",
                "Mitragyna",
                "Substance Withdrawal Syndrome",
                "Substance-Related Disorders",
            ),
            year=2022,
        ),
        "systematic-review",
        "human",
        1243,
        (
            "Kratom withdrawal resembles a mild opioid withdrawal syndrome and may require opioid "
            "agonist treatment in heavy users.",
        ),
    ),
    Labelled(
        record(
            "90000104",
            "Kratom use among people receiving treatment for opioid use disorder: a case-control "
            "study",
            "Little is known about which patients in opioid treatment use kratom. We compared "
            "146 patients who reported kratom use in the past year (cases) with 292 patients "
            "from the same clinics who did not (controls), matched on age and sex. Cases were "
            "more likely to have chronic pain (odds ratio 2.4), to have tapered off opioid "
            "agonist treatment in the past (odds ratio 1.9) and to report untreated insomnia "
            "(odds ratio 1.7). Most cases said they used kratom to manage withdrawal or pain "
            "between clinic visits. Kratom use in opioid treatment is associated with chronic "
            "pain, prior tapering and poor sleep, suggesting unmet treatment needs.",
            status="PubMed-not-MEDLINE",
            year=2023,
        ),
        "observational",
        "human",
        438,
        (
            "Kratom use in opioid treatment is associated with chronic pain, prior tapering and "
            "poor sleep, suggesting unmet treatment needs.",
        ),
        "146 cases and 292 controls.",
    ),
    Labelled(
        record(
            "90000105",
            "Melatonin attenuates morphine withdrawal and oxidative stress in mice",
            "Oxidative stress has been implicated in the expression of opioid withdrawal. We "
            "tested whether melatonin modifies naloxone-precipitated withdrawal in "
            "morphine-dependent male Swiss mice (n = 8–10/group). Melatonin (10 or 50 mg/kg) was "
            "given 30 minutes before naloxone, and withdrawal jumping, weight loss and brain "
            "malondialdehyde and glutathione levels were measured. Melatonin at 50 mg/kg reduced "
            "jumping by 47% and normalized malondialdehyde and glutathione levels in the cortex. "
            "Melatonin attenuates morphine withdrawal in mice, possibly through its antioxidant "
            "action.",
            mesh=(
                "Animals",
                "Antioxidants",
                "Male",
                "Melatonin",
                "Mice",
                "Morphine",
                "Morphine Dependence",
                "Naloxone",
                "Oxidative Stress",
                "Substance Withdrawal Syndrome",
            ),
            year=2012,
        ),
        "animal",
        "animal",
        None,
        (
            "Melatonin attenuates morphine withdrawal in mice, possibly through its antioxidant "
            "action.",
        ),
    ),
    Labelled(
        record(
            "90000106",
            "Prolonged-release melatonin for discontinuation of long-term benzodiazepine use: a "
            "randomized controlled trial",
            (
                (
                    "OBJECTIVE",
                    "To assess whether prolonged-release melatonin helps older adults "
                    "discontinue long-term benzodiazepine hypnotics.",
                ),
                (
                    "METHODS",
                    "Ninety-two long-term benzodiazepine users with insomnia were randomly "
                    "assigned to prolonged-release melatonin 2 mg or placebo nightly during a "
                    "supervised 6-week benzodiazepine taper and for 6 weeks thereafter.",
                ),
                (
                    "RESULTS",
                    "At 12 weeks, 31 of 46 patients receiving melatonin and 18 of 46 receiving "
                    "placebo had stopped benzodiazepines (p = 0.008). Sleep quality was "
                    "maintained in the melatonin group but worsened with placebo.",
                ),
                (
                    "CONCLUSIONS",
                    "Prolonged-release melatonin facilitates discontinuation of long-term "
                    "benzodiazepine use while preserving sleep quality.",
                ),
            ),
            types=("Journal Article", "Randomized Controlled Trial"),
            mesh=(
                "Aged",
                "Benzodiazepines",
                "Delayed-Action Preparations",
                "Double-Blind Method",
                "Female",
                "Humans",
                "Male",
                "Melatonin",
                "Sleep Initiation and Maintenance Disorders",
                "Substance Withdrawal Syndrome",
            ),
            year=2011,
        ),
        "rct",
        "human",
        92,
        (
            "Prolonged-release melatonin facilitates discontinuation of long-term benzodiazepine "
            "use while preserving sleep quality.",
        ),
    ),
    Labelled(
        record(
            "90000107",
            "Deaths involving mitragynine: a medical examiner case series",
            "Kratom has been implicated in a growing number of deaths, but most reports involve "
            "single cases. We reviewed all deaths investigated by a state medical examiner "
            "between 2014 and 2019 in which mitragynine was detected in postmortem blood. "
            "Fifteen cases were identified. Mitragynine concentrations ranged from 0.01 to 2.9 "
            "mg/L, and other drugs, most often fentanyl or benzodiazepines, were present in 13 "
            "cases. Mitragynine alone was considered the cause of death in two cases. "
            "Mitragynine is most often found in deaths together with other drugs, which limits "
            "conclusions about its own toxicity. Kratom alone can nonetheless be fatal.",
            mesh=(
                "Adult",
                "Autopsy",
                "Coroners and Medical Examiners",
                "Forensic Toxicology",
                "Humans",
                "Mitragyna",
                "Retrospective Studies",
                "Secologanin Tryptamine Alkaloids",
            ),
            year=2021,
        ),
        "case-report",
        "human",
        15,
        (
            "Mitragynine is most often found in deaths together with other drugs, which limits "
            "conclusions about its own toxicity.",
            "Kratom alone can nonetheless be fatal.",
        ),
        "Fifteen deaths described one by one: a case series, though indexed Retrospective.",
    ),
    Labelled(
        record(
            "90000108",
            "Cytotoxicity of kratom leaf extracts and mitragynine in HepG2 cells",
            "Liver injury has been reported after kratom use, but its mechanism is unknown. We "
            "exposed human hepatoma HepG2 cells to methanolic and aqueous kratom leaf extracts "
            "and to purified mitragynine for 24 and 48 hours. Cell viability, reactive oxygen "
            "species and mitochondrial membrane potential were measured. The methanolic extract "
            "reduced viability with an IC50 of 58 µg/mL and increased reactive oxygen species, "
            "whereas mitragynine was cytotoxic only above 50 µM. Kratom extracts are more "
            "cytotoxic to hepatocytes than mitragynine alone, implicating other constituents in "
            "kratom-associated liver injury.",
            mesh=(
                "Cell Survival",
                "Hep G2 Cells",
                "Humans",
                "Mitragyna",
                "Plant Extracts",
                "Reactive Oxygen Species",
                "Secologanin Tryptamine Alkaloids",
            ),
            year=2020,
        ),
        "in-vitro",
        "in vitro",
        None,
        (
            "Kratom extracts are more cytotoxic to hepatocytes than mitragynine alone, "
            "implicating other constituents in kratom-associated liver injury.",
        ),
    ),
    Labelled(
        record(
            "90000109",
            "Recommendations for the clinical management of kratom use disorder and kratom "
            "withdrawal",
            "Clinicians increasingly see patients who use kratom, yet no guidance exists for "
            "managing kratom use disorder or withdrawal. An expert panel of addiction medicine "
            "physicians, toxicologists and pharmacists reviewed the published evidence and "
            "developed recommendations through a modified Delphi process. The panel recommends "
            "screening for kratom use in patients with opioid use disorder or chronic pain, "
            "assessing kratom withdrawal with the Clinical Opiate Withdrawal Scale, and offering "
            "buprenorphine to patients with moderate to severe kratom use disorder. Symptomatic "
            "medications are recommended for mild withdrawal. These recommendations should be "
            "revised as controlled evidence becomes available.",
            types=("Journal Article", "Review"),
            mesh=(
                "Humans",
                "Mitragyna",
                "Substance Withdrawal Syndrome",
                "Substance-Related Disorders",
            ),
            year=2023,
        ),
        "guideline",
        "human",
        None,
        (
            "The panel recommends screening for kratom use in patients with opioid use disorder "
            "or chronic pain, assessing kratom withdrawal with the Clinical Opiate Withdrawal "
            "Scale, and offering buprenorphine to patients with moderate to severe kratom use "
            "disorder.",
            "Symptomatic medications are recommended for mild withdrawal.",
        ),
        "Indexed as a review, but an expert panel's Delphi recommendations are a guideline; "
        "the bottom line is its two recommendations.",
    ),
    Labelled(
        record(
            "90000110",
            "Clonidine and naltrexone for rapid opiate detoxification",
            "Rapid detoxification with clonidine and naltrexone may shorten withdrawal. Forty "
            "heroin addicts were assigned at random to clonidine with naltrexone or clonidine "
            "with placebo for a 5-day outpatient detoxification, under double-blind conditions. "
            "Patients receiving naltrexone completed detoxification sooner, with peak "
            "withdrawal on day 2 rather than day 4, and more began naltrexone maintenance (16 "
            "of 20 vs. 9 of 20). Clonidine combined with naltrexone allows rapid and tolerable "
            "outpatient detoxification and facilitates entry into naltrexone maintenance.",
            types=("Journal Article",),
            mesh=(
                "Adult",
                "Ambulatory Care",
                "Clonidine",
                "Double-Blind Method",
                "Heroin Dependence",
                "Humans",
                "Naltrexone",
                "Random Allocation",
                "Substance Withdrawal Syndrome",
            ),
            year=1988,
        ),
        "rct",
        "human",
        40,
        (
            "Clonidine combined with naltrexone allows rapid and tolerable outpatient "
            "detoxification and facilitates entry into naltrexone maintenance.",
        ),
        "An older record without a trial publication type; MeSH Random Allocation.",
    ),
    Labelled(
        record(
            "90000111",
            "Buprenorphine microinduction compared with standard induction in hospitalized "
            "patients: a retrospective chart review",
            "Standard buprenorphine induction requires a period of opioid withdrawal, which "
            "deters many hospitalized patients. We reviewed the charts of hospitalized patients "
            "started on buprenorphine between 2019 and 2022 (n = 68): 31 by microinduction with "
            "overlapping full agonists and 37 by standard induction. Precipitated withdrawal "
            "occurred in 1 patient after microinduction and 4 after standard induction, and "
            "peak COWS scores were lower with microinduction (median 4 vs. 9). Microinduction "
            "was well tolerated and avoided the withdrawal required by standard induction. It "
            "is a reasonable option for hospitalized patients who cannot tolerate withdrawal.",
            mesh=(
                "Adult",
                "Buprenorphine",
                "Hospitalization",
                "Humans",
                "Opiate Substitution Treatment",
                "Opioid-Related Disorders",
                "Retrospective Studies",
                "Substance Withdrawal Syndrome",
            ),
            year=2023,
        ),
        "observational",
        "human",
        68,
        (
            "Microinduction was well tolerated and avoided the withdrawal required by standard "
            "induction.",
            "It is a reasonable option for hospitalized patients who cannot tolerate withdrawal.",
        ),
    ),
    Labelled(
        record(
            "90000112",
            "Addiction physicians' knowledge and attitudes about kratom: a national survey",
            "Patients increasingly ask their physicians about kratom. We invited members of a "
            "national addiction medicine society to an online survey in 2022, and 312 "
            "physicians responded (response rate 21%). Most respondents (78%) had treated a "
            "patient who used kratom, but only 24% felt confident managing kratom withdrawal, "
            "and 41% were unaware that standard urine drug screens do not detect mitragynine. "
            "Physicians who had treated kratom users were more likely to recommend buprenorphine "
            "for kratom use disorder. Addiction physicians commonly encounter kratom use but "
            "lack knowledge and confidence in managing it. Education on kratom should be part of "
            "addiction medicine training.",
            mesh=(
                "Attitude of Health Personnel",
                "Cross-Sectional Studies",
                "Health Knowledge, Attitudes, Practice",
                "Humans",
                "Mitragyna",
                "Physicians",
                "Surveys and Questionnaires",
            ),
            year=2023,
        ),
        "cross-sectional",
        "human",
        312,
        (
            "Addiction physicians commonly encounter kratom use but lack knowledge and confidence "
            "in managing it.",
            "Education on kratom should be part of addiction medicine training.",
        ),
    ),
    Labelled(
        record(
            "90000113",
            "Pharmacokinetic interaction between kratom and buprenorphine in healthy volunteers: "
            "a randomized crossover study",
            "Many people combine kratom with buprenorphine, but their interaction has not been "
            "studied. In this randomized, open-label, two-period crossover study, 16 healthy "
            "adults received a single dose of buprenorphine alone and after 5 days of "
            "standardized kratom tea. Kratom increased buprenorphine exposure (AUC ratio 1.38, "
            "90% CI 1.19–1.60) and prolonged its half-life, consistent with CYP3A4 inhibition "
            "by mitragynine. Sedation scores were higher during combined use. Kratom inhibits "
            "buprenorphine metabolism to a clinically relevant degree. Patients using both "
            "should be monitored for sedation.",
            types=("Clinical Trial, Phase I", "Journal Article", "Randomized Controlled Trial"),
            mesh=(
                "Adult",
                "Buprenorphine",
                "Cross-Over Studies",
                "Drug Interactions",
                "Healthy Volunteers",
                "Humans",
                "Mitragyna",
            ),
            year=2024,
        ),
        "rct",
        "human",
        16,
        (
            "Kratom inhibits buprenorphine metabolism to a clinically relevant degree.",
            "Patients using both should be monitored for sedation.",
        ),
    ),
    Labelled(
        record(
            "90000114",
            "Efficacy of lofexidine for opioid withdrawal: pooled analysis of two phase 3 "
            "randomized trials",
            "Two phase 3 trials of lofexidine enrolled adults undergoing abrupt opioid "
            "discontinuation. We pooled individual participant data from both trials (866 "
            "participants) to estimate effects in subgroups. Lofexidine reduced Short Opiate "
            "Withdrawal Scale-Gossop scores relative to placebo in men and women, in users of "
            "heroin and of prescription opioids, and in those with and without prior "
            "treatment. The benefit of lofexidine over placebo was consistent across "
            "subgroups. Lofexidine is effective for opioid withdrawal across a broad range of "
            "patients.",
            status="PubMed-not-MEDLINE",
            year=2021,
        ),
        "meta-analysis",
        "human",
        866,
        (
            "The benefit of lofexidine over placebo was consistent across subgroups.",
            "Lofexidine is effective for opioid withdrawal across a broad range of patients.",
        ),
        "An individual-participant pooled analysis of two trials.",
    ),
    Labelled(
        record(
            "90000115",
            "Orexin antagonists for opioid withdrawal: not so fast",
            types=("Comment", "Journal Article"),
            mesh=("Humans", "Orexin Receptor Antagonists", "Substance Withdrawal Syndrome"),
            year=2022,
        ),
        "other",
        "human",
        None,
        (),
    ),
    Labelled(
        record(
            "90000116",
            "Gabapentin co-prescription and opioid-related death: a nested case-control study",
            (
                (
                    "OBJECTIVE",
                    "To determine whether gabapentin co-prescription increases the risk of "
                    "opioid-related death among people receiving opioids.",
                ),
                (
                    "METHODS",
                    "In a population-based cohort of opioid users in Ontario, we identified "
                    "1,256 cases who died of an opioid-related cause and matched them with 4,619 "
                    "controls on age, sex, calendar year and opioid dose.",
                ),
                (
                    "RESULTS",
                    "Gabapentin co-prescription in the preceding 120 days was associated with a "
                    "49% increase in the odds of opioid-related death (adjusted odds ratio 1.49, "
                    "95% CI 1.18–1.88), with a stronger association at higher gabapentin doses.",
                ),
                (
                    "CONCLUSIONS",
                    "Co-prescription of gabapentin with opioids is associated with a "
                    "substantially increased risk of opioid-related death. Clinicians should "
                    "weigh this risk when prescribing gabapentin to patients taking opioids.",
                ),
            ),
            types=("Journal Article", "Observational Study"),
            mesh=(
                "Adult",
                "Analgesics, Opioid",
                "Case-Control Studies",
                "Drug Therapy, Combination",
                "Gabapentin",
                "Humans",
                "Ontario",
                "Opioid-Related Disorders",
            ),
            year=2017,
        ),
        "observational",
        "human",
        5875,
        (
            "Co-prescription of gabapentin with opioids is associated with a substantially "
            "increased risk of opioid-related death.",
            "Clinicians should weigh this risk when prescribing gabapentin to patients taking "
            "opioids.",
        ),
        "1,256 cases and 4,619 controls.",
    ),
    Labelled(
        record(
            "90000117",
            "Experiences of using kratom to manage opioid withdrawal: a qualitative study",
            "Many people report using kratom to manage opioid withdrawal, but their reasons and "
            "experiences are poorly understood. We conducted semi-structured interviews with 20 "
            "adults who had used kratom to reduce or stop opioid use, recruited through online "
            "forums, and analysed the transcripts thematically. Participants described kratom as "
            "accessible, affordable and free of the stigma attached to opioid agonist treatment. "
            "Many reported that kratom eased withdrawal and craving, but several described "
            "escalating doses and withdrawal when stopping kratom itself. People who use kratom "
            "to manage opioid withdrawal value its accessibility and autonomy but may develop "
            "kratom dependence. Treatment services could learn from what draws people to kratom.",
            mesh=(
                "Adult",
                "Humans",
                "Interviews as Topic",
                "Mitragyna",
                "Opioid-Related Disorders",
                "Qualitative Research",
                "Substance Withdrawal Syndrome",
            ),
            year=2023,
        ),
        "cross-sectional",
        "human",
        20,
        (
            "People who use kratom to manage opioid withdrawal value its accessibility and "
            "autonomy but may develop kratom dependence.",
            "Treatment services could learn from what draws people to kratom.",
        ),
        "Qualitative interviews at one time: the table's closest row is cross-sectional.",
    ),
)

LABELLED: tuple[Labelled, ...] = DEVELOPMENT + HELD_OUT
