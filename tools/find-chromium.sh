#!/usr/bin/env bash
# Print the path of a system Chromium or Chrome: $CHROMIUM_PATH if set, else the first found.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] && { echo "$CHROMIUM_PATH"; exit 0; }
  echo "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable" >&2
  exit 1
fi
for name in chromium chromium-browser google-chrome google-chrome-stable; do
  if path=$(command -v "$name"); then
    echo "$path"
    exit 0
  fi
done
exit 1
