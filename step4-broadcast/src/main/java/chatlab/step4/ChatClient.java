package chatlab.step4;

import chatlab.common.ChatOptions;
import chatlab.common.Terminal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * The chat room client: one thread prints every frame the moment it arrives; another reads the
 * console and sends each line. The first line is the name the server asks for; exit, or the end
 * of input, leaves. It ends when the server closes the connection.
 */
public final class ChatClient {
    private final ChatOptions options;
    private final BufferedReader console;
    private final PrintStream out;

    /**
     * @param options the server's address, the header size and the message limit
     * @param console where the user types a name, then messages
     * @param out     where the client prints what arrives
     */
    public ChatClient(ChatOptions options, BufferedReader console, PrintStream out) {
        this.options = options;
        this.console = console;
        this.out = out;
    }

    /** Connects and chats; returns when the server closes the connection. Throws only if it cannot connect. */
    public void run() throws IOException {
        throw new UnsupportedOperationException("TODO(step 4): Task 5 - ChatClient.run: one thread prints arrivals, one sends typed lines");
    }

    public static void main(String[] args) {
        ChatOptions options = ChatOptions.parseOrExit("ChatClient", ChatProtocol.DEFAULT_PORT, args);
        Terminal.runOrExit("chat with " + options.host() + ":" + options.port(),
                () -> new ChatClient(options, Terminal.keyboard(), Terminal.screen()).run());
    }
}
