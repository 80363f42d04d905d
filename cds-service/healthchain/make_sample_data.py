#!/usr/bin/env python3
"""Write small sample prefetch files into DIR (self-test data, not the service fixtures).

  prefetch-plantar-fasciitis.json  a prefetch object: all 8 keys, Patient + a
                                   searchset Bundle with an active M72.2 Condition,
                                   the rest null
  bundle-plantar-fasciitis.json    a bare FHIR collection Bundle (Patient + Condition);
                                   client.py turns it into a prefetch object
"""
import json
import sys
from pathlib import Path

PATIENT = {
    "resourceType": "Patient",
    "id": "pf-1",
    "gender": "female",
    "birthDate": "1970-05-01",
}
CONDITION = {
    "resourceType": "Condition",
    "id": "pf-cond-1",
    "clinicalStatus": {"coding": [{
        "system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
        "code": "active"}]},
    "verificationStatus": {"coding": [{
        "system": "http://terminology.hl7.org/CodeSystem/condition-ver-status",
        "code": "confirmed"}]},
    "code": {"coding": [{
        "system": "http://hl7.org/fhir/sid/icd-10-cm",
        "code": "M72.2",
        "display": "Plantar fascial fibromatosis"}]},
    "subject": {"reference": "Patient/pf-1"},
    "onsetDateTime": "2026-06-01",
}


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    prefetch = {
        "patient": PATIENT,
        "conditions": {
            "resourceType": "Bundle",
            "type": "searchset",
            "total": 1,
            "entry": [{"fullUrl": "http://example.org/fhir/Condition/pf-cond-1",
                       "resource": CONDITION}],
        },
        "temperature": None,
        "platelets": None,
        "medication_statements": None,
        "medication_requests": None,
        "allergies": None,
        "screening": None,
    }
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"fullUrl": "urn:uuid:6f1c0a52-0000-4000-8000-000000000001", "resource": PATIENT},
                  {"fullUrl": "urn:uuid:6f1c0a52-0000-4000-8000-000000000002", "resource": CONDITION}],
    }
    (out / "prefetch-plantar-fasciitis.json").write_text(json.dumps(prefetch, indent=2))
    (out / "bundle-plantar-fasciitis.json").write_text(json.dumps(bundle, indent=2))


if __name__ == "__main__":
    main()
