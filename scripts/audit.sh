#!/usr/bin/env bash
# Known vulnerabilities in the installed dependencies (our own editable package
# left out), from PyPI's advisory data. --strict makes a package that cannot be
# checked a failure: an audit that silently skips packages would still print
# "No known vulnerabilities found", and mean nothing.
# It needs https://pypi.org/pypi/<name>/<version>/json; a PyPI mirror that serves
# only the package index cannot answer that, and then this script fails, saying so.
set -euo pipefail
cd "$(dirname "$0")/.."
requirements=$(mktemp /tmp/checklist-audit.XXXXXX)
trap 'rm -f "$requirements"' EXIT
.venv/bin/python -m pip freeze --exclude-editable >"$requirements"
.venv/bin/pip-audit --requirement "$requirements" --no-deps --disable-pip \
  --vulnerability-service pypi --strict --progress-spinner off "$@"
