"""Registered trials: the typed record parsed from a ClinicalTrials.gov API v2 study (pure).

``parse_study`` reads one study object as the register returns it (``GET studies/{nctId}`` or
one element of a ``GET studies`` page) into a ``Trial``. Modules the register has no data for
are simply absent (an observational study has no phases; a field-subset record has few
modules), so every field has an empty default and nothing is invented. Dates stay as the
register gives them: ``yyyy``, ``yyyy-MM`` or ``yyyy-MM-dd``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

NCT_RE = re.compile(r"^NCT\d{8}$")
NCT_IN_TEXT_RE = re.compile(r"\bNCT\s?0*(\d{1,8})\b", re.IGNORECASE)
REPORT_TYPES = ("RESULT", "DERIVED")  # references that report the trial (BACKGROUND does not)


@dataclass(frozen=True, slots=True)
class TrialReference:
    citation: str = ""
    pmid: str | None = None
    type: str | None = None  # RESULT, DERIVED or BACKGROUND


@dataclass(frozen=True, slots=True)
class Intervention:
    name: str
    type: str | None = None  # DRUG, BEHAVIORAL, DIETARY_SUPPLEMENT, ...


@dataclass(frozen=True, slots=True)
class Arm:
    label: str
    type: str | None = None  # EXPERIMENTAL, PLACEBO_COMPARATOR, ...
    interventions: tuple[str, ...] = ()  # "Drug: Melatonin"


@dataclass(frozen=True, slots=True)
class Outcome:
    measure: str
    time_frame: str | None = None


@dataclass(frozen=True, slots=True)
class Trial:
    nct_id: str
    brief_title: str = ""
    official_title: str | None = None
    status: str | None = None  # overallStatus: RECRUITING, COMPLETED, ...
    last_known_status: str | None = None  # when status is UNKNOWN
    why_stopped: str | None = None
    phases: tuple[str, ...] = ()  # NA, EARLY_PHASE1, PHASE1 ... PHASE4
    study_type: str | None = None  # INTERVENTIONAL, OBSERVATIONAL, EXPANDED_ACCESS
    enrollment: int | None = None
    enrollment_type: str | None = None  # ACTUAL or ESTIMATED
    start_date: str | None = None
    start_date_type: str | None = None
    primary_completion_date: str | None = None
    primary_completion_date_type: str | None = None
    completion_date: str | None = None
    completion_date_type: str | None = None
    first_posted: str | None = None
    results_first_posted: str | None = None
    last_update_posted: str | None = None
    conditions: tuple[str, ...] = ()
    interventions: tuple[Intervention, ...] = ()
    arms: tuple[Arm, ...] = ()
    primary_outcomes: tuple[Outcome, ...] = ()
    sponsor: str | None = None
    has_results: bool = False
    references: tuple[TrialReference, ...] = ()

    @property
    def url(self) -> str:
        return f"https://clinicaltrials.gov/study/{self.nct_id}"

    @property
    def report_pmids(self) -> tuple[str, ...]:
        """PMIDs the register lists as reports of this trial (RESULT or DERIVED)."""
        return tuple(
            dict.fromkeys(r.pmid for r in self.references if r.pmid and r.type in REPORT_TYPES)
        )

    @property
    def phase_label(self) -> str:
        """'PHASE1/PHASE2', 'NA', or '' for a study without phases (observational)."""
        return "/".join(self.phases)

    @property
    def start_year(self) -> int | None:
        return int(self.start_date[:4]) if self.start_date else None

    # -- serialisation (the cache keeps the raw study; this is the read model's core) -------
    def to_dict(self) -> dict:
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        for name, kind in _NESTED.items():
            data[name] = [
                {f.name: getattr(item, f.name) for f in fields(kind)} for item in data[name]
            ]
        data["phases"] = list(self.phases)
        data["conditions"] = list(self.conditions)
        data["arms"] = [
            {**arm, "interventions": list(arm["interventions"])} for arm in data["arms"]
        ]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Trial:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        for name, kind in _NESTED.items():
            values[name] = tuple(kind(**item) for item in values.get(name, ()))
        values["arms"] = tuple(
            Arm(a.label, a.type, tuple(a.interventions)) for a in values.get("arms", ())
        )
        values["phases"] = tuple(values.get("phases", ()))
        values["conditions"] = tuple(values.get("conditions", ()))
        return cls(**values)


_NESTED = {
    "interventions": Intervention,
    "arms": Arm,
    "primary_outcomes": Outcome,
    "references": TrialReference,
}


class StudyFormatError(ValueError):
    """A study object without the one thing every study has: a well-formed NCT id."""


def normalise_nct(text: str) -> str | None:
    """'nct0123456' -> 'NCT00123456' (the register's 8 digits); None if it is not an NCT id."""
    match = re.fullmatch(r"\s*NCT\s?0*(\d{1,8})\s*", text or "", re.IGNORECASE)
    if not match or int(match.group(1)) == 0:
        return None
    return f"NCT{int(match.group(1)):08d}"


def nct_ids_in_text(text: str) -> tuple[str, ...]:
    """Every NCT id written in ``text`` ("Trial registration: NCT01234567"), in order."""
    if "nct" not in (text or "").lower():  # most abstracts name none: no regex over them
        return ()
    found = (normalise_nct(f"NCT{m.group(1)}") for m in NCT_IN_TEXT_RE.finditer(text or ""))
    return tuple(dict.fromkeys(n for n in found if n))


def parse_study(study: dict) -> Trial:
    """One study object of the API v2 JSON as a Trial; StudyFormatError without an NCT id."""
    if not isinstance(study, dict):
        raise StudyFormatError("a study is not a JSON object")
    protocol = _dict(study.get("protocolSection"))
    ident = _dict(protocol.get("identificationModule"))
    nct = normalise_nct(str(ident.get("nctId") or ""))
    if nct is None:
        raise StudyFormatError(f"a study has no valid NCT id ({ident.get('nctId')!r})")
    status = _dict(protocol.get("statusModule"))
    design = _dict(protocol.get("designModule"))
    enrollment = _dict(design.get("enrollmentInfo"))
    arms_module = _dict(protocol.get("armsInterventionsModule"))
    start, start_type = _date(status, "startDateStruct")
    primary, primary_type = _date(status, "primaryCompletionDateStruct")
    completion, completion_type = _date(status, "completionDateStruct")
    count = enrollment.get("count")
    return Trial(
        nct_id=nct,
        brief_title=_str(ident.get("briefTitle")) or "",
        official_title=_str(ident.get("officialTitle")),
        status=_str(status.get("overallStatus")),
        last_known_status=_str(status.get("lastKnownStatus")),
        why_stopped=_str(status.get("whyStopped")),
        phases=_strings(design.get("phases")),
        study_type=_str(design.get("studyType")),
        enrollment=count if isinstance(count, int) and not isinstance(count, bool) else None,
        enrollment_type=_str(enrollment.get("type")),
        start_date=start,
        start_date_type=start_type,
        primary_completion_date=primary,
        primary_completion_date_type=primary_type,
        completion_date=completion,
        completion_date_type=completion_type,
        first_posted=_date(status, "studyFirstPostDateStruct")[0],
        results_first_posted=_date(status, "resultsFirstPostDateStruct")[0],
        last_update_posted=_date(status, "lastUpdatePostDateStruct")[0],
        conditions=_strings(_dict(protocol.get("conditionsModule")).get("conditions")),
        interventions=tuple(
            Intervention(name=name, type=_str(item.get("type")))
            for item in _dicts(arms_module.get("interventions"))
            if (name := _str(item.get("name")))
        ),
        arms=tuple(
            Arm(
                label=label,
                type=_str(item.get("type")),
                interventions=_strings(item.get("interventionNames")),
            )
            for item in _dicts(arms_module.get("armGroups"))
            if (label := _str(item.get("label")))
        ),
        primary_outcomes=tuple(
            Outcome(measure=measure, time_frame=_str(item.get("timeFrame")))
            for item in _dicts(_dict(protocol.get("outcomesModule")).get("primaryOutcomes"))
            if (measure := _str(item.get("measure")))
        ),
        sponsor=_str(
            _dict(_dict(protocol.get("sponsorCollaboratorsModule")).get("leadSponsor")).get("name")
        ),
        has_results=study.get("hasResults") is True or "resultsSection" in study,
        references=tuple(
            TrialReference(
                citation=_str(item.get("citation")) or "",
                pmid=_pmid(item.get("pmid")),
                type=_str(item.get("type")),
            )
            for item in _dicts(_dict(protocol.get("referencesModule")).get("references"))
        ),
    )


def last_update(study: dict) -> str | None:
    """The study's last-update posted date, read without parsing the rest."""
    status = _dict(_dict(study.get("protocolSection")).get("statusModule"))
    return _date(status, "lastUpdatePostDateStruct")[0]


def _dict(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _dicts(value: object) -> list[dict]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _str(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def _strings(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(dict.fromkeys(s for s in (_str(v) for v in value) if s))


def _date(status: dict, key: str) -> tuple[str | None, str | None]:
    struct = _dict(status.get(key))
    date = _str(struct.get("date"))
    if date is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", date):
        date = None
    return date, _str(struct.get("type"))


def _pmid(value: object) -> str | None:
    text = str(value).strip() if isinstance(value, str | int) else ""
    return text if re.fullmatch(r"[1-9]\d{0,8}", text) else None
