package chatlab.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * An independent measure of the graders' strength: PIT mutates each step's reference solution and
 * runs the step's graders against every mutant. Survivors that break a rule are weak graders; the
 * others are equivalent mutants, listed with a reason in {@code kit-check/pit-equivalents.tsv}.
 * At least 90% of the non-equivalent mutants of every step must be killed.
 *
 * <p>Only in the pit profile ({@code ./mvnw verify -Pkit-check,pit}): it takes long, so the plain
 * kit check does not run it. Reports: kit-check/target/pit/stepN/index.html and summary.md.
 */
class PitReport {
    private static final double TARGET = 0.90;
    private static final long STEP_LIMIT_MINUTES = 60;
    private static final Path OUT = Step.ROOT.resolve("kit-check/target/pit");

    @TestFactory
    Stream<DynamicTest> pit_kills_the_mutants_of_every_reference_solution() {
        String only = System.getProperty("kit.steps", "");
        return KitCheckTest.STEPS.stream()
                .filter(step -> only.isBlank() || List.of(only.split(",")).contains(String.valueOf(step.number())))
                .map(step -> dynamicTest(step + ": at least 90% of the non-equivalent mutants killed", () -> check(step)));
    }

    private static void check(Step step) throws Exception {
        Path report = OUT.resolve("step" + step.number());
        runPit(step, report);
        List<Equivalent> equivalents = Equivalent.load(step);
        int killed = 0;
        int equivalent = 0;
        List<String> survivors = new ArrayList<>();
        NodeList mutations = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(report.resolve("mutations.xml").toFile()).getElementsByTagName("mutation");
        for (int i = 0; i < mutations.getLength(); i++) {
            Element mutation = (Element) mutations.item(i);
            String status = mutation.getAttribute("status");
            String where = text(mutation, "mutatedClass") + "." + text(mutation, "mutatedMethod");
            String what = text(mutation, "description");
            if (!status.equals("SURVIVED") && !status.equals("NO_COVERAGE")) {
                killed++;
                continue;
            }
            // Read only for the survivors: only they are looked up among the equivalents.
            String line = sourceLine(text(mutation, "mutatedClass"), Integer.parseInt(text(mutation, "lineNumber")));
            if (equivalents.stream().anyMatch(e -> e.matches(where, what, line))) {
                equivalent++;
            } else {
                survivors.add(String.format("- %s, %s line %s: %s", status, where, text(mutation, "lineNumber"), what));
            }
        }
        int counted = killed + survivors.size();
        double score = counted == 0 ? 0 : (double) killed / counted;
        String summary = String.format("%s: %d mutants, %d killed, %d equivalent (listed), %d survived or not covered: "
                + "%.1f%% of the non-equivalent mutants killed%n%s%n", step, mutations.getLength(), killed, equivalent,
                survivors.size(), 100 * score, String.join("\n", survivors));
        Files.writeString(report.resolve("summary.md"), summary, StandardCharsets.UTF_8);
        System.out.println(summary);
        assertThat(score).as("PIT on the %s reference (report in %s):%n%s", step, report, summary)
                .isGreaterThanOrEqualTo(TARGET);
    }

    private static void runPit(Step step, Path report) throws IOException, InterruptedException {
        Files.createDirectories(report);
        List<String> classPath = new ArrayList<>(List.of(Step.solutionClasses().toString(),
                step.starterClasses().toString(), step.graderClasses().toString()));
        classPath.add(System.getProperty("java.class.path"));
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, classPath),
                "org.pitest.mutationtest.commandline.MutationCoverageReport",
                "--reportDir", report.toString(),
                "--targetClasses", step.packageName() + ".*",
                "--targetTests", step.packageName() + ".Task*",
                "--mutableCodePaths", Step.solutionClasses().toString(),
                "--sourceDirs", Step.ROOT.resolve("solutions/src/main/java").toString(),
                "--outputFormats", "XML,HTML",
                "--timestampedReports", "false",
                "--threads", "2",
                "--timeoutConst", "8000",
                "--verbosity", "QUIET_WITH_PROGRESS");
        Path log = report.resolve("pit.log");
        Process pit = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        pit.getOutputStream().close();
        if (!pit.waitFor(STEP_LIMIT_MINUTES, TimeUnit.MINUTES)) {
            pit.destroyForcibly().waitFor();
            throw new AssertionError("PIT on " + step + " took over " + STEP_LIMIT_MINUTES + " minutes; see " + log);
        }
        if (pit.exitValue() != 0 || !Files.exists(report.resolve("mutations.xml"))) {
            throw new AssertionError("PIT on " + step + " failed (exit " + pit.exitValue() + "):\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    /** The line of the reference solution that PIT mutated, as the source has it. */
    private static String sourceLine(String mutatedClass, int number) throws IOException {
        String outer = mutatedClass.replaceAll("\\$.*", "");
        Path source = Step.ROOT.resolve("solutions/src/main/java").resolve(outer.replace('.', '/') + ".java");
        List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
        return number >= 1 && number <= lines.size() ? lines.get(number - 1) : "";
    }

    private static String text(Element mutation, String tag) {
        NodeList nodes = mutation.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent();
    }

    /**
     * A row of pit-equivalents.tsv: step, Class.method, a part of PIT's description, a part of the
     * mutated source line (so that the row names one statement, wherever the line moves), the reason.
     */
    record Equivalent(String where, String what, String code, String reason) {
        boolean matches(String mutatedWhere, String description, String sourceLine) {
            return mutatedWhere.equals(where) && description.contains(what) && sourceLine.contains(code);
        }

        static List<Equivalent> load(Step step) throws IOException {
            Path file = Step.ROOT.resolve("kit-check/pit-equivalents.tsv");
            List<Equivalent> rows = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] cell = line.split("\t");
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (cell.length != 5 || cell[4].isBlank()) {
                    throw new AssertionError(file + ": each row is step, Class.method, description part, source line "
                            + "part, reason: " + line);
                }
                if (cell[0].equals(String.valueOf(step.number()))) {
                    rows.add(new Equivalent(cell[1], cell[2], cell[3], cell[4]));
                }
            }
            return rows;
        }
    }
}
