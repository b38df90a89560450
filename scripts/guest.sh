#!/usr/bin/env bash
# guest.sh GUEST [kernel]: build and boot the test guest GUEST (guests/) from
# linux/ (the developer's tree) and summarise its results; with "kernel",
# build its kernel only (make build-GUEST).
set -uo pipefail
. "$(dirname "$0")/lib.sh"

results_init "$OUT/results-$1.tsv"
if [ "${2:-}" = kernel ]; then
	plan "building $1 kernel (ccache)" guest_kernel "$(guest_load "$1" && echo "$G_BUILD")"
else
	plan_guest guest "$1"
fi
run_plan
summary
