package chatlab.step2;

import chatlab.common.ChatOptions;
import chatlab.common.Terminal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * The step 2 client: sends each typed line as a frame and prints the server's answer, until the
 * user says exit (or the input ends), the server refuses us, or the connection ends.
 */
public final class ChatClient {
    private final ChatOptions options;
    private final BufferedReader console;
    private final PrintStream out;

    /**
     * @param options the server's address, the header size and the message limit
     * @param console where the user types messages
     * @param out     where the client prompts and prints
     */
    public ChatClient(ChatOptions options, BufferedReader console, PrintStream out) {
        this.options = options;
        this.console = console;
        this.out = out;
    }

    /** Connects and chats; returns when the chat is over. Throws only if it cannot connect. */
    public void run() throws IOException {
        throw new UnsupportedOperationException("TODO(step 2): Task 4 - ChatClient.run: send frames, print the answers");
    }

    public static void main(String[] args) {
        ChatOptions options = ChatOptions.parseOrExit("ChatClient", ChatProtocol.DEFAULT_PORT, args);
        Terminal.runOrExit("chat with " + options.host() + ":" + options.port(),
                () -> new ChatClient(options, Terminal.keyboard(), Terminal.screen()).run());
    }
}
