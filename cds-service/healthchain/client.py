#!/usr/bin/env python3
"""Independent CDS Hooks 2.0.1 client check for prolo-triage-cds, using PyPI healthchain.

    python client.py --url http://127.0.0.1:PORT --data DIR

Steps (any failure -> message on stderr and exit status 1):
  a. GET {url}/cds-services ourselves (healthchain never calls discovery) and
     validate it with healthchain's CDSServiceInformation model; the service
     --service-id must be listed with hook --workflow.
  b. healthchain's SandboxClient(workflow="patient-view") loads the *.json files
     of DIR and POSTs one real request per file to {url}/cds-services/{id}.
  c. Every raw response body is checked: HTTP 200, JSON, CDSResponse.model_validate,
     and the CDS Hooks null/empty rule (no null, "", [], {} anywhere except
     the top-level "cards": []). Zero responses is a failure.
  d. One line per response: file, status, number of cards, indicators, summaries.
  The last line is "healthchain-check: N passed, N failed".

How healthchain 0.16.1 builds the request (read from healthchain/sandbox/
sandboxclient.py and requestconstructors.py, and seen on the wire by stub_server.py):
  * load_from_path(path, pattern=None) takes one file or a directory
    (non-recursive Path.glob(pattern or "*")). Per file: ".json" -> one request,
    ".xml" -> CDA (SOAP only), anything else is skipped with a warning. Order is
    the directory's glob order, i.e. unsorted.
  * The parsed JSON object of a file becomes `prefetch` VERBATIM: its top-level
    keys are the prefetch keys. No FHIR parsing, no key mapping, no wrapping.
    A bare FHIR Bundle file would therefore be sent as
    prefetch = {"resourceType": ..., "type": ..., "entry": ...}: that is why this
    script turns a bare Bundle into a prefetch object first (see bundle_to_prefetch).
    `null` values inside prefetch are sent as null (exclude_none only drops
    top-level request fields).
  * hookInstance: a fresh random UUID4 per request.
  * context = PatientViewContext() with no arguments: userId is random
    "{Practitioner|PractitionerRole|Patient|RelatedPerson}/<1-5 digits>" and
    patientId is 7 random digits. Neither comes from the prefetch data, so
    context.patientId does NOT match prefetch.patient.id (use
    --align-patient-id to copy the Patient id into context, as a real EHR would).
    No encounterId.
  * fhirServer, fhirAuthorization, extension: never sent (None, dropped by
    model_dump(exclude_none=True)). No Authorization header / JWT.
  * POST with httpx json=..., so Content-Type: application/json; follow_redirects=True.
  * send_requests() swallows errors: non-2xx, timeouts and connection errors
    become {} and a body that fails CDSResponse is returned raw. So this script
    records the raw httpx responses itself (RecordingClient below) and validates
    them with CDSResponse directly.
"""
from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

import httpx
from healthchain.models import CDSResponse, CDSServiceInformation
from healthchain.models.hooks import PatientViewContext
from healthchain.sandbox import SandboxClient

# Prefetch keys of the prolo-triage service; used to turn a bare Bundle into a
# prefetch object. "patient" is a single resource, every other key a searchset
# Bundle (or null when the Bundle holds nothing for it).
LOINC = "http://loinc.org"
TEMPERATURE_CODES = {"8310-5"}
PLATELET_CODES = {"777-3", "26515-7"}
SEARCH_KEYS = {
    "conditions": lambda r: r.get("resourceType") == "Condition",
    "temperature": lambda r: _is_obs(r, TEMPERATURE_CODES),
    "platelets": lambda r: _is_obs(r, PLATELET_CODES),
    "medication_statements": lambda r: r.get("resourceType") == "MedicationStatement",
    "medication_requests": lambda r: r.get("resourceType") == "MedicationRequest",
    "allergies": lambda r: r.get("resourceType") == "AllergyIntolerance",
    "screening": lambda r: r.get("resourceType") == "QuestionnaireResponse",
}


class CheckFailed(Exception):
    pass


def _is_obs(resource: dict, codes: set[str]) -> bool:
    if resource.get("resourceType") != "Observation":
        return False
    for coding in (resource.get("code") or {}).get("coding") or []:
        if coding.get("system") == LOINC and coding.get("code") in codes:
            return True
    return False


def bundle_to_prefetch(bundle: dict) -> dict:
    """A bare FHIR Bundle (e.g. a collection of the patient's resources) ->
    {"patient": Patient, "conditions": searchset Bundle | null, ...}."""
    resources = [e["resource"] for e in bundle.get("entry") or [] if isinstance(e, dict) and e.get("resource")]
    patients = [r for r in resources if r.get("resourceType") == "Patient"]
    prefetch: dict[str, Any] = {"patient": patients[0] if patients else None}
    for key, wanted in SEARCH_KEYS.items():
        hits = [r for r in resources if wanted(r)]
        prefetch[key] = (
            {
                "resourceType": "Bundle",
                "type": "searchset",
                "total": len(hits),
                "entry": [{"fullUrl": f"{r['resourceType']}/{r.get('id', i)}", "resource": r,
                           "search": {"mode": "match"}} for i, r in enumerate(hits)],
            }
            if hits
            else None
        )
    return prefetch


def stage_data(data_dir: Path, staging: Path) -> dict[str, dict]:
    """Copy DIR/*.json into staging, turning bare Bundles into prefetch objects.
    Returns {file name: prefetch object}."""
    staged: dict[str, dict] = {}
    files = sorted(p for p in data_dir.glob("*.json") if p.is_file())
    if not files:
        raise CheckFailed(f"no *.json files in {data_dir}")
    for path in files:
        try:
            data = json.loads(path.read_text())
        except ValueError as exc:
            raise CheckFailed(f"{path}: not JSON: {exc}") from exc
        if not isinstance(data, dict):
            raise CheckFailed(f"{path}: top level must be a JSON object")
        if data.get("resourceType") == "Bundle":
            data = bundle_to_prefetch(data)
            print(f"note: {path.name} is a bare Bundle; sent as prefetch keys "
                  f"{sorted(k for k, v in data.items() if v is not None)} (others null)")
        elif "resourceType" in data:
            raise CheckFailed(f"{path}: a bare {data['resourceType']} is not a prefetch object "
                              f"(healthchain would send its fields as prefetch keys)")
        (staging / path.name).write_text(json.dumps(data))
        staged[path.name] = data
    return staged


def empty_violations(value: Any, path: str = "$") -> list[str]:
    """CDS Hooks null/empty rule: no null, "", [], {} except top-level "cards": []."""
    out: list[str] = []
    if value is None or value == "" or value == [] or value == {}:
        if not (path == "$.cards" and value == []):
            out.append(f"{path} = {json.dumps(value)}")
        return out
    if isinstance(value, dict):
        for k, v in value.items():
            out.extend(empty_violations(v, f"{path}.{k}"))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.extend(empty_violations(v, f"{path}[{i}]"))
    return out


def short(exc: Exception) -> str:
    # pydantic ValidationError or, for some healthchain validators, a bare
    # AttributeError/AssertionError (e.g. suggestions without selectionBehavior).
    return f"{type(exc).__name__}: {exc}".replace("\n", " | ")


def check_discovery(base: str, service_id: str, workflow: str, timeout: float) -> dict:
    url = f"{base}/cds-services"
    try:
        resp = httpx.get(url, timeout=timeout, headers={"Accept": "application/json"})
    except httpx.HTTPError as exc:
        raise CheckFailed(f"discovery GET {url}: {exc!r}") from exc
    if resp.status_code != 200:
        raise CheckFailed(f"discovery GET {url}: HTTP {resp.status_code}: {resp.text[:300]}")
    try:
        body = resp.json()
    except ValueError as exc:
        raise CheckFailed(f"discovery: body is not JSON: {resp.text[:300]}") from exc
    try:
        info = CDSServiceInformation.model_validate(body)
    except Exception as exc:  # noqa: BLE001
        raise CheckFailed(f"discovery: CDSServiceInformation rejects it: {short(exc)}") from exc
    bad = empty_violations(body)
    if bad:
        raise CheckFailed(f"discovery: null/empty rule broken at: {', '.join(bad)}")
    services = {s.id: s for s in info.services}
    if service_id not in services:
        raise CheckFailed(f"discovery: no service id {service_id!r} (have {sorted(services)})")
    service = services[service_id]
    if service.hook != workflow:
        raise CheckFailed(f"discovery: service {service_id!r} hook is {service.hook!r}, want {workflow!r}")
    prefetch = service.prefetch or {}
    print(f"discovery OK: {service_id} hook={service.hook} prefetch keys={sorted(prefetch)}")
    return prefetch


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--url", required=True, help="service base URL, e.g. http://127.0.0.1:8080")
    ap.add_argument("--data", required=True, type=Path, help="directory of prefetch / Bundle *.json files")
    ap.add_argument("--service-id", default="prolo-triage")
    ap.add_argument("--workflow", default="patient-view")
    ap.add_argument("--timeout", type=float, default=10.0, help="connect/write timeout per request (s)")
    ap.add_argument("--max-seconds", type=int, default=120, help="bound on sending all requests (s)")
    ap.add_argument("--align-patient-id", action="store_true",
                    help="set context.patientId to prefetch.patient.id (healthchain sends a random one)")
    ap.add_argument("--save-requests", type=Path, help="write each request body sent to this directory")
    ap.add_argument("--expect", action="append", default=[], metavar="FILE=INDICATORS",
                    help="the indicators FILE's response must carry, comma-separated ('-' for no card)")
    ap.add_argument("-v", "--verbose", action="store_true", help="show healthchain's INFO logs")
    args = ap.parse_args()

    logging.getLogger("healthchain").setLevel(logging.INFO if args.verbose else logging.WARNING)
    base = args.url.rstrip("/")
    if not args.data.is_dir():
        print(f"FAIL: --data {args.data} is not a directory", file=sys.stderr)
        return 1

    try:
        declared = check_discovery(base, args.service_id, args.workflow, args.timeout)
        with tempfile.TemporaryDirectory(prefix="hc-prefetch-") as tmp:
            staging = Path(tmp)
            staged = stage_data(args.data, staging)
            client = SandboxClient(url=f"{base}/cds-services/{args.service_id}",
                                   workflow=args.workflow, timeout=args.timeout)
            client.load_from_path(staging, pattern="*.json")
        names = match_files(client, staged)
        if args.align_patient_id:
            for req in client.requests:
                pid = ((req.prefetch or {}).get("patient") or {}).get("id")
                if pid:
                    req.context = PatientViewContext(userId=req.context.userId, patientId=pid)
        for req, name in zip(client.requests, names):
            undeclared = set(req.prefetch or {}) - set(declared)
            if undeclared:
                raise CheckFailed(f"{name}: prefetch keys {sorted(undeclared)} not declared in discovery")
        if args.save_requests:
            args.save_requests.mkdir(parents=True, exist_ok=True)
            for body, name in zip(client.get_request_data("dict"), names):
                (args.save_requests / name).write_text(json.dumps(body, indent=2))

        raw = send_and_record(client, args.max_seconds)
    except CheckFailed as exc:
        print(f"FAIL: {exc}", file=sys.stderr)
        print("healthchain-check: 0 passed, 1 failed")
        return 1

    expected = {}
    for item in args.expect:
        name, _, want = item.partition("=")
        expected[name] = want
    missing = set(expected) - set(names)
    if missing:
        print(f"FAIL: --expect names files not sent: {sorted(missing)}", file=sys.stderr)
        return 1

    passed = failed = 0
    if len(raw) != len(client.requests):
        print(f"FAIL: {len(client.requests)} requests but {len(raw)} recorded "
              f"(run with -v)", file=sys.stderr)
        failed += len(client.requests) - len(raw)
    for name, resp in zip(names, raw):
        problems = check_response(resp)
        if problems:
            failed += 1
            status = f"HTTP {resp.status_code}" if isinstance(resp, httpx.Response) else "no response"
            print(f"FAIL {name}: {status}: " + "; ".join(problems), file=sys.stderr)
            continue
        cards = resp.json()["cards"]
        indicators = ",".join(c["indicator"] for c in cards) or "-"
        if name in expected and expected[name] != indicators:
            failed += 1
            print(f"FAIL {name}: indicators [{indicators}], want [{expected[name]}]", file=sys.stderr)
            continue
        passed += 1
        summaries = " | ".join(c["summary"] for c in cards) or "-"
        print(f"ok {name}: HTTP 200, {len(cards)} card(s), indicators [{indicators}], summaries: {summaries}")
    if passed + failed == 0:
        print("FAIL: zero responses", file=sys.stderr)
        failed = 1
    print(f"healthchain-check: {passed} passed, {failed} failed")
    return 1 if failed else 0


def match_files(client: SandboxClient, staged: dict[str, dict]) -> list[str]:
    """Name each queued request by the file it came from (healthchain's glob order is unsorted)."""
    if len(client.requests) != len(staged):
        raise CheckFailed(f"healthchain queued {len(client.requests)} requests for {len(staged)} files")
    unused = dict(staged)
    names = []
    for i, req in enumerate(client.requests):
        name = next((n for n, d in unused.items() if d == req.prefetch), f"request-{i}")
        unused.pop(name, None)
        names.append(name)
    return names


class RecordingClient(httpx.Client):
    """httpx.Client that keeps every raw response healthchain receives."""

    records: list[httpx.Response | Exception] = []

    def post(self, *args: Any, **kwargs: Any) -> httpx.Response:
        try:
            resp = super().post(*args, **kwargs)
            resp.read()
        except Exception as exc:  # healthchain swallows it; we report it
            RecordingClient.records.append(exc)
            raise
        RecordingClient.records.append(resp)
        return resp


def send_and_record(client: SandboxClient, max_seconds: int) -> list[httpx.Response | Exception]:
    # healthchain sends with httpx.Timeout(timeout, read=None): no read timeout,
    # so a service that never answers would hang CI. SIGALRM bounds the whole send.
    def on_alarm(signum: int, frame: Any) -> None:
        raise CheckFailed(f"no answer within {max_seconds} s (healthchain has no read timeout)")

    RecordingClient.records = []
    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(max_seconds)
    try:
        with mock.patch.object(httpx, "Client", RecordingClient):
            client.send_requests()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    return list(RecordingClient.records)


def check_response(resp: httpx.Response | Exception) -> list[str]:
    if isinstance(resp, Exception):
        return [f"request failed: {resp!r}"]
    if resp.status_code != 200:
        return [f"status {resp.status_code} (want 200): {resp.text[:300]}"]
    try:
        body = resp.json()
    except ValueError:
        return [f"body is not JSON: {resp.text[:300]}"]
    problems = []
    if not isinstance(body, dict) or not isinstance(body.get("cards"), list):
        return [f'body has no "cards" list: {resp.text[:300]}']
    try:
        CDSResponse.model_validate(body)
    except Exception as exc:  # noqa: BLE001
        problems.append(f"CDSResponse rejects it: {short(exc)}")
    bad = empty_violations(body)
    if bad:
        problems.append(f"null/empty rule broken at: {', '.join(bad)}")
    return problems


if __name__ == "__main__":
    sys.exit(main())
