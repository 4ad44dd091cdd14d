package chatlab.kit;

import java.util.List;
import java.util.Map;

/** Step 1: wrong servers and clients that students really write. */
final class Step1Mutants {
    private Step1Mutants() {
    }

    /** Rules that no deterministic mutant can break, each with the reason. */
    static final Map<String, String> WITHOUT_MUTANT = Map.of();

    static final List<Mutant> ALL = List.of(
            new Mutant("R?", "server-never-flushes",
                    "wraps the socket's output in a BufferedOutputStream and never flushes it",
                    "ChatServer.java",
                    "chat(client.getInputStream(), client.getOutputStream());",
                    "chat(client.getInputStream(), new java.io.BufferedOutputStream(client.getOutputStream()));",
                    "did you flush"),
            new Mutant("R?", "exit-is-case-sensitive",
                    "compares the message with \"exit\" using equals, so EXIT and Exit do not end the chat",
                    "ChatProtocol.java",
                    "return message.strip().equalsIgnoreCase(EXIT);",
                    "return message.strip().equals(EXIT);",
                    "equalsIgnoreCase"),
            new Mutant("R?", "server-keeps-connection-after-goodbye",
                    "answers exit with Goodbye! but keeps the connection open and waits for more",
                    "ChatServer.java",
                    """
                            toClient.write(ChatProtocol.encode(ChatProtocol.GOODBYE));
                                            return;""",
                    """
                            toClient.write(ChatProtocol.encode(ChatProtocol.GOODBYE));
                                            continue;""",
                    "still open"),
            new Mutant("R?", "decode-keeps-line-break",
                    "decodes the bytes but leaves netcat's trailing line break on the message",
                    "ChatProtocol.java",
                    """
                            if (text.endsWith("\\r\\n")) {
                                        return text.substring(0, text.length() - 2);
                                    }
                                    if (text.endsWith("\\n")) {
                                        return text.substring(0, text.length() - 1);
                                    }
                                    return text;""",
                    "return text;",
                    "line break"),
            new Mutant("R?", "client-counts-characters-not-bytes",
                    "checks the 1024 limit with String.length(), so 513 two-byte characters (1025 bytes) are sent",
                    "ChatClient.java",
                    "if (bytes.length > ChatProtocol.MAX_MESSAGE_BYTES) {",
                    "if (message.length() > ChatProtocol.MAX_MESSAGE_BYTES) {",
                    "bytes, not characters"),
            new Mutant("R?", "server-crashes-when-client-vanishes",
                    "does not check read() for -1, so a client that leaves makes the server throw",
                    "ChatServer.java",
                    """
                            if (count == -1) {
                                            out.println("Client left without saying exit.");
                                            return;
                                        }""",
                    "",
                    "read() returns -1"),
            new Mutant("R?", "server-crashes-on-console-eof",
                    "does not check readLine() for null, so the end of the operator's input crashes the server",
                    "ChatServer.java",
                    "if (line == null || ChatProtocol.isExit(line)) {",
                    "if (ChatProtocol.isExit(line)) {",
                    "returns null"),
            new Mutant("R?", "client-ignores-server-exit",
                    "prints the server's exit but keeps asking for messages",
                    "ChatClient.java",
                    """
                            if (ChatProtocol.isExit(answer)) {
                                            out.println("Server ended the chat.");
                                            return;
                                        }""",
                    "",
                    "check every answer"),
            new Mutant("R?", "client-crashes-on-console-eof",
                    "does not check readLine() for null, so Ctrl-D crashes the client instead of sending exit",
                    "ChatClient.java",
                    """
                            if (line == null) {
                                            out.println();
                                            return ChatProtocol.EXIT;
                                        }""",
                    "",
                    "returns null at the end of input"));
}
