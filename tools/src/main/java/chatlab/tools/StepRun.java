package chatlab.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One step graded in a workspace (a copy of the kit holding the student's code): what its checks said. */
final class StepRun {
    /** The most of Maven's output kept per step: a program that floods it is cut off here. */
    static final long MAX_LOG_BYTES = 4L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param checks  the checks that ran to their end
     * @param problem why checks are missing (did not compile, cut off by the time limit), or null
     * @param details the compiler's messages or the end of the log, for that problem
     */
    record Outcome(List<CheckResult> checks, String problem, String details) {
    }

    private StepRun() {
    }

    static Outcome grade(Path workspace, Kit.Step step, Duration limit) throws IOException {
        Path log = workspace.resolve("grading-" + step.folder() + ".log");
        Path jsonl = workspace.resolve(step.folder()).resolve("target/grading/checks.jsonl");
        Files.deleteIfExists(jsonl);
        Processes.Ending ending = Processes.bounded(workspace, maven(workspace, step), limit, log, MAX_LOG_BYTES);
        List<CheckResult> checks = readChecks(jsonl);
        String output = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        if (ending.timedOut()) {
            return new Outcome(checks, "cut off: the step's checks did not finish within " + describe(limit)
                    + " (a program that hangs?)", tail(output));
        }
        if (checks.isEmpty() && output.contains("COMPILATION ERROR")) {
            return new Outcome(checks, "the code does not compile", compilerMessages(output));
        }
        if (checks.isEmpty()) {
            return new Outcome(checks, "no check ran (Maven ended with status " + ending.status() + ")", tail(output));
        }
        if (ending.outputCut()) {
            return new Outcome(checks, "output cut at " + (MAX_LOG_BYTES >> 20) + " MB: the program floods its output",
                    "");
        }
        return new Outcome(checks, null, "");
    }

    private static List<String> maven(Path workspace, Kit.Step step) {
        List<String> command = Processes.mavenWrapper(workspace);
        command.addAll(List.of("--batch-mode", "--no-transfer-progress", "test", "-pl", step.folder(), "-am"));
        return command;
    }

    /** The checks of a checks.jsonl file, one per line; a last line cut mid-write (a killed run) is left out. */
    static List<CheckResult> readChecks(Path jsonl) throws IOException {
        List<CheckResult> checks = new ArrayList<>();
        if (Files.exists(jsonl)) {
            for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    try {
                        checks.add(JSON.readValue(line, CheckResult.class));
                    } catch (IOException e) {
                        // The last line of a run killed mid-write: that check did not finish.
                    }
                }
            }
        }
        return checks;
    }

    /** The compiler's own lines ("[ERROR] /path/File.java:[12,5] ';' expected"), made relative to the step. */
    static String compilerMessages(String output) {
        List<String> lines = output.lines().filter(line -> line.startsWith("[ERROR]") && line.contains(".java"))
                .map(line -> line.replaceFirst("\\[ERROR\\] \\S*?/src/main/java/", "[ERROR] src/main/java/"))
                .distinct().limit(30).toList();
        return lines.isEmpty() ? tail(output) : String.join("\n", lines);
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static String describe(Duration limit) {
        long seconds = limit.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
