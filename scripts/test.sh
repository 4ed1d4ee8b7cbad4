#!/usr/bin/env bash
# Lint, types, then the whole test suite. A throwaway PostgreSQL server is
# started for the store's tests when none is configured and one can be.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

$BIN/ruff check .
$BIN/ruff format --check .
$BIN/mypy

cleanup() { :; }
if [[ -z "${CHECKLIST_TEST_POSTGRES_URL:-}" ]] && initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | tail -1); then
  pgbin=$(dirname "$initdb")
  pgdir=$(mktemp -d /tmp/checklist-pg.XXXXXX)
  chown nobody "$pgdir" 2>/dev/null || true
  as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u nobody -- "$@"; else "$@"; fi; }
  as_pg "$pgbin/initdb" -D "$pgdir/data" -U checklist --auth=trust >/dev/null
  as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -o "-p 55432 -k $pgdir -c listen_addresses=127.0.0.1" -l "$pgdir/log" -w start >/dev/null
  as_pg "$pgbin/createdb" -h 127.0.0.1 -p 55432 -U checklist checklist_test
  export CHECKLIST_TEST_POSTGRES_URL="postgresql+psycopg://checklist@127.0.0.1:55432/checklist_test"
  export CHECKLIST_TEST_PG_CTL="$pgbin/pg_ctl -D $pgdir/data"
  cleanup() { as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$pgdir"; }
  echo "Started a throwaway PostgreSQL server for the tests on 127.0.0.1:55432"
fi
trap cleanup EXIT

# The load tests start twenty browsers; they run alone so that they do not starve the others.
# Nothing may skip here: every tool the tests need is installed by `make test` (tests/conftest.py).
export CHECKLIST_FAIL_ON_SKIP=1
$BIN/python -m pytest -n 2 -m "not load and not docs_images" "$@"
status=0
$BIN/python -m pytest -m load "$@" || status=$?
# Exit status 5 means no load test was selected (e.g. `scripts/test.sh tests/unit`): not a failure.
[[ $status -eq 0 || $status -eq 5 ]]
