//! Python bindings for prolo-triage (work in progress).
