#!/usr/bin/env bash
# The hardening tests (tests/hardening) pushed further than `make test` pushes them:
# SCALE times the fuzzed requests, hypothesis inputs, racing PATCH rounds, concurrent
# writes and Gemini-failure rounds, with fresh random seeds on every run (make test uses
# fixed seeds, so CI is repeatable). Needs what `make test` needs, plus Redis on
# 127.0.0.1:6379 (or the Redis tests skip).
#
#   scripts/soak_hardening.sh            # scale 10: a few minutes on 2 cores
#   scripts/soak_hardening.sh 50 -x      # further; extra arguments go to pytest
set -euo pipefail
cd "$(dirname "$0")/.."
export TICKETSVC_HARDENING_SCALE="${1:-10}"
shift || true
exec .venv/bin/pytest -q -p no:cacheprovider --durations=10 tests/hardening "$@"
