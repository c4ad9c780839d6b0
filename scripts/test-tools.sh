#!/usr/bin/env bash
# The programs only the tests use, installed when missing: vagrant (validates the Vagrantfile),
# cloud-init (validates the cloud-config), debootstrap (the --debian-image refusal takes its real
# path), chromium (the follow page, the room and the handout are tested in a real browser, driven by
# playwright-core) and asciinema (checks a --record file). The README's test command runs this, and
# so does CI: a fresh machine gets what CI gets.
set -euo pipefail
tools=(vagrant cloud-init debootstrap chromium asciinema)
missing=()
for t in "${tools[@]}"; do command -v "$t" >/dev/null || missing+=("$t"); done
[ ${#missing[@]} -eq 0 ] && { echo "test-tools: nothing to install"; exit 0; }
install() { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; }
install "${missing[@]}" || { apt-get update -qq && install "${missing[@]}"; }
echo "test-tools: installed ${missing[*]}"
