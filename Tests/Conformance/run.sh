#!/usr/bin/env bash
# Runs protobuf's conformance suite (binary + JSON, then text format) against the testee, with
# --enforce_recommended and no failure list: passes only if every test of both suites passes
# and none is skipped.
set -euo pipefail
RUNNER=$(Tests/Conformance/build-runner.sh .build/conformance)
TESTEE=${1:-.build/debug/conformance-testee}
LOG=.build/conformance/last-run.txt
"$RUNNER" --enforce_recommended "$TESTEE" > "$LOG" 2>&1 || true
grep "CONFORMANCE SUITE" "$LOG" || true
passed=$(grep -c "CONFORMANCE SUITE PASSED: [0-9]* successes, 0 skipped, 0 expected failures, 0 unexpected failures" "$LOG" || true)
if [ "$passed" != 2 ]; then
    echo "conformance: not every test passed (both suites must pass with none skipped); failures:"
    grep "ERROR, test=" "$LOG" | cut -c1-400 | head -40
    exit 1
fi
echo "conformance: every binary, JSON and text-format test passes"
