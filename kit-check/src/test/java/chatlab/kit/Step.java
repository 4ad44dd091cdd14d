package chatlab.kit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.NodeList;

/**
 * A step of the kit and where its pieces are, in the reactor's build output.
 *
 * @param mutants       the mutant catalogue
 * @param withoutMutant rules that no deterministic mutant can break, each with the one-line reason
 */
record Step(int number, String module, List<Mutant> mutants, Map<String, String> withoutMutant) {
    static final Path ROOT = Path.of(System.getProperty("chatlab.root", "..")).toAbsolutePath().normalize();

    String packageName() {
        return "chatlab.step" + number;
    }

    String packagePath() {
        return "chatlab/step" + number;
    }

    /** The step's numbered rules. */
    Path rules() {
        return ROOT.resolve(module).resolve("RULES.md");
    }

    /** The checks of each task, as the step's pom declares them in the property grading.checks. */
    String declaredChecks() throws Exception {
        NodeList values = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(ROOT.resolve(module).resolve("pom.xml").toFile()).getElementsByTagName("grading.checks");
        return values.getLength() == 0 ? "" : values.item(0).getTextContent();
    }

    /** The starter's classes: given code plus the TODO versions of the student's files. */
    Path starterClasses() {
        return ROOT.resolve(module).resolve("target/classes");
    }

    /** The graders. */
    Path graderClasses() {
        return ROOT.resolve(module).resolve("target/test-classes");
    }

    /** The reference versions of the student's files (all steps share one output folder). */
    static Path solutionClasses() {
        return ROOT.resolve("solutions/target/classes");
    }

    Path solutionSources() {
        return ROOT.resolve("solutions/src/main/java").resolve(packagePath());
    }

    /**
     * The alternative correct solutions: one folder each under kit-check/alternatives/stepN,
     * holding the student's files of the step (package chatlab.stepN), written without the reference.
     */
    List<Path> alternatives() throws IOException {
        return implementations("alternatives");
    }

    /**
     * Wrong programs written independently of the kit, as students might, each with one bug: one
     * folder each under kit-check/wrong-programs/stepN, with the student's files and a BUG.md whose
     * first line names the rule the bug breaks ({@code rule: R4}). Unlike mutants they were not
     * made from the reference, so they try the graders against mistakes nobody here imagined.
     */
    List<Path> wrongPrograms() throws IOException {
        return implementations("wrong-programs");
    }

    /** The rule a wrong program's BUG.md says it breaks. */
    static String brokenRule(Path wrongProgram) throws IOException {
        String first = Files.readAllLines(wrongProgram.resolve("BUG.md")).get(0).strip();
        if (!first.matches("rule: R\\d+")) {
            throw new AssertionError(wrongProgram.resolve("BUG.md") + " must begin with \"rule: R<n>\", not: " + first);
        }
        return first.substring("rule: ".length());
    }

    /**
     * The alternative solution a wrong program is made from, as the second line of its BUG.md names
     * it ({@code base: turn-wire}); its bug.diff is applied to that.
     */
    Path base(Path wrongProgram) throws IOException {
        List<String> lines = Files.readAllLines(wrongProgram.resolve("BUG.md"));
        if (lines.size() < 2 || !lines.get(1).startsWith("base:")) {
            throw new AssertionError(wrongProgram.resolve("BUG.md") + " must say on its second line which "
                    + "alternative solution the program is made from: \"base: <folder in alternatives/step"
                    + number + ">\"");
        }
        Path base = ROOT.resolve("kit-check").resolve("alternatives").resolve("step" + number)
                .resolve(lines.get(1).substring("base:".length()).strip());
        if (!Files.isDirectory(base)) {
            throw new AssertionError(wrongProgram.resolve("BUG.md") + " names a base that is not an alternative "
                    + "solution of step " + number + ": " + base);
        }
        return base;
    }

    private List<Path> implementations(String kind) throws IOException {
        Path folder = ROOT.resolve("kit-check").resolve(kind).resolve("step" + number);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> designs = Files.list(folder)) {
            return designs.filter(Files::isDirectory).sorted().toList();
        }
    }

    @Override
    public String toString() {
        return "step " + number;
    }
}
