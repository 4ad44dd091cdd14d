package chatlab.step1;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;

/**
 * The person at a console: asked with a prompt, answers with a line worth sending. Blank lines
 * are asked again; the console's end (Ctrl-D) or a failed console means the person has left.
 */
final class Typist {
    private final BufferedReader console;
    private final PrintStream screen;

    Typist(BufferedReader console, PrintStream screen) {
        this.console = console;
        this.screen = screen;
    }

    /** A non-blank line, or empty if the console has ended. */
    Optional<String> ask(String prompt) {
        while (true) {
            screen.print(prompt);
            screen.flush();
            String line;
            try {
                line = console.readLine();
            } catch (IOException e) {
                line = null;
            }
            if (line == null) {
                screen.println();
                return Optional.empty();
            }
            if (!line.isBlank()) {
                return Optional.of(line);
            }
        }
    }

    /** A non-blank line that fits in one read, or exit once the console has ended. */
    String message(String prompt) {
        while (true) {
            String line = ask(prompt).orElse(ChatProtocol.EXIT);
            if (ChatProtocol.fits(line)) {
                return line;
            }
            screen.println(ChatProtocol.tooLong(line));
        }
    }
}
