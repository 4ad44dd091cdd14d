package chatlab.grading;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the port in a server's "listening on HOST:PORT" line (PROTOCOL.md: the port actually bound). */
public final class ListeningLine {
    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+):(\\d+)");

    /** How a server should announce itself, for hints. */
    public static final String EXAMPLE = "[LISTENING] Server is listening on 127.0.0.1:54321";

    private ListeningLine() {
    }

    public static OptionalInt port(String printed) {
        Matcher matcher = LISTENING.matcher(printed);
        return matcher.find() ? OptionalInt.of(Integer.parseInt(matcher.group(2))) : OptionalInt.empty();
    }
}
