"""Role-aware evidence: the intervention in the treating role, or as the condition."""

from __future__ import annotations

import re

import pytest

from withdrawal_lit import rank
from withdrawal_lit.queries import adhoc
from withdrawal_lit.relations import PARTS, Found, Matcher

KRATOM_OW = Matcher(
    [
        ["kratom", "mitragynine", "ketum"],
        ["opioid withdrawal", "withdrawal", "opioid use disorder"],
    ],
    ["intervention", "condition"],
)
KRATOM_HARMS = Matcher(
    [["kratom"], ["dependence", "withdrawal", "adverse"]], ["intervention", "outcome"]
)
SLEEP = Matcher(
    [["sleep", "insomnia"], ["opioid withdrawal", "methadone"]], ["outcome", "condition"]
)
COMPLEMENTARY = Matcher(
    [["acupuncture", "herbal", "complementary"], ["opioid withdrawal", "withdrawal"], ["trial"]],
    ["intervention", "condition", "design"],
)
MELATONIN = Matcher(
    [["melatonin"], ["opioid withdrawal", "morphine withdrawal", "withdrawal", "morphine"]],
    ["intervention", "condition"],
)

RELATIONS = [
    # (id, matcher, title, abstract, relation, inverse)
    ("to-ease", KRATOM_OW, "Kratom use in the US",
     "Respondents used kratom to ease opioid withdrawal symptoms.", True, False),
    ("to-self-treat", KRATOM_OW, "A survey",
     "Many used kratom to self-treat their opioid use disorder.", True, False),
    ("substitute", KRATOM_OW, "Kratom users",
     "Kratom was taken as a substitute for opioids by a third of users.", True, False),
    ("for-condition", KRATOM_OW, "The informal use of ketum for opioid withdrawal", "", True,
     False),
    ("in-hosts", MELATONIN, "Melatonin in morphine-dependent rats",
     "Melatonin in morphine withdrawal rats reduced jumping.", True, False),
    ("attenuated-by", MELATONIN, "Withdrawal signs",
     "Naloxone-precipitated withdrawal was attenuated by melatonin.", True, False),
    ("effect-on", MELATONIN, "Effects of melatonin on morphine withdrawal", "", True, False),
    ("kratom-use-disorder", KRATOM_OW, "Kratom use disorder treated with buprenorphine",
     "A man with kratom withdrawal was treated with buprenorphine for opioid withdrawal.",
     False, True),
    ("kratom-dependence", KRATOM_OW, "Kratom dependence: a case report",
     "He developed kratom dependence and opioid use disorder.", False, True),
    # with no condition named, kratom's own dependence is what is asked
    ("harms-asked", KRATOM_HARMS, "Kratom dependence: a case report",
     "He developed kratom dependence.", True, False),
    # a harm named before the intervention is still its harm
    ("harm-before", KRATOM_HARMS, "Fatal cases",
     "Two cases are reported. Withdrawal after stopping kratom was severe.", True, False),
    # another substance's harm is not the intervention's own
    ("other-substance-harm", KRATOM_HARMS, "A survey of users",
     "Users took kratom. Many used kratom for opioid withdrawal.", False, False),
    # no intervention asked for: what improves the outcome, or the outcome in the condition
    ("outcome-improved", SLEEP, "Suvorexant for opioid withdrawal",
     "Suvorexant ameliorated sleep disturbance and opioid withdrawal.", True, False),
    ("outcome-in-condition", SLEEP, "A cohort", "Sleep during opioid withdrawal was poor.",
     True, False),
    # the opening third of an abstract is background: a relation there is not the paper's
    ("background-only", KRATOM_OW, "Kratom alkaloids in rat liver microsomes",
     "Kratom is used to self-treat opioid withdrawal. Its alkaloids are many. We incubated "
     "mitragynine with microsomes. Metabolites were measured. Five were found. Two were new.",
     False, False),
    ("absent", KRATOM_OW, "Gabapentin for opioid withdrawal",
     "Gabapentin eased opioid withdrawal.", False, False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("matcher", "title", "abstract", "relation", "inverse"),
    [c[1:] for c in RELATIONS],
    ids=[c[0] for c in RELATIONS],
)
def test_relation_patterns(matcher, title, abstract, relation, inverse):
    found = matcher.find(title, abstract)
    assert found.relation is relation
    assert found.inverse is inverse


# A class of treatments typed as the intervention: a record treating the condition with
# something unnamed answers in part (Found.kin); a named treatment never does.
KIN = [
    # (id, matcher, title, abstract, kin)
    ("class-other-treatment", COMPLEMENTARY, "Gabapentin in opioid withdrawal: a trial",
     "Patients were randomised. Gabapentin reduced opioid withdrawal symptoms.", True),
    ("class-treatment-of", COMPLEMENTARY, "Clonidine in the treatment of opioid withdrawal",
     "", True),
    ("class-condition-untreated", COMPLEMENTARY, "Opioid withdrawal in neonates",
     "Withdrawal signs were scored. Most neonates had opioid withdrawal.", False),
    ("class-in-background-only", COMPLEMENTARY, "A survey of clinicians",
     "Clonidine is used to treat opioid withdrawal. We asked clinicians. They answered.",
     False),
    ("named-intervention", MELATONIN, "Gabapentin for morphine withdrawal",
     "Gabapentin reduced morphine withdrawal.", False),
    ("class-named", COMPLEMENTARY, "Acupuncture for opioid withdrawal",
     "Acupuncture reduced opioid withdrawal.", False),  # named: present, not kin
]  # fmt: skip


@pytest.mark.parametrize(
    ("matcher", "title", "abstract", "kin"), [c[1:] for c in KIN], ids=[c[0] for c in KIN]
)
def test_class_intervention_credits_other_treatments_of_the_condition(
    matcher, title, abstract, kin
):
    found = matcher.find(title, abstract)
    assert found.kin is kin
    if kin:
        assert 0 < found.score() < Found(present=True).score()
        assert "condition treated" in found.explain()


def test_the_interventions_own_disorder_is_not_the_questions_condition():
    matcher = Matcher(
        [["kratom"], ["opioid withdrawal", "use disorder"]], ["intervention", "condition"]
    )
    found = matcher.find("Kratom use disorder: a case report", "He stopped kratom.")
    assert found.inverse and not found.title and not found.all_roles


def test_class_intervention_reads_records_naming_the_condition():
    assert "opioid withdrawal" in COMPLEMENTARY.anchor
    assert "opioid withdrawal" not in MELATONIN.anchor


@pytest.mark.parametrize(
    ("groups", "joined"),
    [
        ([["opioid"], ["withdrawal"]], ["opioid withdrawal"]),
        ([["heroin", "morphine"], ["withdrawal"]], ["heroin withdrawal", "morphine withdrawal"]),
        ([["opioid withdrawal", "opioid"], ["detoxification"]], ["opioid detoxification"]),
        ([["opioid withdrawal"]], []),  # one group: nothing to join
        ([[f"w{i}" for i in range(10)], [f"v{i}" for i in range(10)]], 24),  # capped
    ],
)
def test_condition_groups_typed_apart_are_joined_into_phrases(groups, joined):
    from withdrawal_lit.relations import JOINED_MAX, _joined

    got = _joined(groups)
    assert len(got) == JOINED_MAX if isinstance(joined, int) else got == joined


def test_treating_role_outscores_the_condition_role():
    treating = KRATOM_OW.find(
        "Kratom as a substitute for opioids",
        "Most respondents used kratom to relieve opioid withdrawal.",
    )
    condition = KRATOM_OW.find(
        "Kratom use disorder treated with buprenorphine",
        "A patient with kratom withdrawal and opioid use disorder was given buprenorphine.",
    )
    absent = KRATOM_OW.find("Gabapentin for opioid withdrawal", "Gabapentin eased withdrawal.")
    assert treating.score() > condition.score() > absent.score() == 0.0


@pytest.mark.parametrize(
    ("found", "score"),
    [
        (Found(), 0.0),
        (Found(present=True), PARTS["present"]),
        (Found(True, True, True, True, True, breadth=1.0), 1.0),
        (Found(True, True, True, True, True, breadth=0.0), 1.0 - PARTS["breadth"]),
        (Found(present=True, inverse=True), 0.0),  # clipped at 0
        (Found(True, True, True, True, True, True, 1.0), 1.0),  # a relation outweighs it
        (Found(kin=True), PARTS["kin"]),  # a class intervention's other treatment
        (Found(present=True, kin=True), PARTS["present"]),  # named: kin adds nothing
    ],
)
def test_score_parts(found, score):
    assert found.score() == pytest.approx(score)


def test_an_adhoc_term_gets_roles_and_relations():
    query = adhoc("kratom AND opioid withdrawal")
    from withdrawal_lit.relations import for_query

    found = for_query(query).find(
        "Ketum use", "People used ketum to manage their opioid withdrawal."
    )
    assert found.present and found.relation  # "ketum": PubMed's entry term for kratom


def test_roles_weight_is_documented_and_scaled():
    assert "roles" in rank.weights_help()
    scaled = rank.with_roles(0.5)
    assert scaled["roles"] == 0.5 and sum(scaled.values()) == pytest.approx(1.0)


# -- ranking order on real records (read by path from ../shared) ----------------------------
@pytest.fixture(scope="module")
def real_orders(ontopic, tmp_path_factory):
    import real_quality
    import realset

    from withdrawal_lit.query_files import load_queries
    from withdrawal_lit.settings import builtin_queries_dir

    chosen = real_quality.queries_for(load_queries([builtin_queries_dir()]))
    every = {q.name: q for table in chosen.values() for q in table.values()}
    path = tmp_path_factory.mktemp("real") / "real.sqlite3"
    with realset.cache(ontopic, every, path) as store:
        return {
            (kind, topic): [
                f.pmid
                for f in rank.rank(realset.ranked_features(store, query, 2026), this_year=2026)
            ]
            for kind, table in chosen.items()
            for topic, query in table.items()
        }


@pytest.mark.parametrize("kind", ["predefined", "ad hoc"])
def test_real_kratom_for_withdrawal_ranks_self_treatment_above_kratom_use_disorder(
    real_orders, ontopic, kind
):
    order = real_orders[(kind, "kratom-for-opioid-withdrawal")]
    grades = ontopic.qrels["kratom-for-opioid-withdrawal"]
    assert "20092998" in order[:3]  # ketum used for opioid withdrawal (grade 3)
    # case reports of kratom use disorder (grade 1) come after most records graded 2 or 3
    relevant = sorted(order.index(p) for p, g in grades.items() if g >= 2)
    for case in ("97000004", "97000006"):
        assert grades[case] == 1
        assert order.index(case) > relevant[len(relevant) // 2]


@pytest.mark.parametrize("kind", ["predefined", "ad hoc"])
@pytest.mark.parametrize(
    "topic",
    ["kratom-for-opioid-withdrawal", "melatonin-opioid-withdrawal", "sleep-opioid-withdrawal"],
)
def test_real_top_five_are_mostly_relevant(real_orders, ontopic, kind, topic):
    grades = ontopic.qrels[topic]
    top = real_orders[(kind, topic)][:5]
    assert sum(1 for p in top if grades[p] >= 2) >= 3, top


@pytest.mark.parametrize("kind", ["predefined", "ad hoc"])
@pytest.mark.parametrize(
    ("topic", "pmid", "within"),
    [
        # deaths of kratom users (grade 3): a harm the typed term names only as "toxicity"
        ("kratom-safety-dependence", "34054017", 5),
        # a gabapentin trial (grade 3) for a term naming acupuncture, herbal, complementary
        ("complementary-opioid-withdrawal-trials", "35731889", 5),
        # alkaloid pharmacology (grade 3) that says "opioid agonistic", never "receptor"
        ("kratom-pharmacology", "15304982", 5),
    ],
)
def test_real_records_the_typed_words_miss_still_rank_high(
    real_orders, ontopic, kind, topic, pmid, within
):
    assert ontopic.qrels[topic][pmid] == 3
    assert pmid in real_orders[(kind, topic)][:within]


def test_a_mechanism_question_does_not_rank_by_clinical_evidence():
    animal = rank.Features("1", bm25=2.0, evidence_level=5, population="animal", mechanism=True)
    trial = rank.Features("2", bm25=1.0, evidence_level=2, population="human", mechanism=True)
    assert [r.pmid for r in rank.rank([trial, animal], this_year=2026)] == ["1", "2"]
    parts = rank.components(trial, 1.0, 2026)
    assert parts["evidence"] == parts["human"] == 0.0


# A typed word matches its singular and plural, and a typed hyphen a space or nothing, as the
# search index (porter stemming, hyphens split) and PubMed's term mapping do.
TYPED_FORMS = [
    # (typed synonym, record text, matches)
    ("fatalities", "a fatality was reported", True),
    ("fatalities", "two fatalities", True),
    ("receptors", "at the receptor", True),
    ("therapies", "this therapy", True),
    ("mu-opioid", "the mu opioid receptor", True),
    ("mu-opioid", "the mu-opioid receptor", True),
    ("self-treat", "to selftreat", True),
    ("self-treat", "to self treat", True),
    ("7-hydroxymitragynine", "7-hydroxymitragynine levels", True),
    ("analysis", "an analysis of", True),  # not a plural: kept
    ("opioids", "opioidergic tone", False),  # the short ending stays short
    ("mu-opioid", "mu and opioid", False),
]


@pytest.mark.parametrize(("typed", "text", "matches"), TYPED_FORMS)
def test_typed_words_match_their_other_forms(typed, text, matches):
    from withdrawal_lit.relations import _alternation

    assert bool(re.search(_alternation([typed]), text)) is matches


@pytest.mark.parametrize(
    ("term", "title", "abstract", "seen"),
    [
        # insomnia read as the sleep outcome (Sleep Initiation and Maintenance Disorders)
        ("insomnia AND opioid withdrawal", "Sleep during opioid withdrawal",
         "Sleep was poor throughout.", "present, all_roles"),
        # a hyphenated receptor subtype and pharmacokinetics read as mechanisms
        ("mitragynine AND (mu-opioid OR pharmacokinetics)",
         "Mitragynine is a partial agonist at the mu opioid receptor", "", "present, all_roles"),
        # detoxification as the condition it treats, typed side by side without AND
        ("melatonin opioid detoxification", "Melatonin for opioid detoxification", "",
         "relation"),
    ],
)  # fmt: skip
def test_explain_shows_what_the_term_was_read_as(term, title, abstract, seen):
    from withdrawal_lit.relations import for_query

    assert seen in for_query(adhoc(term)).explain(title, abstract)
