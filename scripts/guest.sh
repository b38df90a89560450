#!/usr/bin/env bash
# guest.sh ARCH: build and boot the ARCH test guest from linux/ (the
# developer's tree) and summarise its results.
set -uo pipefail
. "$(dirname "$0")/env.sh"
results=$OUT/results-$1.tsv
: >"$results"
start=$(date +%s)
"$top/scripts/arch-run.sh" "$1" "$results"
"$top/scripts/summary.sh" "$results" "$(($(date +%s) - start))"
