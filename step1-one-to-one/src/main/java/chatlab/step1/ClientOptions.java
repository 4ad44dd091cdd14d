package chatlab.step1;

import chatlab.common.CommandLine;
import java.util.Set;

/**
 * Given, done: the client's command line.
 *
 * @param host the server's address
 * @param port the server's port
 */
public record ClientOptions(String host, int port) {
    public static final String USAGE = """
            usage: ChatClient [--host H] [--port P]
              --host H   the server's address (default 127.0.0.1)
              --port P   the server's port (default 65432)""";

    /** Reads the command line; throws IllegalArgumentException saying what is wrong with it. */
    public static ClientOptions parse(String... args) {
        CommandLine line = CommandLine.parse(args, Set.of("--host", "--port"), Set.of());
        return new ClientOptions(line.text("--host", ServerOptions.DEFAULT_HOST),
                line.port("--port", ServerOptions.DEFAULT_PORT));
    }
}
