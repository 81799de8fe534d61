#!/usr/bin/env bash
# Make sure a system Chromium or Chrome is installed for the browser tests; never download a
# browser build of Playwright's own. Prints the browser's path.
set -euo pipefail
here=$(dirname "$0")
if path=$("$here/find-chromium.sh"); then
  echo "Browser for tests: $path"
  exit 0
fi
if command -v apt-get >/dev/null; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "No Chromium found; installing Debian's chromium package"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
  echo "Browser for tests: $("$here/find-chromium.sh")"
else
  echo "No Chromium or Chrome found: install one, or set CHROMIUM_PATH to its executable" >&2
  exit 1
fi
