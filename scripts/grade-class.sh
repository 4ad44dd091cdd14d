#!/usr/bin/env bash
# How long grading a class takes (instructors, maintainers): makes COUNT submissions from the kit
# itself, each holding step 1 or every step (a third each: the reference, half done, not
# compiling), grades them with `./chatlab grade --jobs JOBS`, and prints each one's points and the
# wall time.
#   scripts/grade-class.sh [COUNT] [JOBS] [1|all]     (default: 30 submissions, 2 at a time, step 1)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-30}
jobs=${2:-2}
which=${3:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ "$which" = all ]; then modules=(step1-one-to-one step2-framed step3-multithreaded step4-broadcast); else modules=(step1-one-to-one); fi
for i in $(seq 1 "$count"); do
  folder="$work/submissions/student$(printf %02d "$i")"
  for module in "${modules[@]}"; do
    n=${module:4:1}
    mkdir -p "$folder/$module/src/main"
    cp -r "$module/src/main/java" "$folder/$module/src/main/"
    case $((i % 3)) in
      0) cp "solutions/src/main/java/chatlab/step$n/"*.java "$folder/$module/src/main/java/chatlab/step$n/" ;;
      1) # half done: the first task's file (step 3: its handler, without the server)
         case $n in 2) first=FrameCodec.java ;; 3) first=ClientHandler.java ;; *) first=ChatProtocol.java ;; esac
         cp "solutions/src/main/java/chatlab/step$n/$first" "$folder/$module/src/main/java/chatlab/step$n/" ;;
      2) sed -i 's/public void run()/public void run(/' "$folder/$module/src/main/java/chatlab/step$n/ChatServer.java" ;;
    esac
  done
done
# Builds the tools and learns each step's checks once, as a first grade does.
./chatlab grade --out "$work/warm-up" "$work/submissions/student01" > /dev/null
started=$(date +%s)
./chatlab grade --jobs "$jobs" --out "$work/results" "$work/submissions/"*
echo "$count submissions ($which), $jobs at a time: $(( $(date +%s) - started )) s"
