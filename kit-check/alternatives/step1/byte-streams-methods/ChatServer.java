package chatlab.step1;

import chatlab.common.CommandLine;
import chatlab.common.Terminal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The step 1 server: waits for one client, then chats turn by turn until either side says exit
 * or the client goes away. Then the program ends.
 */
public final class ChatServer {
    private final ServerOptions options;
    private final BufferedReader console;
    private final PrintStream out;

    /**
     * @param options where to listen, and whether to answer automatically
     * @param console where the operator types the answers
     * @param out     where the server logs and prompts
     */
    public ChatServer(ServerOptions options, BufferedReader console, PrintStream out) {
        this.options = options;
        this.console = console;
        this.out = out;
    }

    /** Listens, serves one chat, and returns when it is over. Throws only if it cannot listen. */
    public void run() throws IOException {
        out.println("[STARTING] Server is starting...");
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(options.host(), options.port()));
            out.println("[LISTENING] Server is listening on " + options.host() + ":" + listener.getLocalPort());
            serve(listener.accept());
        }
    }

    /** One whole chat with the client, then its socket closed, whatever happened. */
    private void serve(Socket client) {
        String who = client.getInetAddress().getHostAddress() + ":" + client.getPort();
        out.println("[NEW CONNECTION] " + who + " connected.");
        out.println("[ACTIVE CONNECTIONS] 1");
        String how;
        try (client) {
            how = chat(client.getInputStream(), client.getOutputStream());
        } catch (IOException e) {
            how = " (" + reason(e) + ")";
        }
        out.println("[DISCONNECTED] " + who + " disconnected" + how + ".");
    }

    /**
     * Turn by turn: one read is one message, answered once. Returns how the chat ended, as a note
     * for the disconnect line ("" for an ordinary end).
     */
    private String chat(InputStream in, OutputStream wire) {
        byte[] buffer = new byte[ChatProtocol.MAX_MESSAGE_BYTES];
        while (true) {
            int count;
            try {
                count = in.read(buffer);
            } catch (IOException e) {
                return " (" + reason(e) + ")";
            }
            if (count < 0) {
                return " without saying exit";
            }
            String message = ChatProtocol.decode(buffer, count);
            out.println("Client: " + LogText.of(message));
            if (ChatProtocol.isExit(message)) {
                out.println("Client ended the chat.");
                sendLast(wire, ChatProtocol.GOODBYE);
                return "";
            }
            String answer = answer();
            if (answer == null) {
                out.println("Server ended the chat.");
                sendLast(wire, ChatProtocol.EXIT);
                return "";
            }
            try {
                wire.write(ChatProtocol.encode(answer));
            } catch (IOException e) {
                return " while being answered (" + reason(e) + ")";
            }
        }
    }

    /**
     * The answer to send, or null if the server ends the chat (the operator typed exit, or the
     * console ended). Blank lines and lines too long for one read are not sent: it asks again.
     */
    private String answer() {
        if (options.auto()) {
            out.println("Server: " + ChatProtocol.AUTO_REPLY);
            return ChatProtocol.AUTO_REPLY;
        }
        while (true) {
            out.print("Server: ");
            out.flush();
            String line = typedLine();
            if (line == null) {
                out.println();
                return null;
            }
            if (ChatProtocol.isExit(line)) {
                return null;
            }
            int size = ChatProtocol.encode(line).length;
            if (size > ChatProtocol.MAX_MESSAGE_BYTES) {
                out.println("[ERROR] That answer is " + size + " bytes; the limit is "
                        + ChatProtocol.MAX_MESSAGE_BYTES + " bytes. Not sent: type a shorter one.");
            } else if (!line.isBlank()) {
                return line;
            }
        }
    }

    /** The operator's next line, or null when the console has ended (or failed). */
    private String typedLine() {
        try {
            return console.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    /** The last words of the chat: if the client has already gone, there is nobody to tell. */
    private static void sendLast(OutputStream wire, String message) {
        try {
            wire.write(ChatProtocol.encode(message));
        } catch (IOException e) {
            // Broken pipe or reset: the client closed first, which it may do after exit.
        }
    }

    private static String reason(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    public static void main(String[] args) {
        ServerOptions options = CommandLine.parseOrExit(args, ServerOptions.USAGE, ServerOptions::parse);
        Terminal.runOrExit("serve on " + options.host() + ":" + options.port(),
                () -> new ChatServer(options, Terminal.keyboard(), Terminal.screen()).run());
    }
}
