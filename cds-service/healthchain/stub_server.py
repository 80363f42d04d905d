#!/usr/bin/env python3
"""Tiny stand-in for prolo-triage-cds (stdlib only), to develop and self-test client.py.

    python stub_server.py [--port 0] [--port-file F] [--capture DIR] [--bad KIND]

GET  /cds-services               discovery with service "prolo-triage" (hook patient-view)
POST /cds-services/prolo-triage  one warning card when prefetch.conditions holds
                                 ICD-10-CM M72.2 or SNOMED 202882003, else {"cards": []}
--capture DIR  writes each POST body it receives to DIR/request-N.json
--bad KIND     answer wrongly: summary (141-char summary), indicator ("bogus"),
               null ("detail": null), empty ("links": []), status (HTTP 500),
               notjson (text body)
Binds 127.0.0.1 only. Port 0 picks a free port; it is written to --port-file.
"""
import argparse
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PREFETCH = {
    "patient": "Patient/{{context.patientId}}",
    "conditions": "Condition?patient={{context.patientId}}",
    "temperature": "Observation?patient={{context.patientId}}&code=http://loinc.org|8310-5&_sort=-date&_count=1",
    "platelets": "Observation?patient={{context.patientId}}&code=http://loinc.org|777-3,http://loinc.org|26515-7&_sort=-date&_count=1",
    "medication_statements": "MedicationStatement?patient={{context.patientId}}",
    "medication_requests": "MedicationRequest?patient={{context.patientId}}",
    "allergies": "AllergyIntolerance?patient={{context.patientId}}",
    "screening": "QuestionnaireResponse?subject={{context.patientId}}",
}
DISCOVERY = {
    "services": [{
        "hook": "patient-view",
        "title": "Prolotherapy triage (stub)",
        "description": "Stub of prolo-triage-cds for the healthchain client check.",
        "id": "prolo-triage",
        "prefetch": PREFETCH,
    }]
}
PF_CODES = {("http://hl7.org/fhir/sid/icd-10-cm", "M72.2"), ("http://snomed.info/sct", "202882003")}


def has_plantar_fasciitis(prefetch: dict) -> bool:
    bundle = (prefetch or {}).get("conditions") or {}
    for entry in bundle.get("entry") or []:
        for coding in ((entry.get("resource") or {}).get("code") or {}).get("coding") or []:
            if (coding.get("system"), coding.get("code")) in PF_CODES:
                return True
    return False


def make_cards(request: dict, bad: str) -> dict:
    card = {
        "uuid": "5b0c1f0e-2a53-4d8e-9b1e-3c0d9f6c2a11",
        "summary": "Plantar fasciitis: prolotherapy may be considered (stub)",
        "indicator": "warning",
        "detail": "Stub card. Active **plantar fasciitis** found in `conditions`.",
        "source": {"label": "prolo-triage stub"},
    }
    if bad == "summary":
        card["summary"] = "x" * 141
    elif bad == "indicator":
        card["indicator"] = "bogus"
    elif bad == "null":
        card["detail"] = None
    elif bad == "empty":
        card["links"] = []
    if bad or has_plantar_fasciitis(request.get("prefetch")):
        return {"cards": [card]}
    return {"cards": []}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file", type=Path)
    ap.add_argument("--capture", type=Path)
    ap.add_argument("--bad", choices=["summary", "indicator", "null", "empty", "status", "notjson"])
    args = ap.parse_args()
    counter = {"n": 0}
    lock = threading.Lock()
    if args.capture:
        args.capture.mkdir(parents=True, exist_ok=True)

    class Handler(BaseHTTPRequestHandler):
        def _send(self, status: int, body: bytes, ctype: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            if self.path.rstrip("/") == "/cds-services":
                self._send(200, json.dumps(DISCOVERY).encode())
            else:
                self._send(404, b'{"error": "not found"}')

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.path.rstrip("/") != "/cds-services/prolo-triage":
                self._send(404, b'{"error": "not found"}')
                return
            if args.capture:
                with lock:
                    counter["n"] += 1
                    n = counter["n"]
                headers = {k: v for k, v in self.headers.items()}
                (args.capture / f"request-{n}.json").write_bytes(raw)
                (args.capture / f"request-{n}.headers.json").write_text(json.dumps(headers, indent=2))
            try:
                request = json.loads(raw)
            except ValueError:
                self._send(400, b'{"error": "bad json"}')
                return
            if args.bad == "status":
                self._send(500, b'{"error": "stub told to fail"}')
            elif args.bad == "notjson":
                self._send(200, b"cards: none", "text/plain")
            else:
                self._send(200, json.dumps(make_cards(request, args.bad)).encode())

        def log_message(self, fmt: str, *a) -> None:  # quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    port = server.server_address[1]
    if args.port_file:
        args.port_file.write_text(str(port))
    print(f"stub listening on http://127.0.0.1:{port} bad={args.bad}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
