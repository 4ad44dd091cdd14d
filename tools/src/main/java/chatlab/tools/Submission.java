package chatlab.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A student's work: a folder (a student edition, or a clone of one) and whose it is. */
record Submission(String student, Path folder) {
    /**
     * A folder as it is, or a git repository (a URL, or a path ending in .git) cloned into
     * {@code scratch} first.
     */
    static Submission of(String where, String student, Path scratch) throws IOException {
        Path folder = Path.of(where);
        boolean remote = where.contains("://") || where.startsWith("git@") || where.endsWith(".git") && !Files.isDirectory(folder.resolve("src"));
        if (remote) {
            String name = where.replaceAll("/+$", "").replaceAll("\\.git$", "");
            name = name.substring(name.lastIndexOf('/') + 1);
            Path clone = Files.createTempDirectory(scratch, "clone-");
            Processes.output(scratch, "git", "clone", "--quiet", "--depth", "1", where, clone.toString());
            return new Submission(student != null ? student : name, clone);
        }
        if (!Files.isDirectory(folder)) {
            throw new IOException("no such submission folder: " + where);
        }
        String name = folder.toAbsolutePath().normalize().getFileName().toString();
        return new Submission(student != null ? student : name, folder);
    }

    /** The student's sources of a step, if the submission has that step. */
    Path sources(Kit.Step step) {
        return step.sources(folder);
    }

    boolean has(Kit.Step step) {
        return Files.isDirectory(sources(step));
    }
}
