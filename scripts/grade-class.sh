#!/usr/bin/env bash
# How long grading a class takes (instructors, maintainers): makes COUNT submissions of step 1 from
# the kit itself (a third each: the reference, half done, not compiling), grades them with
# `./chatlab grade --jobs JOBS`, and prints each one's points and the wall time.
#   scripts/grade-class.sh [COUNT] [JOBS]     (default: 30 submissions, 2 at a time)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-30}
jobs=${2:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
step=step1-one-to-one
for i in $(seq 1 "$count"); do
  folder="$work/submissions/student$(printf %02d "$i")"
  mkdir -p "$folder/$step/src/main"
  cp -r "$step/src/main/java" "$folder/$step/src/main/"
  case $((i % 3)) in
    0) cp solutions/src/main/java/chatlab/step1/*.java "$folder/$step/src/main/java/chatlab/step1/" ;;
    1) cp solutions/src/main/java/chatlab/step1/ChatProtocol.java "$folder/$step/src/main/java/chatlab/step1/" ;;
    2) sed -i 's/public void run()/public void run(/' "$folder/$step/src/main/java/chatlab/step1/ChatServer.java" ;;
  esac
done
./chatlab grade --steps 1 --out "$work/warm-up" "$work/submissions/student01" > /dev/null  # builds the tools and the catalogue
started=$(date +%s)
./chatlab grade --jobs "$jobs" --out "$work/results" "$work/submissions/"*
echo "$count submissions of step 1, $jobs at a time: $(( $(date +%s) - started )) s"
