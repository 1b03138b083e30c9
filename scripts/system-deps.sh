#!/usr/bin/env bash
# Installs the Debian packages the tests need, if any is missing (a no-op otherwise). Run by .ci/run and
# before `npm run test:vscode`, so that `npm test` works on a fresh machine as the README says.
# test:vscode runs the extension in code-server driven by Chromium (../shared/docs/real-vscode-testing.md):
# chromium for the browser; ripgrep to seed @vscode/ripgrep's download; the rest to build code-server's
# native modules (kerberos needs gssapi.h from libkrb5-dev).
set -euo pipefail
DEBIAN_PACKAGES=(chromium ripgrep libkrb5-dev python3 make g++ pkg-config)
missing=()
for p in "${DEBIAN_PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
fi
