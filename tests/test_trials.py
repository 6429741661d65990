"""Parsing ClinicalTrials.gov study JSON into Trials: real records first, then edge cases."""

from __future__ import annotations

import json

import pytest
from fake_ctgov import study_json

from withdrawal_lit.trials import (
    StudyFormatError,
    Trial,
    last_update,
    nct_ids_in_text,
    normalise_nct,
    parse_study,
)


def _real(realdata, name, index=0):
    data = json.loads((realdata / "ctgov" / name).read_bytes())
    return data["studies"][index] if "studies" in data else data


# (file, expected field values) on the real responses in ../shared/realdata/ctgov
REAL = [
    (
        "study_NCT04280705_full_with_results.json",
        {
            "nct_id": "NCT04280705",
            "status": "COMPLETED",
            "phases": ("PHASE3",),
            "study_type": "INTERVENTIONAL",
            "enrollment": 1062,
            "enrollment_type": "ACTUAL",
            "start_date": "2020-02-21",
            "primary_completion_date": "2020-05-21",
            "primary_completion_date_type": "ACTUAL",
            "completion_date": "2020-05-21",
            "results_first_posted": "2020-09-25",
            "last_update_posted": "2022-03-14",
            "conditions": ("COVID-19",),
            "sponsor": "National Institute of Allergy and Infectious Diseases (NIAID)",
            "has_results": True,
        },
    ),
    (
        "search_query_id_ABC123_full_record_page.json",
        {
            "nct_id": "NCT03470298",
            "status": "UNKNOWN",
            "last_known_status": "ACTIVE_NOT_RECRUITING",
            "phases": ("NA",),
            "primary_completion_date": "2018-06-01",
            "primary_completion_date_type": "ESTIMATED",
            "enrollment": 100,
            "has_results": False,
        },
    ),
    (
        "search_raw_page1_pagesize1.json",
        {"nct_id": "NCT04006847", "status": "TERMINATED", "phases": ("PHASE1", "PHASE2")},
    ),
    ("search_raw_observational_no_phases.json", {"phases": (), "study_type": "OBSERVATIONAL"}),
    (
        "study_NCT02576665_fields_subset.json",
        {
            "nct_id": "NCT02576665",
            "status": "TERMINATED",
            "start_date": "2016-07",
            "start_date_type": None,  # the register left the type out
            "completion_date": "2019-12-20",
            "sponsor": "Tocagen Inc.",
            "enrollment": 21,
        },
    ),
]


@pytest.mark.parametrize(("name", "expected"), REAL, ids=[r[0] for r in REAL])
def test_real_study_records(realdata, name, expected):
    trial = parse_study(_real(realdata, name))
    for key, value in expected.items():
        assert getattr(trial, key) == value, key


def test_real_references_keep_pmids_and_types(realdata):
    full = parse_study(_real(realdata, "study_NCT04280705_full_with_results.json"))
    assert len(full.references) == 10
    assert {r.type for r in full.references} == {"DERIVED"}
    assert full.report_pmids[0] == "38657001" and len(full.report_pmids) == 10
    background = parse_study(_real(realdata, "search_query_id_ABC123_full_record_page.json"))
    assert [r.type for r in background.references] == ["BACKGROUND"]
    assert background.report_pmids == ()  # background literature does not report the trial


def test_real_arms_interventions_outcomes(realdata):
    trial = parse_study(_real(realdata, "study_NCT04280705_full_with_results.json"))
    assert [(a.label, a.type) for a in trial.arms] == [
        ("Placebo", "PLACEBO_COMPARATOR"),
        ("Remdesivir", "EXPERIMENTAL"),
    ]
    assert trial.arms[1].interventions == ("Drug: Remdesivir",)
    assert ("DRUG", "Remdesivir") in [(i.type, i.name) for i in trial.interventions]
    assert trial.primary_outcomes[0].measure == "Time to Recovery"
    assert trial.primary_outcomes[0].time_frame == "Day 1 through Day 29"


def test_every_study_in_every_real_page_parses(realdata):
    for path in sorted((realdata / "ctgov").glob("*.json")):
        data = json.loads(path.read_bytes())
        if "studies" not in data and "protocolSection" not in data:
            continue  # version.json
        for study in data.get("studies", [data]):
            trial = parse_study(study)
            assert trial.nct_id.startswith("NCT") and len(trial.nct_id) == 11


def test_round_trip_through_the_cache_shape(realdata):
    trial = parse_study(_real(realdata, "study_NCT04280705_full_with_results.json"))
    again = Trial.from_dict(json.loads(json.dumps(trial.to_dict())))
    assert again == trial


# -- generated and broken records -------------------------------------------------------------
@pytest.mark.parametrize(
    ("study", "problem"),
    [
        ({}, "no valid NCT id"),
        ({"protocolSection": {"identificationModule": {"nctId": "ABC"}}}, "no valid NCT id"),
        ([], "not a JSON object"),
    ],
)
def test_a_study_without_an_nct_id_is_refused(study, problem):
    with pytest.raises(StudyFormatError, match=problem):
        parse_study(study)


def test_odd_values_are_dropped_not_invented():
    study = study_json("NCT00000042", "Melatonin", enrollment=None, start=None)
    status = study["protocolSection"]["statusModule"]
    status["primaryCompletionDateStruct"] = {"date": "sometime", "type": "ESTIMATED"}
    study["protocolSection"]["designModule"]["enrollmentInfo"] = {"count": True}
    study["protocolSection"]["referencesModule"] = {
        "references": [{"pmid": "abc", "type": "RESULT"}, "junk", {"pmid": 123, "type": "RESULT"}]
    }
    trial = parse_study(study)
    assert trial.start_date is None and trial.primary_completion_date is None
    assert trial.enrollment is None
    assert trial.report_pmids == ("123",)
    assert last_update(study) == "2024-01-10"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Trial registration: NCT01234567.", ("NCT01234567",)),
        ("ClinicalTrials.gov NCT 01234567 and nct00000999", ("NCT01234567", "NCT00000999")),
        ("registered (NCT01234567; NCT01234567)", ("NCT01234567",)),
        ("NCT00000000 is not an id; ISRCTN12345678 is another register", ()),
        ("", ()),
    ],
)
def test_nct_ids_in_abstract_text(text, found):
    assert nct_ids_in_text(text) == found


@pytest.mark.parametrize(
    ("text", "nct"),
    [("NCT01234567", "NCT01234567"), ("nct1234567", "NCT01234567"), ("12345", None), ("", None)],
)
def test_normalise_nct(text, nct):
    assert normalise_nct(text) == nct
