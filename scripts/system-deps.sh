#!/usr/bin/env bash
# Debian packages the tests need: Chromium for the browser tests, poppler for
# reading PDFs back, PostgreSQL for the store's tests against a real server,
# nginx and openssl for the proxy test of deploy/.
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v pdftotext >/dev/null || need+=(poppler-utils)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || need+=(nginx-light)   # the proxy test (deploy/)
command -v openssl >/dev/null || need+=(openssl)            # its self-signed certificate
command -v systemd-analyze >/dev/null || need+=(systemd)     # checks deploy/checklist@.service
command -v chattr >/dev/null || need+=(e2fsprogs)   # chattr +i: the unwritable-SQLite fault test
if ((${#need[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "Please install these Debian packages first: ${need[*]}" >&2
    exit 1
  fi
  echo "Installing ${need[*]} ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
