package chatlab.kit;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Makes the classes of an implementation under test, to go first on the graders' class path: a
 * mutant (one solution file, changed) or an implementation of its own (its files only).
 */
final class Implementations {
    private Implementations() {
    }

    /** The solution file with the mutant's change, compiled against the rest of the solution. */
    static Path mutant(Step step, Mutant mutant) throws IOException {
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
        return compile("Mutant " + mutant.id(), List.of(sourceFile), work,
                List.of(Step.solutionClasses(), step.starterClasses()));
    }

    /**
     * An implementation of its own (an alternative solution, a wrong program): its files, compiled
     * against the starter only, so that no reference class helps it.
     */
    static Path standalone(Step step, Path design) throws IOException {
        return standalone(step, design, null);
    }

    /**
     * Compiles a design whose folder holds only some of its files: the others come from {@code base}
     * (or null: the folder holds them all).
     */
    static Path standalone(Step step, Path design, Path base) throws IOException {
        List<Path> sources = new ArrayList<>(javaFiles(design));
        if (base != null) {
            Set<Path> own = sources.stream().map(Path::getFileName).collect(Collectors.toSet());
            javaFiles(base).stream().filter(file -> !own.contains(file.getFileName())).forEach(sources::add);
        }
        return compile(design.getParent().getParent().getFileName() + "/" + design.getFileName(), sources,
                Files.createTempDirectory("implementation-" + design.getFileName() + "-"), List.of(step.starterClasses()));
    }

    private static List<Path> javaFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static Path compile(String what, List<Path> sources, Path work, List<Path> against) throws IOException {
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> classPath = new ArrayList<>();
        against.forEach(path -> classPath.add(path.toString()));
        classPath.add(System.getProperty("java.class.path"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        boolean ok = javac.getTask(errors, null, null,
                List.of("--release", "17", "-encoding", "UTF-8", "-nowarn",
                        "-cp", String.join(File.pathSeparator, classPath), "-d", classes.toString()),
                null, javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)
                        .getJavaFileObjectsFromPaths(sources)
        ).call();
        if (!ok) {
            throw new AssertionError(what + " does not compile:\n" + errors);
        }
        return classes;
    }
}
