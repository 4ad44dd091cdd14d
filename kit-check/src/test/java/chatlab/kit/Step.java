package chatlab.kit;

import java.nio.file.Path;
import java.util.List;

/** Where a step's pieces are, in the reactor's build output. */
record Step(int number, String module, List<Mutant> mutants) {
    static final Path ROOT = Path.of(System.getProperty("chatlab.root", "..")).toAbsolutePath().normalize();

    String packageName() {
        return "chatlab.step" + number;
    }

    String packagePath() {
        return "chatlab/step" + number;
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

    @Override
    public String toString() {
        return "step " + number;
    }
}
