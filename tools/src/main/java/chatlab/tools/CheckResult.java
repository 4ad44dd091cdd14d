package chatlab.tools;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One check's outcome, as the graders write it to checks.jsonl (chatlab.grading.CheckLog);
 * reason and report are empty for a check that passed.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record CheckResult(int step, int task, String taskTitle, String check, int points, boolean passed, String reason,
                   String report) {
    /** The same check, failed for a reason outside it (the code did not compile, the run was cut off). */
    CheckResult failedBecause(String why, String details) {
        return new CheckResult(step, task, taskTitle, check, points, false, why, details);
    }

    /** What identifies the check across runs. */
    String key() {
        return step + "/" + task + "/" + check;
    }

    int earned() {
        return passed ? points : 0;
    }
}
