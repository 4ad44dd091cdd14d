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
        Path folder = ROOT.resolve("kit-check/alternatives/step" + number);
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
