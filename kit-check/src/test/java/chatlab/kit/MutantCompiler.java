package chatlab.kit;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Makes a mutant's classes: the solution file with the mutant's change, compiled on its own. */
final class MutantCompiler {
    private MutantCompiler() {
    }

    /** Compiles the mutated file; its classes go first on the graders' class path. */
    static Path compile(Step step, Mutant mutant) throws IOException {
        Path original = step.solutionSources().resolve(mutant.file());
        String mutated = Files.readString(original, StandardCharsets.UTF_8);
        for (Mutant.Edit edit : mutant.edits()) {
            int at = mutated.indexOf(edit.find());
            if (at < 0 || mutated.indexOf(edit.find(), at + 1) >= 0) {
                throw new AssertionError("Mutant " + mutant.id() + ": its text must occur exactly once in " + original
                        + (at < 0 ? ", but it does not occur at all" : ", but it occurs more than once")
                        + ". Did the solution change? Update the catalogue.\nText: " + edit.find());
            }
            mutated = mutated.substring(0, at) + edit.replacement() + mutated.substring(at + edit.find().length());
        }

        Path work = Files.createTempDirectory("mutant-" + mutant.id() + "-");
        Path sourceFile = work.resolve("src").resolve(step.packagePath()).resolve(mutant.file());
        Files.createDirectories(sourceFile.getParent());
        Files.writeString(sourceFile, mutated, StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(work.resolve("classes"));

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        String classPath = Step.solutionClasses() + File.pathSeparator + step.starterClasses()
                + File.pathSeparator + System.getProperty("java.class.path");
        boolean ok = javac.getTask(errors, null, null,
                List.of("--release", "17", "-encoding", "UTF-8", "-nowarn", "-cp", classPath, "-d", classes.toString()),
                null, javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(sourceFile.toFile())
        ).call();
        if (!ok) {
            throw new AssertionError("Mutant " + mutant.id() + " does not compile:\n" + errors);
        }
        return classes;
    }
}
