package chatlab.kit;

/**
 * A wrong implementation that students really write, made from the reference solution by one
 * textual change, and the cause a grader's failure message must name when it catches it.
 *
 * @param id          a short name, e.g. "server-never-flushes"
 * @param mistake     the mistake, as an instructor would describe it
 * @param file        the solution file to change, e.g. "ChatServer.java"
 * @param find        text that occurs exactly once in that file
 * @param replacement what it becomes
 * @param cause       text the catching grader's message must contain (case-insensitive)
 */
record Mutant(String id, String mistake, String file, String find, String replacement, String cause) {
    @Override
    public String toString() {
        return id;
    }
}
