package chatlab.step1;

import chatlab.common.CommandLine;
import java.util.Set;

/**
 * Given, done: the server's command line.
 *
 * @param host the address to listen on
 * @param port the port to listen on; 0 lets the system choose a free one
 * @param auto answer every message with {@value ChatProtocol#AUTO_REPLY} instead of asking the operator
 */
public record ServerOptions(String host, int port, boolean auto) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 65432;
    public static final String USAGE = """
            usage: ChatServer [--host H] [--port P] [--auto]
              --host H   address to listen on (default 127.0.0.1)
              --port P   port to listen on (default 65432; 0 picks a free port)
              --auto     answer every message with "Message received" instead of asking you""";

    /** Reads the command line; throws IllegalArgumentException saying what is wrong with it. */
    public static ServerOptions parse(String... args) {
        CommandLine line = CommandLine.parse(args, Set.of("--host", "--port"), Set.of("--auto"));
        return new ServerOptions(line.text("--host", DEFAULT_HOST), line.port("--port", DEFAULT_PORT), line.has("--auto"));
    }
}
