#!/usr/bin/env bash
# The reference servers under what a hostile network and a short machine do to them (maintainers),
# each a kit test of solutions/src/test, run on its own here (the kit check runs them too):
#   step 3 and 4, a launched server: shutdown with one stuck reader among 50 clients (the 49 told,
#     exit 0 within 2 s); out of threads (Linux, as root: a pids cgroup) until they return;
#   step 4: 1,000 clients connecting at the same instant; out of file descriptors (prlimit);
#     the name and text impersonation cases (SERVER + U+200B, fullwidth SERVER, bidi controls, ...).
# Step 3's other cases are graders, run on the reference by the kit check: R6 (1,000 clients),
# R7 (descriptors), R17 (a stuck reader at shutdown, 21 clients).
#   scripts/robustness.sh
set -euo pipefail
cd "$(dirname "$0")/.."
tests=chatlab.step3.StuckShutdownTest,chatlab.step3.ThreadRecoveryTest
tests+=,chatlab.step4.StuckShutdownTest,chatlab.step4.ThreadRecoveryTest,chatlab.step4.BurstTest
tests+=,chatlab.step4.RecoveryTest,chatlab.step4.ImpersonationTest
./mvnw --batch-mode --no-transfer-progress --quiet test -pl solutions -am -DskipGraders=true -DkitTests.skip=false \
  -Dtest="$tests" -Dsurefire.failIfNoSpecifiedTests=false
grep -h "Tests run" solutions/target/surefire-reports/*.txt
echo "The reference servers passed: $tests (a skipped test says this machine cannot impose that limit)."
