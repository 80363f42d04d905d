#!/usr/bin/env python3
"""Every public item of a crate has an example in its docs.

Reads the rustdoc JSON of a crate (made with
`cargo +nightly rustdoc -p CRATE --lib -- -Z unstable-options --output-format json`)
and lists the public functions, methods, types, traits, constants and
statics whose documentation holds no code block. Exit status 1 if any.

Not counted: struct fields and enum variants (their type's example covers
them), trait-impl items (documented by the trait), re-exports, and the
`*Iter` structs that strum's `EnumIter` derive generates (derive output
cannot carry our docs; `Type::all()` is the documented way to list values).

Usage: check-examples.py target/doc/CRATE.json
"""
import json
import sys

SKIP_KINDS = {"impl", "use", "struct_field", "variant", "assoc_type", "module", "primitive", "extern_crate"}


def main() -> int:
    doc = json.load(open(sys.argv[1]))
    index, paths = doc["index"], doc["paths"]
    # Items that belong to trait impls: documented by their trait.
    in_trait_impl = set()
    for item in index.values():
        impl = item.get("inner", {}).get("impl")
        if impl and impl.get("trait") is not None:
            in_trait_impl.update(str(i) for i in impl.get("items", []))
    missing, counted = [], 0
    for iid, item in index.items():
        if item.get("crate_id") != 0 or item.get("visibility") != "public" or iid in in_trait_impl:
            continue
        kind = next(iter(item["inner"])) if isinstance(item.get("inner"), dict) else item.get("inner")
        if kind in SKIP_KINDS:
            continue
        name = item.get("name") or ""
        if kind == "struct" and name.endswith("Iter") and "```" not in (item.get("docs") or ""):
            span = item.get("span") or {}
            # strum's derive output: its docs are strum's own.
            if (item.get("docs") or "").startswith("An iterator over the variants of"):
                continue
        counted += 1
        if "```" in (item.get("docs") or ""):
            continue
        span = item.get("span") or {}
        where = f"{span.get('filename', '?')}:{(span.get('begin') or [0])[0]}"
        path = "::".join(paths.get(iid, {}).get("path", [])) or name
        missing.append(f"{where}: {kind} {path}")
    for m in sorted(missing):
        print(f"no example: {m}")
    print(f"{counted - len(missing)} of {counted} public items have an example")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
