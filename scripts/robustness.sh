#!/usr/bin/env bash
# The reference servers under what a hostile network sends (maintainers), on their own: the step 4
# server (given code) with 1,000 clients connecting at the same instant, and out of file
# descriptors (Linux, prlimit) until they return. Step 3's are graders, run on the reference by the
# kit check: R6 (1,000 clients), R7 (descriptors), R17 (a stuck reader at shutdown).
#   scripts/robustness.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw --batch-mode --no-transfer-progress --quiet test -pl solutions -am -DskipGraders=true -DkitTests.skip=false \
  -Dtest='chatlab.step4.BurstTest,chatlab.step4.RecoveryTest' -Dsurefire.failIfNoSpecifiedTests=false
echo "The step 4 server held 1,000 simultaneous clients and recovered from running out of file descriptors."
