package chatlab.common;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Given, done, shared by every step: the real keyboard and screen, both UTF-8 like the wire. The programs take them as
 * plain {@link BufferedReader} and {@link PrintStream}, so the graders can hand them scripted ones.
 */
public final class Terminal {
    private Terminal() {
    }

    public static BufferedReader keyboard() {
        return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }

    public static PrintStream screen() {
        return new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    }

    /**
     * The screen for a server's log, where many threads print a line per message: a line goes to
     * a queue at once and reaches the terminal a few milliseconds later, many in one write, so that
     * logging costs a handler a copy, not a system call nor a wait for the other handlers' lines.
     * It is flushed when the program ends; flush it yourself before Runtime.halt().
     */
    public static PrintStream log() {
        return ServerLog.start();
    }

    /** What main() runs: a chat that may fail on the network. */
    public interface Program {
        void run() throws IOException;
    }

    /** Runs the program; if it cannot listen or connect, says why on stderr and exits 1. */
    public static void runOrExit(String doing, Program program) {
        try {
            program.run();
        } catch (IOException e) {
            System.err.println("[ERROR] Cannot " + doing + ": " + e.getMessage());
            System.exit(1);
        }
    }
}
