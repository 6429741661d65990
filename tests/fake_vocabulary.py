"""A small model of what PubMed's indexes hold, for the fake E-utilities server.

PubMed knows every MeSH heading, substance name and publication type, and its phrase index
holds phrases no test corpus does. The fake needs a little of that to answer as NCBI does:
a misspelled heading is dropped with PhraseNotFound, a quoted phrase missing from the
index is split into words with QuotedPhraseNotFound, and a real heading or phrase that no
record of the test corpus happens to hold is still searched without complaint.

The headings are written out here, as MeSH spells them (checked against the MeSH browser
names: descriptors, the publication types and pharmacological actions our queries use, and
the headings of the real on-topic records). The free-text words and phrases are those of
the shipped query files: we take them to be in PubMed's index (`withdrawal-lit queries
check` run against NCBI is what confirms it).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from withdrawal_lit.querycheck import leaves, normal

SHIPPED_QUERIES = Path(__file__).resolve().parents[1] / "queries"

MESH_HEADINGS = """
Adolescent; Adult; Amines; Analgesia; Analgesia, Patient-Controlled; Analgesics;
Analgesics, Opioid; Animals; Arrhythmias, Cardiac; Benzodiazepines; Body Mass Index;
beta-Arrestins; Buprenorphine; Cannabinoid Receptor Modulators; Case-Control Studies;
Cause of Death; Chemical and Drug Induced Liver Injury; Chromatography, Liquid;
Clinical Trials as Topic; Clonidine; Complementary Therapies; Cross-Sectional Studies;
Cytochrome P-450 CYP2D6; Cytochrome P-450 CYP3A; Cytochrome P-450 Enzyme System;
Dietary Supplements; Dose-Response Relationship, Drug; Double-Blind Method;
Drug Contamination; Drug Interactions; Drug Overdose;
Drug-Related Side Effects and Adverse Reactions; Drugs, Chinese Herbal; Endocannabinoids;
Fatal Outcome; Female; Forensic Toxicology; Gabapentin;
Gas Chromatography-Mass Spectrometry; GTP-Binding Proteins; Herb-Drug Interactions; Humans;
Hysterectomy; Ibogaine; Indole Alkaloids; Injections, Intraperitoneal;
Injections, Intravenous; Injections, Intraventricular; Kinetics; Laparoscopy;
Linear Models; Male; Melatonin; Methadone; Mice; Middle Aged; Mind-Body Therapies;
Mitragyna; Molecular Docking Simulation; Monoterpenes; Mood Disorders; Morphine; Naloxone;
Narcotic Antagonists; Narcotics; Neonatal Abstinence Syndrome;
Opiate Substitution Treatment; Opioid Peptides; Opioid-Related Disorders;
Orexin Receptor Antagonists; Oxycodone; Pain; Pain Measurement; Pain, Postoperative;
Phytotherapy; Plant Extracts; Plants, Medicinal; Poisoning; Polysomnography; Pregabalin;
Pregnancy; Receptors, Adrenergic, alpha-2; Receptors, Cannabinoid; Receptors, Melatonin;
Receptors, Opioid; Respiratory Insufficiency; Retrospective Studies; Rubiaceae;
Salmonella Infections; Secologanin Tryptamine Alkaloids; Seizures;
Severity of Illness Index; Sleep; Sleep Aids, Pharmaceutical; Sleep Deprivation;
Sleep Initiation and Maintenance Disorders; Sleep Wake Disorders;
Statistics, Nonparametric; Structure-Activity Relationship; Substance Withdrawal Syndrome;
Substance-Related Disorders; Surveys and Questionnaires; Tandem Mass Spectrometry;
Time Factors; Valerian
"""
PHARMACOLOGICAL_ACTIONS = """
Adrenergic alpha-2 Receptor Agonists; Analgesics, Opioid; Narcotics;
Sleep Aids, Pharmaceutical; Narcotic Antagonists; Hypnotics and Sedatives
"""
PUBLICATION_TYPES = """
Journal Article; Review; Randomized Controlled Trial; Controlled Clinical Trial;
Clinical Trial; Clinical Trial Protocol; Systematic Review; Meta-Analysis; Case Reports;
Letter; Comment; Observational Study; Comparative Study;
Research Support, Non-U.S. Gov't; Research Support, N.I.H., Extramural
"""
SUBSTANCES = "mitragynine; 7-hydroxymitragynine; mitragynine pseudoindoxyl; lofexidine"


def _names(text: str) -> frozenset[str]:
    return frozenset(normal(name) for name in text.split(";") if name.strip())


@dataclass(frozen=True)
class Vocabulary:
    """What ``FakeEutils.vocabulary`` asks: does PubMed know this name, word or phrase?"""

    headings: frozenset[str]
    actions: frozenset[str]
    pub_types: frozenset[str]
    substances: frozenset[str]
    texts: frozenset[str]

    def knows(self, field: str, text: str) -> bool:
        key = normal(text.split("/")[0] if field != "text" else text)
        if field in ("MeSH Terms", "MeSH Major Topic"):
            return key in self.headings
        if field == "Pharmacological Action":
            return key in self.actions
        if field == "Publication Type":
            return key in self.pub_types
        if field == "Supplementary Concept":
            return key in self.substances
        return key in self.texts


def shipped_texts(folder: Path = SHIPPED_QUERIES) -> frozenset[str]:
    """The free-text words and phrases of the terms of the query files in ``folder``."""
    texts: set[str] = set()
    for path in folder.glob("*.toml"):
        term = tomllib.loads(path.read_text(encoding="utf-8"))["term"]
        for leaf in leaves(term):
            if leaf.field in ("Title/Abstract", "Title", None):
                texts.add(leaf.key)
    return frozenset(texts)


def vocabulary(extra_texts: frozenset[str] = frozenset()) -> Vocabulary:
    return Vocabulary(
        headings=_names(MESH_HEADINGS),
        actions=_names(PHARMACOLOGICAL_ACTIONS),
        pub_types=_names(PUBLICATION_TYPES),
        substances=_names(SUBSTANCES),
        texts=shipped_texts() | extra_texts,
    )
