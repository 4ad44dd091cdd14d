package chatlab.kit;

import java.util.List;

/**
 * A wrong implementation that students really write, made from the reference solution by a few
 * textual edits: the rule of the step's RULES.md it breaks, and the cause a grader's failure
 * message must name (besides that rule) when it catches it.
 *
 * @param rule    the rule it breaks, e.g. "R4"; the catching check must enforce it
 * @param id      a short name, e.g. "server-never-flushes"
 * @param mistake the mistake, as an instructor would describe it
 * @param file    the solution file to change, e.g. "ChatServer.java"
 * @param edits   the changes, applied in order; each one's text occurs exactly once in the file
 * @param cause   text the catching grader's message must contain (case-insensitive)
 */
record Mutant(String rule, String id, String mistake, String file, List<Edit> edits, String cause) {
    /** Replace {@code find}, which occurs exactly once, with {@code replacement}. */
    record Edit(String find, String replacement) {
    }

    /** A mutant of one edit. */
    Mutant(String rule, String id, String mistake, String file, String find, String replacement, String cause) {
        this(rule, id, mistake, file, List.of(new Edit(find, replacement)), cause);
    }

    @Override
    public String toString() {
        return id;
    }
}
