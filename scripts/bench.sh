#!/usr/bin/env bash
# The maintainers' benchmark: the kit's reference servers against the plainest correct server of
# each step (scripts/bench/*.java, run by the Java source launcher, logging nothing), in the same
# run on the same machine, under the same load from `./chatlab bench`. It prints, per
# configuration, the baseline's figure, the reference's, their ratio (reference / baseline), the
# goal and whether it is met.
#   scripts/bench.sh [RUNS]     (default 5: each ratio is the median of RUNS alternating pairs)
# Needs jq. Takes about 4 minutes on 2 cores; run it on a quiet machine (other programs' load skews
# the figures: the script warns when the machine was busy when it started). Exit status 0 when every goal is met, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
command -v jq > /dev/null || { echo "scripts/bench.sh needs jq (apt-get install jq)" >&2; exit 2; }

echo "Building the reference and the tools..." >&2
sh ./mvnw -q --batch-mode -pl solutions -am compile >&2
sh ./mvnw -q --batch-mode -pl tools -am package -DskipTests >&2
sep=':'
case "$(uname -s)" in MINGW*|MSYS*|CYGWIN*) sep=';' ;; esac
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# The reference of step N as a command, so that both servers are started the same way.
reference() {
  local folder
  folder=$(ls -d step"$1"-*)
  echo "java -cp solutions/target/classes${sep}${folder}/target/classes${sep}common/target/classes chatlab.step$1.ChatServer --port 0 $2"
}

# bench NAME SERVER-COMMAND ARGS...: one bench run; its JSON in $out/NAME.json, its report in $out/NAME.txt.
bench() {
  local name=$1 server=$2
  shift 2
  java -Dchatlab.kit="$PWD" -jar tools/target/chatlab-tools.jar bench --no-progress --json "$out/$name.json" \
    --server "$server" --label "$name" "$@" > "$out/$name.txt" 2>&1 || true
  if [ ! -f "$out/$name.json" ]; then
    echo "{\"runs\":[{\"throughput\":0,\"latencyMicros\":{\"p50\":0},\"served\":0,\"clean\":false,\"errors\":{\"first\":[\"no result\"]}}]}" > "$out/$name.json"
  fi
}

figure() { # FILE JQ-PATH
  jq -r ".runs[0]$2" "$1"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

failures=0
rows=()
notes=()

# compare ID TITLE METRIC GOAL-KIND GOAL STEP BASELINE REF-FLAGS ARGS...
#   METRIC: throughput or p50; GOAL-KIND: min-ratio (reference/baseline at least GOAL) or max-ratio (at most).
compare() {
  local id=$1 title=$2 metric=$3 kind=$4 goal=$5 step=$6 baseline=$7 flags=$8
  shift 8
  local path=".throughput" unit="/s"
  [ "$metric" = p50 ] && path=".latencyMicros.p50" unit=" us"
  local ratios=() bases=() refs=()
  for run in $(seq 1 "$runs"); do
    # Alternate who goes first: neither server always gets the warmer machine.
    if [ $((run % 2)) -eq 1 ]; then
      bench "$id-baseline-$run" "java scripts/bench/$baseline --port 0" --step "$step" "$@"
      bench "$id-reference-$run" "$(reference "$step" "$flags")" --step "$step" "$@"
    else
      bench "$id-reference-$run" "$(reference "$step" "$flags")" --step "$step" "$@"
      bench "$id-baseline-$run" "java scripts/bench/$baseline --port 0" --step "$step" "$@"
    fi
    for side in baseline reference; do
      if [ "$(figure "$out/$id-$side-$run.json" .clean)" != true ]; then
        notes+=("$title, $side, run $run: $(figure "$out/$id-$side-$run.json" '.errors.first[0] // "not every client was served"')")
      fi
    done
    local b r
    b=$(figure "$out/$id-baseline-$run.json" "$path")
    r=$(figure "$out/$id-reference-$run.json" "$path")
    bases+=("$b")
    refs+=("$r")
    ratios+=("$(awk -v r="$r" -v b="$b" 'BEGIN { printf "%.2f", (b > 0 ? r / b : 0) }')")
  done
  local b r ratio met
  b=$(printf '%s\n' "${bases[@]}" | median)
  r=$(printf '%s\n' "${refs[@]}" | median)
  ratio=$(printf '%s\n' "${ratios[@]}" | median)
  if [ "$kind" = min-ratio ]; then
    met=$(awk -v x="$ratio" -v g="$goal" 'BEGIN { print (x >= g ? "met" : "NOT MET") }')
    goal_text="ref >= ${goal}x"
  else
    met=$(awk -v x="$ratio" -v g="$goal" 'BEGIN { print (x > 0 && x <= g ? "met" : "NOT MET") }')
    goal_text="ref <= ${goal}x"
  fi
  [ "$met" = met ] || failures=$((failures + 1))
  local digits=0
  [ "$metric" = p50 ] && digits=1
  rows+=("$(awk -v t="$title" -v m="$metric$unit" -v b="$b" -v r="$r" -v x="$ratio" -v g="$goal_text" -v s="$met" \
    -v all="$(printf '%s ' "${ratios[@]}")" -v d="$digits" \
    'BEGIN { printf "%-34s %-14s %12." d "f %12." d "f %7.2f  %-16s %-8s (ratios: %s)", t, m, b, r, x, g, s, all }')")
}

# absolute ID TITLE STEP BASELINE GOAL ARGS...: the reference's throughput must reach GOAL/s.
absolute() {
  local id=$1 title=$2 step=$3 baseline=$4 goal=$5
  shift 5
  bench "$id-baseline" "java scripts/bench/$baseline --port 0" --step "$step" "$@"
  bench "$id-reference" "$(reference "$step" "")" --step "$step" "$@"
  local b r met
  b=$(figure "$out/$id-baseline.json" .throughput)
  r=$(figure "$out/$id-reference.json" .throughput)
  for side in baseline reference; do
    if [ "$(figure "$out/$id-$side.json" .clean)" != true ]; then
      notes+=("$title, $side: $(figure "$out/$id-$side.json" '.errors.first[0] // "not every member was served"')")
    fi
  done
  met=$(awk -v r="$r" -v g="$goal" 'BEGIN { print (r >= g ? "met" : "NOT MET") }')
  [ "$met" = met ] || failures=$((failures + 1))
  rows+=("$(awk -v t="$title" -v b="$b" -v r="$r" -v g="$goal" -v s="$met" \
    'BEGIN { printf "%-34s %-14s %12.0f %12.0f %7.2f  %-16s %-8s (reference / goal: %.2f)", t, "deliveries/s", b, r, \
      (b > 0 ? r / b : 0), ">= " g "/s", s, r / g }')")
}

# held ID TITLE STEP BASELINE ARGS...: a thousand connections at once; every one must be served.
held() {
  local id=$1 title=$2 step=$3 baseline=$4
  shift 4
  bench "$id-baseline" "java scripts/bench/$baseline --port 0" --step "$step" "$@"
  bench "$id-reference" "$(reference "$step" "")" --step "$step" "$@"
  local b r clients met
  b=$(figure "$out/$id-baseline.json" .served)
  r=$(figure "$out/$id-reference.json" .served)
  clients=$(jq -r .clients "$out/$id-reference.json" 2> /dev/null || echo 1000)
  for side in baseline reference; do
    if [ "$(figure "$out/$id-$side.json" .clean)" != true ]; then
      notes+=("$title, $side: $(figure "$out/$id-$side.json" '.errors.first[0] // "not every client was served"')")
    fi
  done
  met=$([ "$r" = "$clients" ] && echo met || echo "NOT MET")
  [ "$met" = met ] || failures=$((failures + 1))
  local bs rs
  bs=$(figure "$out/$id-baseline.json" .connectSeconds)
  rs=$(figure "$out/$id-reference.json" .connectSeconds)
  rows+=("$(awk -v t="$title" -v b="$b" -v r="$r" -v c="$clients" -v s="$met" -v bs="$bs" -v rs="$rs" \
    -v bt="$(figure "$out/$id-baseline.json" '.serverThreads // "?"')" -v rt="$(figure "$out/$id-reference.json" '.serverThreads // "?"')" \
    'BEGIN { printf "%-34s %-14s %12s %12s %7s  %-16s %-8s (all in: baseline %.1f s, reference %.1f s; server threads %s / %s)", \
      t, "served", b "/" c, r "/" c, "", "all served", s, bs, rs, bt, rt }')")
}

started=$(date +%s)
load_before=$(cut -d' ' -f1 /proc/loadavg 2> /dev/null || echo '?')
echo "Running (about 4 minutes)..." >&2
# Steps 1 and 2 are compared in the steady state: 10,000 round trips of warm-up let the JIT compile
# both servers' paths (the reference's longer one takes longer to compile, and is not what is measured).
compare step1 "step 1, round trip, 1 client" p50 max-ratio 1.3 1 Step1Baseline.java --auto \
  --messages 10000 --warmup 10000
compare step2 "step 2, round trip, 1 client" p50 max-ratio 1.3 2 Step2Baseline.java "" \
  --messages 10000 --warmup 10000
compare step3-10 "step 3, 10 clients" throughput min-ratio 0.8 3 Step3Baseline.java "" \
  --clients 10 --messages 5000 --warmup 5000
compare step3-50 "step 3, 50 clients" throughput min-ratio 0.8 3 Step3Baseline.java "" \
  --clients 50 --messages 2000 --warmup 5000
absolute step4-50 "step 4, 50 members" 4 "Step4Baseline.java --nodelay" 100000 \
  --clients 50 --messages 200 --warmup 2000 --timeout 60
held step3-1000 "step 3, 1,000 clients at once" 3 Step3Baseline.java --clients 1000 --messages 1 --warmup 0
held step4-1000 "step 4, 1,000 members at once" 4 "Step4Baseline.java --nodelay" --clients 1000 --messages 0 \
  --warmup 0 --timeout 90

echo
echo "Chat Lab benchmark: the reference against the plainest baseline, same machine, same run"
load_after=$(cut -d' ' -f1 /proc/loadavg 2> /dev/null || echo '?')
cores=$(nproc 2> /dev/null || echo '?')
echo "($cores cores, load average $load_before before and $load_after after, $(java -version 2>&1 | head -n 1), \
$runs runs per ratio, $(( $(date +%s) - started )) s)"
# The load after is mostly the thousand-connection runs' own threads; the load before is other programs'.
if awk -v l="$load_before" -v c="$cores" 'BEGIN { exit !(l + 0 > c + 0) }'; then
  echo "WARNING: other programs kept the machine busy (load above the core count): the figures are noisy."
fi
echo "Latencies in us; ratio = reference / baseline (medians of the runs)."
printf '%-34s %-14s %12s %12s %7s  %-16s %-8s\n' configuration metric baseline reference ratio goal result
for row in "${rows[@]}"; do
  echo "$row"
done
if [ "${#notes[@]}" -gt 0 ]; then
  echo
  echo "Runs that were not clean (errors, or not every client served):"
  for note in "${notes[@]}"; do
    echo "  $note"
  done
fi
echo
echo "The step 4 baseline sets TCP_NODELAY (--nodelay): without it, frames sent back to back to one member"
echo "wait for that member's delayed ACK (Nagle's algorithm), ~40 ms each."
echo "For a run's full report (histogram, errors), run it by hand, e.g."
echo "  ./chatlab bench --step 3 --clients 10 --messages 5000 --compare --label baseline \\"
echo "      --server \"java scripts/bench/Step3Baseline.java --port 0\""
[ "$failures" -eq 0 ]
