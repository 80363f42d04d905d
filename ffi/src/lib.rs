//! C ABI for prolo-triage (work in progress).
