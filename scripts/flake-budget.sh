#!/usr/bin/env bash
# The flake budget (maintainers): the kit check must stay green RUNS times in a row (default 10)
# while four CPU burners (`yes > /dev/null`) load the machine, and each step's graders must pass
# ROUNDS times in a row (default 50) on every alternative solution under the same load.
#   scripts/flake-budget.sh [RUNS] [ROUNDS]        e.g. scripts/flake-budget.sh 10 50
# Logs: target/flake-budget/. Stops at the first red run.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
rounds=${2:-50}
logs=target/flake-budget
mkdir -p "$logs"
burners=()
for _ in 1 2 3 4; do
  yes > /dev/null &
  burners+=($!)
done
trap 'kill "${burners[@]}" 2>/dev/null || true' EXIT
export MAVEN_ARGS="--batch-mode --no-transfer-progress"

for run in $(seq 1 "$runs"); do
  started=$(date +%s)
  if ! ./mvnw verify -Pkit-check > "$logs/kit-check-$run.log" 2>&1; then
    echo "kit check run $run of $runs: RED after $(( $(date +%s) - started )) s; see $logs/kit-check-$run.log"
    exit 1
  fi
  echo "kit check run $run of $runs: green in $(( $(date +%s) - started )) s"
done

started=$(date +%s)
if ! ./mvnw verify -Pkit-check -Dkit.alternativeRounds="$rounds" -Dtest='KitCheckTest' \
    > "$logs/alternatives.log" 2>&1; then
  echo "alternative solutions, $rounds rounds each: RED; see $logs/alternatives.log"
  exit 1
fi
echo "alternative solutions, $rounds rounds each: green in $(( $(date +%s) - started )) s"
