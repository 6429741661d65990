"""A fake ClinicalTrials.gov API v2 on 127.0.0.1 for the tests and the benchmarks.

It answers ``GET /api/v2/studies`` (query.term in a small Essie subset, filter.advanced with
``AREA[Field]RANGE[low,high]``, filter.ids, fields, pageSize cut to 1,000, opaque page tokens,
countTotal on the first page only, unknown parameters refused with 400),
``GET /api/v2/studies/{nctId}`` (400 for a malformed id, 404 for an unknown one, as plain
text, the bodies the real register sends) and ``GET /api/v2/version``. Studies are either
generated (``add_study``) in the register's JSON shape, or real records and pages from
../shared/realdata/ctgov loaded by path (``add_file``, ``replay``). Faults (429 with
Retry-After, 5xx, dropped connections) are injected with ``inject``.
"""

from __future__ import annotations

import json
import re
import secrets
import threading
from dataclasses import dataclass
from datetime import date
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from fake_eutils import FakeEutils, _Reply
from fake_eutils import _Handler as EutilsHandler

KNOWN_PARAMS = {
    "format", "markupFormat", "query.cond", "query.term", "query.locn", "query.titles",
    "query.intr", "query.outc", "query.spons", "query.lead", "query.id", "query.patient",
    "filter.overallStatus", "filter.geo", "filter.ids", "filter.advanced", "filter.synonyms",
    "postFilter.overallStatus", "postFilter.geo", "postFilter.ids", "postFilter.advanced",
    "postFilter.synonyms", "aggFilters", "geoDecay", "fields", "sort", "countTotal",
    "pageSize", "pageToken",
}  # fmt: skip
FIELD_AREAS = {
    name.lower(): name
    for name in (
        "protocolSection", "hasResults", "resultsSection", "derivedSection", "documentSection",
        "annotationSection",
    )
}  # fmt: skip
FAULTS = ("429", "500", "502", "503", "reset")
NCT_PATH_RE = re.compile(r"^[Nn][Cc][Tt]0*[1-9]\d{0,7}$")
DATE_FIELDS = {"lastupdatepostdate": "lastUpdatePostDateStruct", "startdate": "startDateStruct",
               "primarycompletiondate": "primaryCompletionDateStruct",
               "completiondate": "completionDateStruct"}  # fmt: skip
# The register's plain-text refusals; the real bodies are read from realdata when present.
REAL_ERRORS = {
    "bad_nct": ("error_400_study_bad_nctid.txt", "Parameter `nctId` has incorrect format"),
    "unknown_nct": ("error_404_study_unknown_nctid.txt", "NCT number NCT99999999 not found"),
    "bad_ids": (
        "error_400_search_bad_filter_ids.txt",
        "Item 1 in parameter `filter.ids` has incorrect format",
    ),
}


def study_json(
    nct: str,
    title: str,
    *,
    status: str = "RECRUITING",
    phases: tuple[str, ...] = ("PHASE2",),
    study_type: str = "INTERVENTIONAL",
    conditions: tuple[str, ...] = ("Opioid Withdrawal",),
    interventions: tuple[tuple[str, str], ...] = (("DRUG", "Melatonin"),),
    summary: str = "",
    enrollment: int | None = 60,
    enrollment_type: str = "ESTIMATED",
    start: str | None = "2023-01-15",
    primary_completion: str | None = "2025-06-30",
    completion: str | None = "2025-12-31",
    date_type: str = "ESTIMATED",
    first_posted: str = "2022-12-01",
    last_update: str = "2024-01-10",
    has_results: bool = False,
    results_posted: str | None = None,
    references: tuple[tuple[str, str], ...] = (),  # (pmid, RESULT|DERIVED|BACKGROUND)
    sponsor: str = "Example University",
    official_title: str | None = None,
) -> dict:
    """A study object shaped as API v2 returns one (modules without data left out)."""
    status_module: dict = {"overallStatus": status}
    for key, value in (
        ("startDateStruct", start),
        ("primaryCompletionDateStruct", primary_completion),
        ("completionDateStruct", completion),
    ):
        if value:
            status_module[key] = {"date": value, "type": date_type}
    status_module["studyFirstPostDateStruct"] = {"date": first_posted, "type": "ACTUAL"}
    if has_results:
        status_module["resultsFirstPostDateStruct"] = {
            "date": results_posted or last_update,
            "type": "ACTUAL",
        }
    status_module["lastUpdatePostDateStruct"] = {"date": last_update, "type": "ACTUAL"}
    design: dict = {"studyType": study_type}
    if study_type == "INTERVENTIONAL":
        design["phases"] = list(phases)
    if enrollment is not None:
        design["enrollmentInfo"] = {"count": enrollment, "type": enrollment_type}
    names = [f"{kind.title().replace('_', ' ')}: {name}" for kind, name in interventions]
    protocol = {
        "identificationModule": {"nctId": nct, "briefTitle": title},
        "statusModule": status_module,
        "sponsorCollaboratorsModule": {"leadSponsor": {"name": sponsor, "class": "OTHER"}},
        "descriptionModule": {"briefSummary": summary or title},
        "conditionsModule": {"conditions": list(conditions)},
        "designModule": design,
        "armsInterventionsModule": {
            "armGroups": [
                {"label": "Active", "type": "EXPERIMENTAL", "interventionNames": names},
                {"label": "Control", "type": "PLACEBO_COMPARATOR", "interventionNames": []},
            ],
            "interventions": [{"type": kind, "name": name} for kind, name in interventions],
        },
        "outcomesModule": {
            "primaryOutcomes": [{"measure": "Withdrawal severity (COWS)", "timeFrame": "14 days"}]
        },
    }
    if official_title:
        protocol["identificationModule"]["officialTitle"] = official_title
    if references:
        protocol["referencesModule"] = {
            "references": [
                {"pmid": pmid, "type": kind, "citation": f"Citation of PMID {pmid}."}
                for pmid, kind in references
            ]
        }
    study: dict = {"protocolSection": protocol}
    if has_results:
        study["resultsSection"] = {"participantFlowModule": {"recruitmentDetails": "as planned"}}
    study["hasResults"] = has_results
    return study


@dataclass
class Seen:
    path: str
    params: dict[str, str]
    user_agent: str


class FakeCtgov(FakeEutils):
    """with FakeCtgov() as fake: settings with ctgov_url=fake.url ..."""

    def __init__(self, *, today: date | None = None, realdata: Path | None = None):
        self.studies: dict[str, dict] = {}
        self.today = today or date.today()
        self.realdata = realdata
        self.requests: list[Seen] = []
        self.faults: list[list] = []  # [kind, times, retry_after]
        self.replayed: dict[str | None, bytes] = {}
        self._tokens: dict[str, int] = {}
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    # -- lifecycle: start/stop/__enter__/__exit__ come from FakeEutils, with our handler

    @property
    def url(self) -> str:
        assert self._server is not None, "use the fake as a context manager"
        return f"http://127.0.0.1:{self._server.server_address[1]}/api/v2/"

    # -- data
    def add_study(self, nct: str, title: str, **kwargs) -> dict:
        study = study_json(nct, title, **kwargs)
        self.studies[nct] = study
        return study

    def add_file(self, path: Path) -> list[str]:
        """Real studies from a saved single-study response or search page, by path."""
        data = json.loads(Path(path).read_bytes())
        studies = data.get("studies", [data])
        ids = []
        for study in studies:
            nct = study["protocolSection"]["identificationModule"]["nctId"]
            self.studies[nct] = study
            ids.append(nct)
        return ids

    def update(self, nct: str, **changes) -> dict:
        """Change a generated study as its sponsor would: its last update is posted today."""
        study = self.studies[nct]
        protocol = study["protocolSection"]
        ident = protocol["identificationModule"]
        status = protocol["statusModule"]
        kwargs = {"title": ident["briefTitle"], "status": status["overallStatus"]}
        for key, struct_key in (("primary_completion", "primaryCompletionDateStruct"),):
            if struct_key in status:
                kwargs[key] = status[struct_key]["date"]
        refs = protocol.get("referencesModule", {}).get("references", [])
        kwargs["references"] = tuple((r["pmid"], r["type"]) for r in refs)
        kwargs["has_results"] = study.get("hasResults", False)
        kwargs.update(changes)
        kwargs["last_update"] = self.today.isoformat()
        title = kwargs.pop("title")
        return self.add_study(nct, title, **kwargs)

    def replay(self, *paths: Path) -> None:
        """Answer searches with these saved pages, verbatim: the first without a token, each
        next one for the token the previous page carried."""
        token = None
        for path in paths:
            body = Path(path).read_bytes()
            self.replayed[token] = body
            token = json.loads(body).get("nextPageToken")

    def inject(self, kind: str, times: int = 1, *, retry_after: str | None = None) -> None:
        if kind not in FAULTS:
            raise ValueError(f"unknown fault {kind!r}")
        self.faults.append([kind, times, retry_after])

    def count(self, path_part: str = "") -> int:
        return sum(1 for seen in self.requests if path_part in seen.path)

    # -- answers
    def handle(self, path: str, params: dict[str, str], seen: Seen) -> _Reply:
        with self._lock:
            self.requests.append(seen)
            if self.faults:
                fault = self.faults[0]
                fault[1] -= 1
                if fault[1] <= 0:
                    self.faults.pop(0)
                return _fault(fault[0], fault[2])
        route = path.removeprefix("/api/v2/")
        if route == "version":
            return _json({"apiVersion": "2.0.5", "dataTimestamp": f"{self.today}T09:00:06"})
        for name in params:
            if name not in KNOWN_PARAMS:
                return _text(400, f"`{name}` is unknown parameter")
        if route == "studies":
            return self._search(params)
        if route.startswith("studies/"):
            return self._study(route.removeprefix("studies/"), params)
        return _text(404, "Not Found")

    def _study(self, nct: str, params: dict[str, str]) -> _Reply:
        if not NCT_PATH_RE.match(nct):
            return _text(400, self._real_error("bad_nct"))
        key = f"NCT{int(nct[3:]):08d}"
        if key not in self.studies:
            return _text(404, self._real_error("unknown_nct").replace("NCT99999999", key))
        return _json(_fields(self.studies[key], params.get("fields")))

    def _real_error(self, which: str) -> str:
        name, fallback = REAL_ERRORS[which]
        path = (self.realdata / "ctgov" / name) if self.realdata else None
        return path.read_text(encoding="utf-8") if path and path.exists() else fallback

    def _search(self, params: dict[str, str]) -> _Reply:
        token = params.get("pageToken")
        if self.replayed:
            # Past the saved pages: an empty page, as the register's own empty answer.
            body = self.replayed.get(token, b'{"studies":[\n\n]}')
            return _Reply(200, body, "application/json")
        ids = [i.strip() for i in re.split(r"[,|]", params.get("filter.ids") or "") if i.strip()]
        for n, item in enumerate(ids, start=1):
            if not NCT_PATH_RE.match(item):
                return _text(400, self._real_error("bad_ids").replace("Item 1", f"Item {n}"))
        try:
            _matches({}, params.get("query.term"))  # a bad expression is refused even
            _advanced({}, params.get("filter.advanced"))  # when there is nothing to match
            matches = [
                nct
                for nct, study in sorted(self.studies.items())
                if _matches(study, params.get("query.term"))
                and _advanced(study, params.get("filter.advanced"))
                and _in_ids(nct, params.get("filter.ids"))
            ]
        except ValueError as exc:
            return _text(400, f"Error parsing query in Other terms: {exc}")
        size = int(params.get("pageSize") or 0) or 10
        size = min(size, 1000)
        start = 0
        if token:
            if token not in self._tokens:
                return _text(400, "Parameter `pageToken` has incorrect format")
            start = self._tokens[token]
        chunk = matches[start : start + size]
        body: dict = {"studies": [_fields(self.studies[n], params.get("fields")) for n in chunk]}
        if not token and params.get("countTotal") == "true":
            body["totalCount"] = len(matches)
        if start + size < len(matches):
            new = secrets.token_urlsafe(24)
            self._tokens[new] = start + size
            body["nextPageToken"] = new
        return _Reply(200, _raw_page(body), "application/json")


# -- helpers ---------------------------------------------------------------------------------
def _raw_page(body: dict) -> bytes:
    """The register's wire shape: each study on its own line."""
    studies = ",\n".join(json.dumps(s, separators=(",", ":")) for s in body["studies"])
    rest = {k: v for k, v in body.items() if k != "studies"}
    tail = "".join(f",{json.dumps(k)}:{json.dumps(v)}" for k, v in rest.items())
    return f'{{"studies":[\n{studies}\n]{tail}}}'.encode()


def _fields(study: dict, fields: str | None) -> dict:
    if not fields:
        return study
    names = [FIELD_AREAS.get(f.strip().lower()) for f in re.split(r"[,|]", fields)]
    if None in names:  # a leaf or piece name: the protocol it lives in
        names = [n for n in names if n] + ["protocolSection"]
    return {k: v for k, v in study.items() if k in names}


def _text_of(study: dict) -> str:
    protocol = study.get("protocolSection", {})
    parts = [json.dumps(protocol.get(m, {})) for m in (
        "identificationModule", "conditionsModule", "armsInterventionsModule",
        "descriptionModule",
    )]  # fmt: skip
    return " ".join(re.findall(r"[^\W_]+", " ".join(parts).lower()))


def _matches(study: dict, term: str | None) -> bool:
    if not term:
        return True
    text = f" {_text_of(study)} "
    return _evaluate(_tokens(term), lambda words: f" {' '.join(words)} " in text)


def _advanced(study: dict, expression: str | None) -> bool:
    if not expression:
        return True
    status = study.get("protocolSection", {}).get("statusModule", {})

    def leaf(words: list[str]) -> bool:
        raise ValueError(f"no viable alternative at input '{' '.join(words)}'")

    def area(name: str, low: str, high: str) -> bool:
        key = DATE_FIELDS.get(name.lower())
        if key is None:
            raise ValueError(f"unknown area {name}")
        value = status.get(key, {}).get("date")
        if value is None:
            return False
        return (low == "MIN" or value >= low) and (high == "MAX" or value <= high)

    return _evaluate(_tokens(expression), leaf, area)


def _in_ids(nct: str, ids: str | None) -> bool:
    return not ids or nct in {i.strip().upper() for i in re.split(r"[,|]", ids)}


_TOKEN_RE = re.compile(
    r'AREA\[(?P<area>\w+)\]RANGE\[(?P<low>[^,\]]+),\s*(?P<high>[^\]]+)\]|"(?P<phrase>[^"]*)"'
    r"|(?P<paren>[()])|(?P<word>[^\s()\"]+)"
)


def _tokens(text: str) -> list:
    out: list = []
    for m in _TOKEN_RE.finditer(text):
        if m.group("area"):
            out.append(("area", m.group("area"), m.group("low").strip(), m.group("high").strip()))
        elif m.group("phrase") is not None:
            out.append(("leaf", re.findall(r"[^\W_]+", m.group("phrase").lower())))
        elif m.group("paren"):
            out.append(m.group("paren"))
        elif m.group("word") in ("AND", "OR", "NOT"):
            out.append(m.group("word"))
        else:
            out.append(("leaf", re.findall(r"[^\W_]+", m.group("word").lower())))
    return out


def _evaluate(tokens: list, leaf, area=None) -> bool:
    """OR binds loosest, then AND (implicit between operands), NOT as AND NOT."""
    position = 0

    def operand() -> bool:
        nonlocal position
        if position >= len(tokens):
            raise ValueError("missing operand at '<EOF>'")
        token = tokens[position]
        position += 1
        if token == "(":
            value = disjunction()
            if position >= len(tokens) or tokens[position] != ")":
                raise ValueError("missing ')' at '<EOF>'")
            position += 1
            return value
        if isinstance(token, tuple) and token[0] == "leaf":
            return leaf(token[1]) if token[1] else True
        if isinstance(token, tuple) and token[0] == "area" and area is not None:
            return area(token[1], token[2], token[3])
        raise ValueError(f"no viable alternative at input '{token}'")

    def conjunction() -> bool:
        nonlocal position
        value = operand()
        while position < len(tokens) and tokens[position] not in ("OR", ")"):
            negate = tokens[position] == "NOT"
            if tokens[position] in ("AND", "NOT"):
                position += 1
            right = operand()
            value = value and (not right if negate else right)
        return value

    def disjunction() -> bool:
        nonlocal position
        value = conjunction()
        while position < len(tokens) and tokens[position] == "OR":
            position += 1
            value = conjunction() or value
        return value

    result = disjunction()
    if position != len(tokens):
        raise ValueError(f"extraneous input '{tokens[position]}'")
    return result


def _json(value: object) -> _Reply:
    return _Reply(200, json.dumps(value).encode(), "application/json")


def _text(status: int, message: str) -> _Reply:
    return _Reply(status, message.encode(), "text/plain; charset=UTF-8")


def _fault(kind: str, retry_after: str | None) -> _Reply:
    if kind == "reset":
        return _Reply(200, b'{"studies":[\n{"protocolSection":', "application/json", cut=20)
    headers = {"Retry-After": retry_after} if retry_after else {}
    text = {"429": "Too Many Requests", "500": "Internal Server Error"}.get(kind, "Bad Gateway")
    return _Reply(int(kind), text.encode(), "text/plain; charset=UTF-8", headers)


class _Handler(EutilsHandler):
    """The E-utilities fake's handler (keep-alive, abortive close for a cut reply), routed to
    the register's paths."""

    server_version = "istio-envoy"

    def do_GET(self) -> None:
        fake: FakeCtgov = self.server.fake
        parts = urlsplit(self.path)
        params = dict(parse_qsl(parts.query, keep_blank_values=True))
        seen = Seen(parts.path, params, self.headers.get("User-Agent", ""))
        self._write(fake.handle(parts.path, params, seen))

    def do_POST(self) -> None:
        self._write(_text(405, "Method Not Allowed"))


FakeCtgov.handler = _Handler
