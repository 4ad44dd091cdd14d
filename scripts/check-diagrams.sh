#!/usr/bin/env bash
# Every Mermaid diagram of the kit's Markdown must render on GitHub: this parses each one with
# mermaid's own parser under Node.js (no browser). The first run installs the pinned packages.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --prefix scripts/diagrams --no-audit --no-fund --loglevel=error > /dev/null
git ls-files -z '*.md' | xargs -0 node scripts/diagrams/check.mjs
