#!/usr/bin/env bash
# Gradescope runs this once, when it builds the autograder's image (Ubuntu): a JDK, then the kit's
# tools, Maven's dependencies and the list of each step's checks, so that grading a submission
# downloads nothing and builds only the student's code.
set -euo pipefail
autograder=${AUTOGRADER:-/autograder}
if ! command -v javac > /dev/null; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q openjdk-17-jdk-headless
fi
cd "$autograder/source"
chmod +x chatlab mvnw run_autograder
# Grading the kit's own starters fetches every dependency and learns the checks (tools/target/catalogue).
./chatlab grade . --steps @STEPS@ --time-limit @TIME_LIMIT@ --student warm-up --out /tmp/chatlab-warm-up > /dev/null
