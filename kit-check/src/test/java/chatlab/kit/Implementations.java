package chatlab.kit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import com.github.difflib.patch.PatchFailedException;
import com.github.difflib.unifieddiff.UnifiedDiff;
import com.github.difflib.unifieddiff.UnifiedDiffFile;
import com.github.difflib.unifieddiff.UnifiedDiffReader;
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
        return compile(label(design), javaFiles(design),
                Files.createTempDirectory("implementation-" + design.getFileName() + "-"), List.of(step.starterClasses()));
    }

    /**
     * Compiles a wrong program: the alternative solution {@code base} with the program's
     * {@code bug.diff} (a unified diff, as {@code diff -u} or {@code git diff} writes it) applied.
     */
    static Path patched(Step step, Path program, Path base) throws IOException {
        Path work = Files.createTempDirectory("implementation-" + program.getFileName() + "-");
        Path sources = Files.createDirectories(work.resolve("src"));
        for (Path file : javaFiles(base)) {
            Files.copy(file, sources.resolve(file.getFileName()));
        }
        UnifiedDiff diff;
        try (InputStream in = Files.newInputStream(program.resolve("bug.diff"))) {
            diff = UnifiedDiffReader.parseUnifiedDiff(in);
        }
        for (UnifiedDiffFile change : diff.getFiles()) {
            Path target = sources.resolve(Path.of(change.getToFile()).getFileName());
            if (!Files.exists(target)) {
                throw new AssertionError(program.resolve("bug.diff") + " changes " + change.getToFile()
                        + ", which " + base + " does not have");
            }
            try {
                List<String> lines = change.getPatch().applyTo(Files.readAllLines(target, StandardCharsets.UTF_8));
                Files.write(target, lines, StandardCharsets.UTF_8);
            } catch (PatchFailedException e) {
                throw new AssertionError(program.resolve("bug.diff") + " no longer applies to " + target.getFileName()
                        + " of " + base + ": " + e.getMessage(), e);
            }
        }
        return compile(label(program), javaFiles(sources), work, List.of(step.starterClasses()));
    }

    /** How a report names a design's folder: {@code alternatives/record-codec}, {@code wrong-programs/utf8-lenient}. */
    private static String label(Path folder) {
        return folder.getParent().getParent().getFileName() + "/" + folder.getFileName();
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
