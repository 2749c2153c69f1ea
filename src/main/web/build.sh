#!/usr/bin/env bash
# Builds the playground (target/playground) from the compiler TeaVM wrote (target/teavm) and the page's
# sources here; run by Maven's package phase (the profile "playground" in pom.xml).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
web="$root/src/main/web"
packages="$root/target/web-packages"
# Node.js and npm from Debian when the machine lacks them (the build runs as root on the build machine, as the
# tests that install Chromium do).
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "cnnc playground: installing Debian's nodejs and npm" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm >/dev/null
fi
mkdir -p "$packages"
# the packages package-lock.json pins, installed again only when it changes
if ! cmp -s "$web/package-lock.json" "$packages/package-lock.json" || [ ! -d "$packages/node_modules" ]; then
  cp "$web/package.json" "$web/package-lock.json" "$packages/"
  (cd "$packages" && npm ci --no-audit --no-fund --loglevel=error)
fi
node "$web/build.mjs" "$packages/node_modules" "$root/target/teavm" "$root/samples" "$root/target/playground"
