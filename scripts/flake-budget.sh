#!/usr/bin/env bash
# The flake budget (maintainers): the kit check must stay green RUNS times in a row (default 10)
# while four CPU burners (`yes > /dev/null`) load the machine, and each step's graders must pass
# ROUNDS times in a row (default 50) on every alternative solution under the same load.
#   scripts/flake-budget.sh [RUNS] [ROUNDS]        e.g. scripts/flake-budget.sh 10 50
# The two halves take about two and a half hours each on 2 cores; either may be 0 to run only the other (on the
# same commit, so that they add up).
# The kit check here is the kit-check module and what it needs (every grader on the solution, the
# starter, the alternatives, the mutants and the wrong programs, and the kit's own tests); the
# tools' tests, which grade whole submissions and build editions, are left to CI.
# Environment: JOBS, checks run at once inside a kit check (default 2, as in CI; more load on each);
# UNTIL, a time (`date -d` reads it, e.g. 23:05): start no run after it, and say how far it got.
# Logs: target/flake-budget/ (summary.txt has one line per run). Stops at the first red run.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
rounds=${2:-50}
jobs=${JOBS:-2}
until_epoch=$([ -n "${UNTIL:-}" ] && date -d "$UNTIL" +%s || echo 0)
logs=target/flake-budget
mkdir -p "$logs"
summary="$logs/summary.txt"
burners=()
for _ in 1 2 3 4; do
  yes > /dev/null &
  burners+=($!)
done
trap 'kill "${burners[@]}" 2>/dev/null || true' EXIT
export MAVEN_ARGS="--batch-mode --no-transfer-progress"

say() {
  echo "$*" | tee -a "$summary"
}

out_of_time() {
  [ "$until_epoch" -gt 0 ] && [ "$(date +%s)" -ge "$until_epoch" ]
}

say "flake budget of $(git rev-parse --short HEAD) from $(date -u +%FT%TZ): $runs kit checks, then $rounds rounds" \
  "per alternative; four burners, $jobs checks at once"
for run in $(seq 1 "$runs"); do
  if out_of_time; then
    say "stopped at $UNTIL: $(( run - 1 )) of $runs kit checks green in a row; the alternatives' rounds not run"
    exit 2
  fi
  started=$(date +%s)
  if ! ./mvnw verify -Pkit-check -pl kit-check -am -Dkit.jobs="$jobs" > "$logs/kit-check-$run.log" 2>&1; then
    say "kit check run $run of $runs: RED after $(( $(date +%s) - started )) s; see $logs/kit-check-$run.log"
    exit 1
  fi
  say "kit check run $run of $runs: green in $(( $(date +%s) - started )) s"
done

if [ "$rounds" -eq 0 ]; then
  say "the alternatives' rounds not asked for (ROUNDS 0)"
  exit 0
fi
if out_of_time; then
  say "stopped at $UNTIL: $runs kit checks green in a row; the alternatives' rounds not run"
  exit 2
fi
started=$(date +%s)
if ! ./mvnw verify -Pkit-check -pl kit-check -am -Dkit.jobs="$jobs" -Dkit.mutants=false \
    -Dkit.only="alternative solution" -Dkit.alternativeRounds="$rounds" -Dkit.forkTimeout=$(( 600 + rounds * 360 )) -Dtest=KitCheckTest \
    -Dsurefire.failIfNoSpecifiedTests=false > "$logs/alternatives.log" 2>&1; then
  say "alternative solutions, $rounds rounds each: RED after $(( $(date +%s) - started )) s; see $logs/alternatives.log"
  exit 1
fi
say "alternative solutions, $rounds rounds each: green in $(( $(date +%s) - started )) s"
