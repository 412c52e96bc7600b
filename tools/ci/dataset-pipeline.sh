#!/usr/bin/env bash
# The dataset pipeline CI runs (.github/workflows/dataset.yml); tools/ci/shared-cache.test.ts runs this same script on
# this machine, so the workflow is not untested YAML. See docs/playbook.md, "CI".
#
#   tools/ci/dataset-pipeline.sh [--install]
#
# NX_BASE / NX_HEAD: the commits `nx affected` compares (nrwl/nx-set-shas sets them to the last green commit and
# HEAD; default HEAD~1 and HEAD). NX_SELF_HOSTED_REMOTE_CACHE_SERVER (+ _ACCESS_TOKEN), when set, shares the Nx cache
# across machines. Exit status: nx's.
set -euo pipefail
cd "$(dirname "$0")/../.."
# In-process plugins, as `npm start` runs Nx: the one plugin is ours, and isolation costs 2-4 s per nx command here.
export NX_NO_CLOUD=true NX_DAEMON=false NX_TUI=false NX_ISOLATE_PLUGINS=false

if [[ "${1:-}" == "--install" ]]; then
  npm ci --no-audit --no-fund
fi

head="${NX_HEAD:-HEAD}"
if [[ -n "${NX_BASE:-}" ]]; then
  base="$NX_BASE"
elif git rev-parse --verify --quiet "${head}~1" >/dev/null; then
  base="${head}~1"
else
  # A first commit has no parent: compare against the empty tree, so everything counts as changed.
  base="$(git hash-object -t tree /dev/null)"
fi
echo "dataset-pipeline: affected between ${base} and ${head}; remote cache: ${NX_SELF_HOSTED_REMOTE_CACHE_SERVER:-none}"

affected="$(npx nx show projects --affected --base="$base" --head="$head" --with-target=package)"
if [[ -z "$affected" ]]; then
  echo "dataset-pipeline: no project with a package target is affected; nothing to do"
  exit 0
fi
echo "dataset-pipeline: affected: ${affected//$'\n'/, }"
npx nx affected -t package --base="$base" --head="$head" --output-style=static

manifest="data/processed/manifest.json"
if [[ ! -f "$manifest" ]]; then
  echo "dataset-pipeline: nx reported success but ${manifest} is missing" >&2
  exit 1
fi
node -e 'const m = require(process.argv[1]); const t = m.counts.total; console.log(`dataset-pipeline: packaged ${t.accepted} of ${t.records} records (${t.rejected} rejected, ${t.failed} failed) into data/processed/`)' "$PWD/$manifest"
