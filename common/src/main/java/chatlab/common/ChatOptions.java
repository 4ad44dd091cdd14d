package chatlab.common;

import java.util.Set;

/**
 * Given, done: the command line of the framed steps (2 to 4), the same for the server and the
 * client: both sides must agree on the header size.
 *
 * @param host            the address to listen on, or the server's address
 * @param port            the port to listen on (0: any free one), or the server's port
 * @param headerSize      how many bytes every frame's header has
 * @param maxMessageBytes the longest message, in bytes, either side accepts
 */
public record ChatOptions(String host, int port, int headerSize, int maxMessageBytes) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_HEADER_SIZE = 1024;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 65_536;

    public static String usage(String program, int defaultPort) {
        return "usage: " + program + " [--host H] [--port P] [--header-size N] [--max-message-bytes M]\n"
                + "  --host H                 address (default 127.0.0.1)\n"
                + "  --port P                 port (default " + defaultPort + "; the server takes 0 as any free port)\n"
                + "  --header-size N          bytes in every frame's header, same on both sides (default 1024)\n"
                + "  --max-message-bytes M    longest message in bytes (default 65536)";
    }

    /** Reads the command line; throws IllegalArgumentException saying what is wrong with it. */
    public static ChatOptions parse(int defaultPort, String... args) {
        CommandLine line = CommandLine.parse(args,
                Set.of("--host", "--port", "--header-size", "--max-message-bytes"), Set.of());
        ChatOptions options = new ChatOptions(line.text("--host", DEFAULT_HOST), line.port("--port", defaultPort),
                line.atLeast("--header-size", 1, DEFAULT_HEADER_SIZE),
                line.atLeast("--max-message-bytes", 0, DEFAULT_MAX_MESSAGE_BYTES));
        int digits = String.valueOf(options.maxMessageBytes()).length();
        if (digits > options.headerSize()) {
            throw new IllegalArgumentException("--header-size " + options.headerSize() + " cannot hold a length of up to "
                    + options.maxMessageBytes() + " (" + digits + " digits)");
        }
        return options;
    }

    /** For main(): parses, or prints usage and exits (2 for a bad command line, 0 for --help). */
    public static ChatOptions parseOrExit(String program, int defaultPort, String... args) {
        return CommandLine.parseOrExit(args, usage(program, defaultPort), a -> parse(defaultPort, a));
    }
}
