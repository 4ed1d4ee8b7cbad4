#!/usr/bin/env bash
# Known vulnerabilities in the locked dependencies (requirements.lock), from
# PyPI's advisory data. --strict makes a package that cannot be checked a
# failure: an audit that silently skips packages would still print
# "No known vulnerabilities found", and mean nothing.
# It needs https://pypi.org/pypi/<name>/<version>/json; a PyPI mirror that serves
# only the package index cannot answer that, and then this script fails, saying so.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/pip-audit --requirement requirements.lock --no-deps --disable-pip \
  --vulnerability-service pypi --strict --progress-spinner off "$@"
