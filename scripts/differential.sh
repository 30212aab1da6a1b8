#!/usr/bin/env bash
# Compares what `dropgate x12 po`, `route`, `route --json` and `demo` print, byte for byte, between a reference
# build and this working tree, over the fixtures, the corpus (../shared/corpus) and COUNT mutated inputs (byte flips,
# truncations, segments written twice or left out): Tests/DropgateEndToEndTests/DifferentialTests.swift in its
# comparing mode. CI runs the same test on 200 mutations against its golden file, without a reference build.
#
#   scripts/differential.sh REFERENCE [COUNT]
#
# REFERENCE is a built `dropgate` executable, or a git revision: that revision is checked out, detached, in a
# temporary worktree (no branch moves) and built there (a cold build: minutes). COUNT is 3000 by default.
set -euo pipefail
cd "$(dirname "$0")/.."
reference=${1:?usage: scripts/differential.sh REFERENCE-BINARY-OR-REVISION [COUNT]}
count=${2:-3000}
if [ ! -x "$reference" ]; then
    worktree=$(mktemp -d /tmp/dropgate-reference.XXXXXX)
    git worktree add --detach "$worktree" "$reference" >/dev/null
    trap 'git worktree remove --force "$worktree"' EXIT
    swift build --package-path "$worktree" --product dropgate 2>&1 | tail -3
    reference="$worktree/.build/debug/dropgate"
fi
swift build --build-tests 2>&1 | tail -3
DROPGATE_DIFFERENTIAL_REFERENCE=$(realpath "$reference") DROPGATE_DIFFERENTIAL_COUNT=$count \
    swift test --skip-build --filter DifferentialTests
