"""Concept roles: the `roles` key of query files, inferred roles of ad-hoc terms, --roles."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from withdrawal_lit.cli import cli as main
from withdrawal_lit.errors import InputError
from withdrawal_lit.queries import adhoc
from withdrawal_lit.roles import ROLES, RoleError, infer, parse_option

INT, CON, OUT, DES = "intervention", "condition", "outcome", "design"
MEC = "mechanism"

INFERRED = [
    # (term as a user types it, roles inferred for its AND-blocks; words typed side by side
    # are ANDed by PubMed and are separate blocks)
    ("kratom AND opioid withdrawal", (INT, CON, CON)),
    ("kratom opioid withdrawal", (INT, CON, CON)),
    ('kratom AND "opioid withdrawal"', (INT, CON)),
    ("kratom AND (opioid withdrawal[tiab] OR opioid use disorder[tiab])", (INT, CON)),
    ("melatonin AND (opioid withdrawal OR morphine withdrawal)", (INT, CON)),
    ("kratom AND (adverse effects OR toxicity)", (INT, OUT)),
    ('"opioid withdrawal" AND kratom', (CON, INT)),
    ('"opioid withdrawal"', (CON,)),
    ("kratom AND (dependence OR withdrawal OR adverse)", (INT, OUT)),
    ("kratom AND safety", (INT, OUT)),
    ("mitragynine AND receptor", (INT, MEC)),
    ("(mitragynine OR kratom) AND opioid receptor", (INT, MEC, MEC)),
    ("melatonin AND (pharmacokinetics OR metabolism)", (INT, MEC)),
    ("sleep AND opioid withdrawal", (OUT, CON, CON)),
    ("melatonin AND morphine", (INT, CON)),
    ('(acupuncture OR melatonin) AND "opioid withdrawal" AND randomized', (INT, CON, DES)),
    ('melatonin AND kratom AND "opioid withdrawal"', (INT, OUT, CON)),
    ("sleep AND (methadone OR buprenorphine) AND detoxification", (OUT, INT, CON)),
    ("kratom", (INT,)),
    # generic words are never the intervention
    ("opioid withdrawal treatment kratom", (CON, CON, OUT, INT)),
    ("kratom use for opioid withdrawal", (INT, OUT, CON, CON)),
    ("melatonin AND sleep AND patients", (INT, OUT, "population")),
    # a typed phrase's own words follow the phrase: "opioid" of "opioid receptor" is no disorder
    ("kratom AND (opioid receptor OR binding)", (INT, MEC)),
    ("kratom AND (opioid withdrawal OR heroin)", (INT, CON)),
    # substances named apart: a bare disorder word is theirs, not the intervention's harm
    ("melatonin AND (heroin OR morphine) AND withdrawal", (INT, CON, CON)),
    ("kratom AND withdrawal symptoms AND opioids", (INT, CON, CON, CON)),
    ("kratom AND (dependence OR withdrawal)", (INT, OUT)),  # no other substance: kratom's
    # the treating relation typed as words is not a concept the record must name
    ("kratom used to self-treat opioid withdrawal", (INT, OUT, OUT, CON, CON)),
    # words typed side by side as one phrase share its role (term_phrases)
    ("kratom AND mu opioid receptor", (INT, MEC, MEC, MEC)),
    ("melatonin opioid withdrawal", (INT, CON, CON)),
    ("kratom adverse effects", (INT, OUT, OUT)),
    ("insomnia opioid use disorder", (OUT, CON, CON, CON)),
    # the treating relation's other forms (noun, participle) are generic too
    ("kratom self-treatment opioid withdrawal", (INT, OUT, CON, CON)),
    ("kratom self-medication AND opioids", (INT, OUT, CON)),
    ("kratom to reduce opioid use", (INT, OUT, CON, OUT)),
    # a receptor named by its subtype is a mechanism, not the opioid condition (Receptors,
    # Opioid, mu), hyphenated or typed apart
    ("mitragynine AND (mu-opioid OR pharmacokinetics)", (INT, MEC)),
    ("kratom AND kappa-opioid", (INT, MEC)),
    ("kratom AND μ-opioid", (INT, MEC)),
    ("kratom AND mu opioid", (INT, MEC, MEC)),
    ("mitragynine AND bioavailability", (INT, MEC)),
    ("melatonin AND opioid", (INT, CON)),  # a bare opioid is still the condition
    # a condition named by its treatment (detoxification) or a design abbreviated
    ("melatonin RCT opioid detoxification", (INT, DES, CON, CON)),
    ("insomnia AND opioid withdrawal", (OUT, CON, CON)),
    # a harm in another form: plural, or the liver injury heading's words
    ("kratom AND overdoses", (INT, OUT)),
    ("kratom AND (liver injury OR hepatitis)", (INT, OUT)),
    # publication types and study designs (Case Reports, Surveys and Questionnaires)
    ("kratom AND case reports", (INT, DES, DES)),
    ("kratom AND survey", (INT, DES)),
    # a withdrawal syndrome by its MeSH entry term; a disorder written as one hyphenated word
    ("melatonin AND abstinence syndrome", (INT, CON, CON)),
    ("melatonin AND opioid-dependent patients", (INT, CON, "population")),
    # drug metabolism (Cytochrome P-450 Enzyme System) and analgesia are how a substance acts
    ("kratom AND cytochrome P450", (INT, MEC, MEC)),
    ("kratom AND analgesia", (INT, MEC)),
    # measure and medicine words say nothing of what is asked: never the intervention
    ("sleep quality opioid use disorder", (OUT, OUT, CON, CON, CON)),
    ("herbal medicine opioid withdrawal", (INT, OUT, CON, CON)),
    ("Mitragyna speciosa opioid withdrawal", (INT, CON, CON)),
    # inflected forms read as their base word
    ("melatonin AND sleeping", (INT, OUT)),
    ("buprenorphine AND cravings", (INT, OUT)),
    ("kratom AND systematic reviews", (INT, DES, DES)),
    ("kratom AND relapses", (INT, OUT)),
    # the animals of a study are its population; "non-pharmacological" is no mechanism
    ("melatonin AND morphine AND withdrawal AND rats", (INT, CON, CON, "population")),
    ("non-pharmacological treatment opioid withdrawal", (INT, OUT, CON, CON)),
    # a substance's disorder as one hyphenated word; sleep measured
    ("melatonin AND morphine-induced hyperalgesia", (INT, CON, OUT)),
    ("polysomnography opioid withdrawal", (OUT, CON, CON)),
    # connecting words and the treating verbs' forms are generic, never the intervention
    ("kratom related deaths", (INT, OUT, OUT)),
    ("methadone maintenance AND sleep", (INT, OUT, OUT)),
]


@pytest.mark.parametrize(("term", "roles"), INFERRED, ids=[t for t, _ in INFERRED])
def test_roles_of_a_term_are_inferred_from_its_and_blocks(term, roles):
    query = adhoc(term)
    assert query.roles == roles
    assert infer(query.concepts) == roles


def test_the_user_can_say_otherwise():
    query = adhoc('sleep AND "opioid withdrawal"', "Outcome, condition")
    assert query.roles == (OUT, CON)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("intervention", "1 roles for 2 concept groups"),
        ("intervention,condition,outcome", "3 roles for 2"),
        ("treatment,condition", "unknown role 'treatment'"),
    ],
)
def test_bad_roles_are_one_line_with_the_fix(text, fragment):
    with pytest.raises(RoleError) as caught:
        parse_option(text, 2)
    assert fragment in caught.value.problem and caught.value.fix
    with pytest.raises(InputError, match=fragment.split("'")[0]):
        adhoc('kratom AND "opioid withdrawal"', text)


def test_every_shipped_query_names_a_known_role_per_concept():
    from withdrawal_lit.query_files import load_queries
    from withdrawal_lit.settings import builtin_queries_dir

    for query in load_queries([builtin_queries_dir()]).values():
        assert len(query.roles) == len(query.concepts)
        assert set(query.roles) <= set(ROLES)


def test_roles_option_without_term_and_bad_roles_exit_with_one_line():
    runner = CliRunner()
    result = runner.invoke(main, ["search", "--offline", "--roles", "intervention"])
    assert result.exit_code != 0 and "--roles goes with --term" in result.output
    result = runner.invoke(main, ["search", "--offline", "--term", "kratom", "--roles", "x"])
    assert result.exit_code != 0 and "unknown role 'x'" in result.output
    assert "Traceback" not in result.output


def test_queries_json_lists_roles():
    result = CliRunner().invoke(main, ["queries", "kratom-opioid-withdrawal", "--json"])
    assert result.exit_code == 0, result.output
    assert '"roles": [' in result.output and '"intervention"' in result.output
