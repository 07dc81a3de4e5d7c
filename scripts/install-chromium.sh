#!/usr/bin/env bash
# Debian's Chromium for the page's browser tests (tests/test_page_browser.py), when missing;
# the CJK fonts are for their screenshots. CI runs this before `make test`; as root only.
# Never fatal: without a browser those tests skip, saying so in one line.
set -uo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }; then
  echo "install-chromium: could not install chromium; the browser tests will be skipped" >&2
fi
exit 0
