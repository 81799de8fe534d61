#!/usr/bin/env bash
# Make sure the system tools the tests drive are installed: a Chromium or Chrome for the browser
# tests and Lighthouse (never a browser build of Playwright's own), and a Java runtime for the Nu
# HTML checker. Installs Debian's packages where apt-get exists. Prints what it found.
set -euo pipefail
here=$(dirname "$0")
missing=()
"$here/find-chromium.sh" >/dev/null || missing+=(chromium)
command -v java >/dev/null || missing+=(default-jre-headless)
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    echo "Missing: ${missing[*]}. Install them (or set CHROMIUM_PATH to a Chromium or Chrome)" >&2
    exit 1
  fi
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing Debian's ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
echo "Browser for tests: $("$here/find-chromium.sh")"
echo "Java for the HTML checker: $(java -version 2>&1 | head -1)"
