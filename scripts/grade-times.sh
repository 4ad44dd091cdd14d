#!/usr/bin/env bash
# How fast a student's loop is (maintainers): for each step, the wall time of a warm grade of a
# finished step (`cd stepN && ../mvnw test` with the reference solution in place of the starter),
# the time of the checks themselves, and what Maven and JVM start-up add around them.
#   scripts/grade-times.sh [RUNS]     (default 3 warm runs per step; the median is shown)
# It works on a temporary copy of the kit, so the working tree is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
git ls-files -z --cached --others --exclude-standard | xargs -0 tar -cf - | tar -xf - -C "$copy"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

printf '%-22s %10s %10s %10s\n' step "wall (ms)" "tests (ms)" "outside"
for module in step1-one-to-one step2-framed step3-multithreaded step4-broadcast; do
  number=${module:4:1}
  cp "solutions/src/main/java/chatlab/step$number/"*.java "$copy/$module/src/main/java/chatlab/step$number/"
  (cd "$copy/$module" && ../mvnw test > /dev/null 2>&1) || { echo "$module: the reference does not pass"; exit 1; }
  walls=() tests=()
  for _ in $(seq 1 "$runs"); do
    started=$(date +%s%N)
    (cd "$copy/$module" && ../mvnw test > /dev/null 2>&1)
    walls+=($(( ($(date +%s%N) - started) / 1000000 )))
    tests+=($(cat "$copy/$module/target/grading/tests-millis.txt"))
  done
  wall=$(printf '%s\n' "${walls[@]}" | median)
  test=$(printf '%s\n' "${tests[@]}" | median)
  printf '%-22s %10d %10d %10d\n' "$module" "$wall" "$test" "$((wall - test))"
done
