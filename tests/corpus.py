"""A small on-topic PubMed corpus for end-to-end tests and demos of the shipped queries.

Thirty records written to look like the literature on kratom, melatonin and opioid withdrawal:
trials, reviews, surveys, case reports, animal and receptor studies, one retracted paper.
``load(fake)`` adds them to a FakeEutils; ``python tests/corpus.py`` serves them on a local
port so the CLI can be tried by hand (WITHDRAWAL_LIT_EUTILS_URL=<printed url>).
"""

from __future__ import annotations

from datetime import date

KRATOM_MESH = (("Mitragyna", True), ("Humans", False))
WITHDRAWAL_MESH = (("Substance Withdrawal Syndrome", True),)
OUD_MESH = (("Opioid-Related Disorders", True),)

RECORDS: list[dict] = [
    dict(
        pmid="31000001",
        title="Kratom use for opioid withdrawal: an online survey of 2,798 US adults.",
        year=2019,
        pub_types=("Journal Article",),
        mesh=KRATOM_MESH
        + OUD_MESH
        + (("Surveys and Questionnaires", False), ("Cross-Sectional Studies", False)),
        abstract_sections=(
            (
                "BACKGROUND",
                "BACKGROUND",
                "Kratom (Mitragyna speciosa) is used by people who "
                "use opioids to manage withdrawal.",
            ),
            (
                "METHODS",
                "METHODS",
                "We conducted an anonymous online survey of 2,798 adults "
                "who reported current kratom use.",
            ),
            (
                "RESULTS",
                "RESULTS",
                "Of respondents, 1,219 (44%) reported using kratom to "
                "relieve opioid withdrawal symptoms, and most rated it effective.",
            ),
            (
                "CONCLUSIONS",
                "CONCLUSIONS",
                "Many people use kratom to self-treat opioid "
                "withdrawal. Clinical trials are needed to establish its safety and efficacy.",
            ),
        ),
        authors=("Garcia-Romeu A", "Cox DJ", "Smith KE"),
        journal="Drug and Alcohol Dependence",
        journal_iso="Drug Alcohol Depend",
        doi="10.1016/j.drugalcdep.2019.01.001",
        pmcid="PMC6500001",
        edat=date(2019, 3, 1),
    ),
    dict(
        pmid="33000002",
        title="Kratom as a substitute for opioids: a systematic review and meta-analysis.",
        year=2021,
        pub_types=("Journal Article", "Meta-Analysis", "Systematic Review"),
        mesh=KRATOM_MESH + OUD_MESH,
        abstract_sections=(
            (
                "OBJECTIVE",
                "OBJECTIVE",
                "To synthesise evidence on kratom use for opioid "
                "withdrawal and opioid use disorder.",
            ),
            (
                "METHODS",
                "METHODS",
                "We searched five databases and pooled 14 studies with 9,218 participants.",
            ),
            (
                "RESULTS",
                "RESULTS",
                "Self-reported reduction of opioid withdrawal was common "
                "(pooled proportion 0.71, 95% CI 0.60-0.80).",
            ),
            (
                "CONCLUSIONS",
                "CONCLUSIONS",
                "Observational evidence suggests kratom may reduce "
                "opioid withdrawal symptoms, but the certainty of evidence is very low.",
            ),
        ),
        authors=("Müller K", "Østergaard L"),
        journal="Addiction",
        doi="10.1111/add.2021.0002",
        edat=date(2021, 6, 10),
    ),
    dict(
        pmid="35000003",
        title="Acute liver injury after kratom use in a patient tapering buprenorphine: "
        "a case report.",
        year=2022,
        pub_types=("Case Reports", "Journal Article"),
        mesh=KRATOM_MESH + (("Chemical and Drug Induced Liver Injury", True),),
        abstract="We report a case of a 34-year-old man who developed cholestatic liver injury "
        "after six weeks of daily kratom use while tapering buprenorphine. Liver enzymes "
        "normalised after kratom was stopped. Clinicians should ask about kratom use in "
        "patients with unexplained liver injury.",
        authors=("Núñez P", "Lee S"),
        journal="Journal of Medical Toxicology",
        edat=date(2022, 2, 14),
    ),
    dict(
        pmid="36000004",
        title="Mitragynine attenuates naloxone-precipitated morphine withdrawal in rats.",
        year=2023,
        pub_types=("Journal Article",),
        mesh=(
            ("Animals", False),
            ("Rats", False),
            ("Rats, Sprague-Dawley", False),
            ("Substance Withdrawal Syndrome", True),
            ("Secologanin Tryptamine Alkaloids", True),
            ("Morphine", False),
        ),
        abstract="Morphine-dependent rats (n = 48) received mitragynine or vehicle before "
        "naloxone. Mitragynine reduced jumping and wet-dog shakes in a dose-dependent manner. "
        "These findings suggest that mitragynine attenuates opioid withdrawal signs in rats.",
        authors=("Harun N", "Hassan Z"),
        journal="Psychopharmacology",
        chemicals=("mitragynine",),
        edat=date(2023, 1, 20),
    ),
    dict(
        pmid="30000005",
        title="Mitragynine and 7-hydroxymitragynine are G protein-biased mu-opioid receptor "
        "agonists.",
        year=2016,
        pub_types=("Journal Article",),
        mesh=(
            ("Receptors, Opioid, mu", True),
            ("Secologanin Tryptamine Alkaloids", True),
            ("HEK293 Cells", False),
            ("Humans", False),
        ),
        abstract="Kratom alkaloids were tested in cell lines expressing opioid receptors. "
        "Mitragynine and 7-hydroxymitragynine were partial agonists at the human mu-opioid "
        "receptor and did not recruit beta-arrestin. These alkaloids may offer a template for "
        "safer opioid analgesics.",
        authors=("Kruegel AC", "Sames D"),
        journal="Journal of the American Chemical Society",
        chemicals=("mitragynine", "7-hydroxymitragynine"),
        edat=date(2016, 5, 2),
    ),
    dict(
        pmid="34000006",
        title="Kratom dependence and withdrawal: a cohort of regular users in Malaysia.",
        year=2022,
        pub_types=("Journal Article", "Observational Study"),
        mesh=KRATOM_MESH + (("Substance-Related Disorders", True), ("Cohort Studies", False)),
        abstract="We followed 356 regular kratom users for 12 months. Kratom dependence was "
        "reported by 55% and withdrawal symptoms included muscle aches and insomnia. Long-term "
        "kratom use was associated with dependence but not with liver injury.",
        authors=("Singh D", "Vicknasingam B"),
        journal="International Journal of Drug Policy",
        edat=date(2022, 7, 5),
    ),
    dict(
        pmid="37000007",
        title="Melatonin for insomnia during opioid detoxification: a randomized, "
        "double-blind, placebo-controlled trial.",
        year=2024,
        pub_types=("Journal Article", "Randomized Controlled Trial"),
        mesh=(
            ("Melatonin", True),
            ("Sleep Initiation and Maintenance Disorders", True),
            ("Substance Withdrawal Syndrome", True),
            ("Humans", False),
        ),
        abstract_sections=(
            ("BACKGROUND", "BACKGROUND", "Insomnia is common during opioid withdrawal."),
            (
                "METHODS",
                "METHODS",
                "We randomized 120 adults undergoing methadone taper to "
                "melatonin 5 mg or placebo for 4 weeks; the primary outcome was sleep quality.",
            ),
            (
                "RESULTS",
                "RESULTS",
                "Melatonin improved sleep quality (p = 0.01) and reduced "
                "COWS scores modestly; adverse events were similar.",
            ),
            (
                "CONCLUSION",
                "CONCLUSIONS",
                "Melatonin improved sleep during opioid detoxification and was well tolerated.",
            ),
        ),
        authors=("Rahimi A", "Karimi M"),
        journal="Addiction Biology",
        edat=date(2024, 4, 3),
    ),
    dict(
        pmid="32000008",
        title="Melatonin reduces signs of morphine withdrawal in mice through opioid and "
        "cannabinoid receptors.",
        year=2020,
        pub_types=("Journal Article",),
        mesh=(
            ("Melatonin", True),
            ("Animals", False),
            ("Mice", False),
            ("Substance Withdrawal Syndrome", True),
            ("Receptors, Cannabinoid", False),
        ),
        abstract="Mice were made dependent on morphine and treated with melatonin. Melatonin "
        "reduced withdrawal jumping, an effect blocked by a CB1 antagonist. Melatonin may "
        "modulate opioid withdrawal through the endocannabinoid system.",
        authors=("Kaur T", "Singh R"),
        journal="Neuropharmacology",
        edat=date(2020, 9, 9),
    ),
    dict(
        pmid="29000009",
        title="Sleep disturbance during opioid withdrawal and methadone maintenance: a "
        "narrative review.",
        year=2018,
        pub_types=("Journal Article", "Review"),
        mesh=(
            ("Sleep Wake Disorders", True),
            ("Opioid-Related Disorders", True),
            ("Humans", False),
        ),
        abstract="Sleep disturbance is among the most persistent symptoms of opioid "
        "withdrawal. We review polysomnographic findings and treatments including melatonin, "
        "trazodone and clonidine. Sleep should be assessed and treated in opioid withdrawal.",
        authors=("Hassan M",),
        journal="Sleep Medicine Reviews",
        edat=date(2018, 11, 11),
    ),
    dict(
        pmid="38000010",
        title="Lofexidine versus placebo for opioid withdrawal: a randomised trial.",
        year=2025,
        pub_types=("Journal Article", "Randomized Controlled Trial"),
        mesh=(
            ("Substance Withdrawal Syndrome", True),
            ("Opioid-Related Disorders", True),
            ("Humans", False),
        ),
        abstract="A total of 603 adults with opioid dependence were randomised to lofexidine or "
        "placebo. Lofexidine lowered SOWS-Gossop scores on days 2-5. Lofexidine is an effective "
        "non-opioid treatment for opioid withdrawal.",
        authors=("Gorodetzky CW",),
        journal="Drug and Alcohol Dependence",
        edat=date(2025, 1, 15),
    ),
    dict(
        pmid="28000011",
        title="Herbal medicines for opioid withdrawal: a randomized controlled trial of a "
        "traditional formula.",
        year=2017,
        pub_types=("Journal Article", "Randomized Controlled Trial"),
        mesh=(
            ("Substance Withdrawal Syndrome", True),
            ("Phytotherapy", True),
            ("Plant Extracts", False),
            ("Humans", False),
        ),
        abstract="We randomised 80 heroin users in detoxification to a herbal formula or "
        "clonidine. Withdrawal scores fell similarly in both groups. Herbal treatment was "
        "comparable to clonidine for opioid withdrawal.",
        authors=("Chen L", "Wang Y"),
        journal="Journal of Ethnopharmacology",
        edat=date(2017, 8, 8),
    ),
    dict(
        pmid="36000012",
        title="RETRACTED: Kratom tea eliminates opioid withdrawal in a clinical trial.",
        year=2021,
        pub_types=("Journal Article", "Retracted Publication", "Clinical Trial"),
        mesh=KRATOM_MESH + WITHDRAWAL_MESH,
        comments=(("RetractionIn", "36999999"),),
        abstract="Thirty patients with opioid withdrawal drank kratom tea daily. All "
        "withdrawal symptoms resolved within 3 days. Kratom tea eliminates opioid withdrawal.",
        authors=("Doe J",),
        journal="Journal of Addiction Research",
        edat=date(2021, 2, 2),
    ),
    dict(
        pmid="37000013",
        title="Kratom use among people in treatment for opioid use disorder: a cross-sectional "
        "study.",
        year=2023,
        pub_types=("Journal Article",),
        mesh=KRATOM_MESH + OUD_MESH + (("Cross-Sectional Studies", False),),
        abstract="Among 412 patients receiving buprenorphine, 9% reported lifetime kratom use, "
        "mostly to manage withdrawal or cravings. Kratom use should be asked about in opioid "
        "treatment programmes.",
        authors=("Smith KE", "Dunn KE"),
        journal="Journal of Substance Use and Addiction Treatment",
        edat=date(2023, 10, 1),
    ),
    dict(
        pmid="39000014",
        title="Kratom and melatonin co-use for opioid withdrawal self-management: a "
        "qualitative study.",
        year=2025,
        pub_types=("Journal Article",),
        mesh=KRATOM_MESH
        + (
            ("Melatonin", False),
            ("Substance Withdrawal Syndrome", True),
            ("Qualitative Research", False),
        ),
        abstract="We interviewed 24 people who used kratom and over-the-counter melatonin to "
        "self-manage opioid withdrawal. Participants described melatonin for sleep and kratom "
        "for pain and cravings. Natural products are part of many people's withdrawal "
        "management and deserve study.",
        authors=("Bath M", "Grundmann O"),
        journal="Harm Reduction Journal",
        edat=date(2025, 6, 30),
    ),
    dict(
        pmid="27000015",
        title="Acupuncture and herbal treatment in opioid detoxification: a systematic review.",
        year=2016,
        pub_types=("Journal Article", "Systematic Review", "Review"),
        mesh=(
            ("Complementary Therapies", True),
            ("Substance Withdrawal Syndrome", True),
            ("Humans", False),
            ("Phytotherapy", False),
        ),
        abstract="We reviewed 18 randomized trials of acupuncture or herbal medicines for "
        "opioid withdrawal. Trials were small and at high risk of bias. Evidence that "
        "complementary therapies reduce opioid withdrawal is inconclusive.",
        authors=("Liu TT",),
        journal="Cochrane Database of Systematic Reviews",
        edat=date(2016, 3, 3),
    ),
    dict(
        pmid="38000016",
        title="Seizures associated with kratom use: a case series from poison centers.",
        year=2024,
        pub_types=("Journal Article",),
        mesh=KRATOM_MESH + (("Seizures", True), ("Poison Control Centers", False)),
        abstract="We describe 11 patients who had seizures after kratom exposure reported to "
        "poison centers. Most had co-ingested other substances. Kratom exposure can be "
        "associated with seizures.",
        authors=("Eggleston W", "Stoppacher R"),
        journal="Clinical Toxicology",
        edat=date(2024, 8, 19),
    ),
    dict(
        pmid="26000017",
        title="Melatonin modulates opioid analgesia and tolerance: a review of mechanisms.",
        year=2015,
        pub_types=("Journal Article", "Review"),
        mesh=(
            ("Melatonin", True),
            ("Analgesics, Opioid", True),
            ("Drug Tolerance", False),
            ("Animals", False),
            ("Humans", False),
        ),
        abstract="Melatonin interacts with opioid receptors and the endogenous opioid system. "
        "We review studies of melatonin in morphine tolerance, dependence and withdrawal. "
        "Melatonin may be a useful adjunct to limit opioid tolerance.",
        authors=("Yousaf F",),
        journal="Journal of Pineal Research",
        edat=date(2015, 12, 1),
    ),
    dict(
        pmid="39000018",
        title="Ramelteon for sleep in buprenorphine induction: a pilot open-label trial.",
        year=2025,
        pub_types=("Journal Article", "Clinical Trial"),
        mesh=(
            ("Sleep Initiation and Maintenance Disorders", True),
            ("Buprenorphine", False),
            ("Opioid-Related Disorders", True),
            ("Humans", False),
        ),
        abstract="Twenty adults starting buprenorphine received ramelteon nightly for 14 "
        "days. Sleep onset latency shortened and no serious adverse events occurred. "
        "Ramelteon appears feasible for insomnia in early opioid treatment.",
        authors=("Oliveira R",),
        journal="Sleep",
        edat=date(2025, 9, 12),
    ),
]


def load(fake) -> None:
    """Add the corpus to a FakeEutils."""
    for record in RECORDS:
        fake.add_article(**record)


def main() -> None:
    import time

    from fake_eutils import FakeEutils

    with FakeEutils() as fake:
        load(fake)
        print(f"WITHDRAWAL_LIT_EUTILS_URL={fake.url}", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
