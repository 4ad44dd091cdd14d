package chatlab.step2;

import chatlab.common.ChatOptions;
import chatlab.common.Terminal;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ProtocolException;
import java.net.Socket;

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
        out.println("[STARTING] Client is starting...");
        // The limit is for what we send; answers get their own sanity bound, never less than the default.
        FrameCodec sending = new FrameCodec(options.headerSize(), options.maxMessageBytes());
        FrameCodec receiving = new FrameCodec(options.headerSize(),
                Math.max(options.maxMessageBytes(), ChatOptions.DEFAULT_MAX_MESSAGE_BYTES));
        try (Socket socket = new Socket(options.host(), options.port())) {
            out.println("[CONNECTED] Connected to server at " + options.host() + ":" + options.port());
            socket.setTcpNoDelay(true);
            chat(sending, receiving, socket.getInputStream(), socket.getOutputStream());
        }
    }

    private void chat(FrameCodec sending, FrameCodec receiving, InputStream in, OutputStream toServer) {
        try {
            while (true) {
                out.print("Enter message to send to server: ");
                out.flush();
                String line = console.readLine();
                if (line == null) {
                    out.println();
                    line = ChatProtocol.EXIT;
                }
                if (line.isBlank()) {
                    continue; // a blank line is not a message
                }
                byte[] frame;
                try {
                    frame = sending.encode(line);
                } catch (IllegalArgumentException e) {
                    out.println("[ERROR] Not sent: " + e.getMessage() + ".");
                    continue;
                }
                toServer.write(frame);
                out.println("[SENT] " + line + " to server");
                String answer = receiving.read(in);
                if (answer == null) {
                    out.println("[DISCONNECTED] The server closed the connection.");
                    return;
                }
                out.println("[SERVER] " + Quote.printable(answer, Integer.MAX_VALUE));
                if (answer.startsWith(ChatProtocol.ERROR_PREFIX)) {
                    out.println("[DISCONNECTED] The server refused the message and closed the connection.");
                    return;
                }
                if (ChatProtocol.endsChat(line)) {
                    out.println("[DISCONNECTED] Disconnected from server.");
                    return;
                }
            }
        } catch (EOFException e) {
            out.println("[DISCONNECTED] The server's answer was cut off: " + e.getMessage() + ".");
        } catch (ProtocolException e) {
            out.println("[ERROR] The server broke the protocol: " + e.getMessage() + ". Disconnecting.");
        } catch (IOException e) {
            out.println("[DISCONNECTED] Connection lost: " + e.getMessage() + ".");
        }
    }

    public static void main(String[] args) {
        ChatOptions options = ChatOptions.parseOrExit("ChatClient", ChatProtocol.DEFAULT_PORT, args);
        Terminal.runOrExit("chat with " + options.host() + ":" + options.port(),
                () -> new ChatClient(options, Terminal.keyboard(), Terminal.screen()).run());
    }
}
