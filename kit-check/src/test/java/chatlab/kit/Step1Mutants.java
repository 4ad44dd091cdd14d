package chatlab.kit;

import java.util.List;
import java.util.Map;

/** Step 1: wrong servers and clients that students really write. */
final class Step1Mutants {
    private Step1Mutants() {
    }

    /** Rules that no deterministic mutant can break, each with the reason. */
    static final Map<String, String> WITHOUT_MUTANT = Map.of();

    private static final String SERVER = "ChatServer.java";
    private static final String CLIENT = "ChatClient.java";
    private static final String PROTOCOL = "ChatProtocol.java";

    private static final String SERVER_EXIT_BLOCK = """
            if (ChatProtocol.isExit(message)) {
                            out.println("Client ended the chat.");
                            toClient.write(ChatProtocol.encode(ChatProtocol.GOODBYE));
                            return;
                        }""";
    private static final String SERVER_CATCH = """
            try {
                                chat(client.getInputStream(), client.getOutputStream());
                            } catch (IOException e) {
                                // The client vanished (reset, broken pipe): that ends this chat, not the program badly.
                                out.println("[CONNECTION LOST] " + peer + ": " + e.getMessage());
                            }""";
    private static final String CLIENT_READS_ANSWER = """
            int count = fromServer.read(buffer);
                        if (count == -1) {
                            out.println("Server closed the connection.");
                            return;
                        }
                        String answer = ChatProtocol.decode(buffer, count);
                        out.println("Server: " + answer);
                        if (ChatProtocol.isExit(answer)) {
                            out.println("Server ended the chat.");
                            return;
                        }""";

    static final List<Mutant> ALL = List.of(
            // ------------------------------------------------------------ R1: what exit is
            new Mutant("R1", "exit-is-case-sensitive",
                    "compares the message with \"exit\" using equals, so EXIT and Exit do not end the chat",
                    PROTOCOL, "return message.strip().equalsIgnoreCase(EXIT);", "return message.strip().equals(EXIT);",
                    "equalsIgnoreCase"),
            new Mutant("R1", "exit-not-stripped",
                    "compares the message with \"exit\" without stripping it, so \"  exit  \" and netcat's exit do not count",
                    PROTOCOL, "return message.strip().equalsIgnoreCase(EXIT);", "return message.equalsIgnoreCase(EXIT);",
                    "strip() the message"),
            new Mutant("R1", "exit-is-a-prefix",
                    "checks startsWith(\"exit\"), so \"exits\" and \"exit now\" end the chat",
                    PROTOCOL, "return message.strip().equalsIgnoreCase(EXIT);",
                    "return message.strip().toLowerCase(java.util.Locale.ROOT).startsWith(EXIT);",
                    "not startsWith"),
            // ------------------------------------------------------------ R2: UTF-8
            new Mutant("R2", "decodes-latin-1",
                    "decodes the bytes as ISO-8859-1, so é arrives as Ã©",
                    PROTOCOL, "String text = new String(data, 0, length, StandardCharsets.UTF_8);",
                    "String text = new String(data, 0, length, StandardCharsets.ISO_8859_1);",
                    "not decoded as UTF-8"),
            new Mutant("R2", "encodes-latin-1",
                    "encodes the text as ISO-8859-1, so é leaves as one byte and 👋 as '?'",
                    PROTOCOL, "return message.getBytes(StandardCharsets.UTF_8);",
                    "return message.getBytes(StandardCharsets.ISO_8859_1);",
                    "should be its UTF-8 bytes:"),
            new Mutant("R2", "decodes-with-the-default-charset",
                    "decodes with the machine's default charset (new String(bytes, 0, n)): right where it is UTF-8, wrong elsewhere",
                    PROTOCOL, "String text = new String(data, 0, length, StandardCharsets.UTF_8);",
                    "String text = new String(data, 0, length);",
                    "not decoded as UTF-8"),
            new Mutant("R2", "encodes-with-the-default-charset",
                    "encodes with the machine's default charset (getBytes()): right where it is UTF-8, wrong elsewhere",
                    PROTOCOL, "return message.getBytes(StandardCharsets.UTF_8);",
                    "return message.getBytes();",
                    "should be its UTF-8 bytes:"),
            // ------------------------------------------------------------ R3: nothing added
            new Mutant("R3", "encode-adds-line-break",
                    "encodes each message with a line break after it, as println would",
                    PROTOCOL, "return message.getBytes(StandardCharsets.UTF_8);",
                    "return (message + \"\\n\").getBytes(StandardCharsets.UTF_8);",
                    "no line break or padding added"),
            new Mutant("R3", "server-sends-answers-with-line-break",
                    "sends each answer with a line break after it (a PrintWriter's println)",
                    SERVER, "toClient.write(ChatProtocol.encode(answer));",
                    "toClient.write(ChatProtocol.encode(answer + System.lineSeparator()));",
                    "nothing added"),
            new Mutant("R3", "client-sends-lines-with-line-break",
                    "sends each message with a line break after it (a PrintWriter's println)",
                    CLIENT, "toServer.write(bytes);",
                    "toServer.write(ChatProtocol.encode(message + System.lineSeparator()));",
                    "and nothing else"),
            // ------------------------------------------------------------ R4: only the bytes read
            new Mutant("R4", "decode-whole-buffer",
                    "decodes the whole buffer, not only the bytes that read() returned",
                    PROTOCOL, "String text = new String(data, 0, length, StandardCharsets.UTF_8);",
                    "String text = new String(data, StandardCharsets.UTF_8);",
                    "the ones read() filled"),
            new Mutant("R4", "server-decodes-whole-buffer-trimmed",
                    "decodes the whole buffer and trims it (new String(buffer).trim()), so old bytes show after a short message",
                    SERVER, "String message = ChatProtocol.decode(buffer, count);",
                    "String message = new String(buffer, java.nio.charset.StandardCharsets.UTF_8).trim();",
                    "bytes left over from the earlier read"),
            new Mutant("R4", "client-decodes-whole-buffer-trimmed",
                    "decodes the whole buffer and trims it (new String(buffer).trim()), so old bytes show after a short answer",
                    CLIENT, "String answer = ChatProtocol.decode(buffer, count);",
                    "String answer = new String(buffer, java.nio.charset.StandardCharsets.UTF_8).trim();",
                    "bytes left over from the earlier read"),
            // ------------------------------------------------------------ R5: one trailing line break
            new Mutant("R5", "decode-keeps-line-break",
                    "decodes the bytes but leaves netcat's trailing line break on the message",
                    PROTOCOL,
                    """
                            if (text.endsWith("\\r\\n")) {
                                        return text.substring(0, text.length() - 2);
                                    }
                                    if (text.endsWith("\\n")) {
                                        return text.substring(0, text.length() - 1);
                                    }
                                    return text;""",
                    "return text;",
                    "remove one trailing"),
            new Mutant("R5", "decode-strips-all-whitespace",
                    "strips all surrounding whitespace instead of one trailing line break",
                    PROTOCOL,
                    """
                            if (text.endsWith("\\r\\n")) {
                                        return text.substring(0, text.length() - 2);
                                    }
                                    if (text.endsWith("\\n")) {
                                        return text.substring(0, text.length() - 1);
                                    }
                                    return text;""",
                    "return text.strip();",
                    "and only one"),
            new Mutant("R5", "server-keeps-line-break",
                    "decodes what it reads with new String(...) instead of decode, so netcat's line break stays",
                    SERVER, "String message = ChatProtocol.decode(buffer, count);",
                    "String message = new String(buffer, 0, count, java.nio.charset.StandardCharsets.UTF_8);",
                    "remove one trailing"),
            new Mutant("R5", "client-keeps-line-break",
                    "decodes the answer with new String(...) instead of decode, so a line break stays on it",
                    CLIENT, "String answer = ChatProtocol.decode(buffer, count);",
                    "String answer = new String(buffer, 0, count, java.nio.charset.StandardCharsets.UTF_8);",
                    "which removes it"),
            // ------------------------------------------------------------ R6: one read of up to 1024 bytes
            new Mutant("R6", "server-buffer-too-small",
                    "reads into a 512-byte buffer, so a 1024-byte message arrives as two",
                    SERVER, "byte[] buffer = new byte[ChatProtocol.MAX_MESSAGE_BYTES];", "byte[] buffer = new byte[512];",
                    "it read it in pieces"),
            new Mutant("R6", "server-buffer-too-big",
                    "reads into a 4096-byte buffer, so it takes more than 1024 bytes as one message",
                    SERVER, "byte[] buffer = new byte[ChatProtocol.MAX_MESSAGE_BYTES];", "byte[] buffer = new byte[4096];",
                    "read more than 1024 bytes in one read"),
            new Mutant("R6", "client-buffer-too-small",
                    "reads answers into a 512-byte buffer, so a 1024-byte answer arrives as two",
                    CLIENT, "byte[] buffer = new byte[ChatProtocol.MAX_MESSAGE_BYTES];", "byte[] buffer = new byte[512];",
                    "it read them in pieces"),
            new Mutant("R6", "client-buffer-too-big",
                    "reads answers into a 4096-byte buffer, so it takes more than 1024 bytes as one answer",
                    CLIENT, "byte[] buffer = new byte[ChatProtocol.MAX_MESSAGE_BYTES];", "byte[] buffer = new byte[4096];",
                    "read more than 1024 bytes in one read"),
            // ------------------------------------------------------------ R7: listening and connection lines
            new Mutant("R7", "server-reports-the-port-of-the-options",
                    "prints the port it was given (0) instead of the port it really bound",
                    SERVER, "\":\" + listener.getLocalPort());", "\":\" + options.port());",
                    "not the port of the options"),
            new Mutant("R7", "server-ignores-the-port-option",
                    "listens on the default port 65432 whatever --port says",
                    SERVER, "listener.bind(new InetSocketAddress(options.host(), options.port()));",
                    "listener.bind(new InetSocketAddress(options.host(), ServerOptions.DEFAULT_PORT));",
                    "not to a fixed port"),
            new Mutant("R7", "server-does-not-log-the-connection",
                    "accepts the client without logging it",
                    SERVER, "out.println(\"[NEW CONNECTION] \" + peer + \" connected.\");", "",
                    "log the new client"),
            // ------------------------------------------------------------ R8: prints each message
            new Mutant("R8", "server-does-not-print-messages",
                    "answers the client without printing what it sent",
                    SERVER, "out.println(\"Client: \" + forLog(message));", "",
                    "as it arrives"),
            // ------------------------------------------------------------ R9: logged client text made safe
            new Mutant("R9", "server-logs-client-text-raw",
                    "prints the client's text as it came, control characters and all",
                    SERVER, "out.println(\"Client: \" + forLog(message));", "out.println(\"Client: \" + message);",
                    "can recolour or rewrite"),
            new Mutant("R9", "server-sanitizes-control-but-not-format-characters",
                    "replaces ISO control characters only, so zero-width spaces and bidi overrides pass",
                    SERVER, "boolean unsafe = type == Character.CONTROL || type == Character.FORMAT;",
                    "boolean unsafe = Character.isISOControl(c);",
                    "CONTROL or FORMAT"),
            new Mutant("R9", "server-drops-unsafe-characters",
                    "removes control and format characters instead of showing them as '?'",
                    SERVER, "safe.appendCodePoint(unsafe ? '?' : c);",
                    "if (!unsafe) { safe.appendCodePoint(c); }",
                    "with one '?', keep everything else"),
            new Mutant("R9", "server-does-not-cut-long-text",
                    "sanitizes the client's text but prints all of it, however long",
                    SERVER, """
                            if (shown == LOG_LIMIT) {
                                            return safe.append("... (").append(text.codePointCount(0, text.length())).append(" characters)").toString();
                                        }""", "",
                    "cut the text you print to at most 200"),
            // ------------------------------------------------------------ R10: prompt, operator's answer
            new Mutant("R10", "server-never-flushes",
                    "wraps the socket's output in a BufferedOutputStream and never flushes it",
                    SERVER, "chat(client.getInputStream(), client.getOutputStream());",
                    "chat(client.getInputStream(), new java.io.BufferedOutputStream(client.getOutputStream()));",
                    "never flushed"),
            new Mutant("R10", "server-does-not-prompt",
                    "reads the operator's answer without printing the \"Server: \" prompt",
                    SERVER, "out.print(\"Server: \");", "",
                    "so the operator knows it is their turn"),
            // ------------------------------------------------------------ R11: --auto
            new Mutant("R11", "server-ignores-auto",
                    "reads the operator's console even with --auto",
                    SERVER, "if (options.auto()) {", "if (false) {",
                    "without reading the console"),
            // ------------------------------------------------------------ R12: blank operator lines
            new Mutant("R12", "server-sends-blank-operator-lines",
                    "sends whatever the operator types, even an empty line (a write of zero bytes)",
                    SERVER, "if (!line.isBlank()) {", "if (true) {",
                    "a write of zero bytes sends nothing, so"),
            new Mutant("R12", "server-skips-only-empty-operator-lines",
                    "skips empty lines but sends lines of only spaces",
                    SERVER, "if (!line.isBlank()) {", "if (!line.isEmpty()) {",
                    "not isEmpty()"),
            // ------------------------------------------------------------ R13: the client's exit
            new Mutant("R13", "server-keeps-connection-after-goodbye",
                    "answers exit with Goodbye! but keeps the connection open and waits for more",
                    SERVER,
                    """
                            toClient.write(ChatProtocol.encode(ChatProtocol.GOODBYE));
                                            return;""",
                    """
                            toClient.write(ChatProtocol.encode(ChatProtocol.GOODBYE));
                                            continue;""",
                    "After Goodbye! the chat is over"),
            new Mutant("R13", "server-ignores-client-exit",
                    "answers exit like any other message",
                    SERVER, SERVER_EXIT_BLOCK, "",
                    "before answering it"),
            new Mutant("R13", "server-checks-client-exit-with-equals",
                    "checks the client's message with equals(\"exit\"), so EXIT or \" Exit \" is answered like any message",
                    SERVER, "if (ChatProtocol.isExit(message)) {", "if (message.equals(ChatProtocol.EXIT)) {",
                    "not equals(\"exit\")"),
            new Mutant("R13", "server-closes-without-goodbye",
                    "closes the connection on exit without answering Goodbye!",
                    SERVER, "toClient.write(ChatProtocol.encode(ChatProtocol.GOODBYE));\n                return;", "return;",
                    "answer exit with Goodbye!"),
            // ------------------------------------------------------------ R14: the operator's exit
            new Mutant("R14", "server-checks-operator-exit-with-equals",
                    "checks the operator's line with equals(\"exit\"), so \" Exit\\t\" is sent as an answer",
                    SERVER, "if (line == null || ChatProtocol.isExit(line)) {",
                    "if (line == null || line.equals(\"exit\")) {",
                    "Check the operator's line with ChatProtocol.isExit"),
            new Mutant("R14", "server-crashes-on-console-eof",
                    "does not check readLine() for null, so the end of the operator's input crashes the server",
                    SERVER, "if (line == null || ChatProtocol.isExit(line)) {", "if (ChatProtocol.isExit(line)) {",
                    "readLine() returned null"),
            new Mutant("R14", "server-silent-on-console-eof",
                    "closes the connection without sending exit when the operator's console ends",
                    SERVER, "if (line == null || ChatProtocol.isExit(line)) {",
                    "if (line == null) { throw new java.io.EOFException(\"console ended\"); } if (ChatProtocol.isExit(line)) {",
                    "readLine() returned null"),
            new Mutant("R14", "server-keeps-chatting-after-operator-exit",
                    "sends exit for the operator but then waits for the client's next message",
                    SERVER, "out.println(\"Server ended the chat.\");\n                return;",
                    "out.println(\"Server ended the chat.\");\n                continue;",
                    "closes the connection and returns"),
            // ------------------------------------------------------------ R15: the client vanishes
            new Mutant("R15", "server-crashes-when-client-vanishes",
                    "does not check read() for -1, so a client that leaves makes the server throw",
                    SERVER,
                    """
                            if (count == -1) {
                                            out.println("Client left without saying exit.");
                                            return;
                                        }""",
                    "",
                    "read() returns -1: end the chat there"),
            new Mutant("R15", "server-lets-a-reset-escape",
                    "does not catch the IOException of a reset connection, so run() throws",
                    SERVER, SERVER_CATCH, "chat(client.getInputStream(), client.getOutputStream());",
                    "A reset makes read() throw an IOException"),
            new Mutant("R15", "server-prints-a-stack-trace",
                    "catches the reset but calls printStackTrace() (on stderr)",
                    SERVER, "out.println(\"[CONNECTION LOST] \" + peer + \": \" + e.getMessage());", "e.printStackTrace();",
                    "never printStackTrace()"),
            // ------------------------------------------------------------ R16: connect, prompt, send
            new Mutant("R16", "client-never-flushes",
                    "wraps the socket's output in a BufferedOutputStream and never flushes it",
                    CLIENT, "OutputStream toServer = socket.getOutputStream();",
                    "OutputStream toServer = new java.io.BufferedOutputStream(socket.getOutputStream());",
                    "never flushed"),
            new Mutant("R16", "client-ignores-the-port-option",
                    "connects to the default port 65432 whatever --port says",
                    CLIENT, "socket.connect(new InetSocketAddress(options.host(), options.port()));",
                    "socket.connect(new InetSocketAddress(options.host(), ServerOptions.DEFAULT_PORT));",
                    "connect to the host and port of its options"),
            new Mutant("R16", "client-does-not-prompt",
                    "reads each line without printing the \"Client: \" prompt",
                    CLIENT, "out.print(\"Client: \");", "",
                    "Before reading each line, print the prompt"),
            // ------------------------------------------------------------ R17: prints answers
            new Mutant("R17", "client-does-not-print-answers",
                    "reads the server's answers without printing them",
                    CLIENT, "out.println(\"Server: \" + answer);", "",
                    "never printed the server's answer"),
            // ------------------------------------------------------------ R18: turn-based
            new Mutant("R18", "client-never-reads-answers",
                    "sends each typed line at once and never reads the answers (until the goodbye)",
                    CLIENT, CLIENT_READS_ANSWER, "",
                    "sent its next message before the answer came"),
            // ------------------------------------------------------------ R19: blank client lines
            new Mutant("R19", "client-sends-blank-lines",
                    "sends whatever is typed, even an empty line (a write of zero bytes)",
                    CLIENT, "if (!line.isBlank()) {", "if (true) {",
                    "a write of zero bytes sends nothing (the server waits"),
            new Mutant("R19", "client-skips-only-empty-lines",
                    "skips empty lines but sends lines of only spaces",
                    CLIENT, "if (!line.isBlank()) {", "if (!line.isEmpty()) {",
                    "not isEmpty()"),
            // ------------------------------------------------------------ R20: the 1024-byte limit
            new Mutant("R20", "client-counts-characters-not-bytes",
                    "checks the 1024 limit with String.length(), so 513 two-byte characters (1026 bytes) are sent",
                    CLIENT, "if (bytes.length > ChatProtocol.MAX_MESSAGE_BYTES) {",
                    "if (message.length() > ChatProtocol.MAX_MESSAGE_BYTES) {",
                    "bytes, not characters"),
            new Mutant("R20", "client-limit-off-by-one",
                    "refuses a message of exactly 1024 bytes",
                    CLIENT, "if (bytes.length > ChatProtocol.MAX_MESSAGE_BYTES) {",
                    "if (bytes.length >= ChatProtocol.MAX_MESSAGE_BYTES) {",
                    "The limit is 1024 bytes included"),
            new Mutant("R20", "client-sends-the-long-message-anyway",
                    "prints the error about a long message, then sends it all the same",
                    CLIENT, "It was not sent.\");\n                continue;", "It was not sent.\");",
                    "should have been refused"),
            new Mutant("R20", "client-refuses-silently",
                    "refuses a long message without telling the user why",
                    CLIENT, """
                            out.println("[ERROR] That message is " + bytes.length + " bytes; the limit is "
                                                    + ChatProtocol.MAX_MESSAGE_BYTES + " bytes. It was not sent.");""", "",
                    "an error that names the 1024-byte limit"),
            // ------------------------------------------------------------ R21: the user's exit
            new Mutant("R21", "client-checks-exit-with-equals",
                    "checks the typed line with equals(\"exit\"), so \" EXIT \" is sent but the client keeps asking",
                    CLIENT, "if (ChatProtocol.isExit(message)) {", "if (message.equals(ChatProtocol.EXIT)) {",
                    "Check the typed line with ChatProtocol.isExit"),
            new Mutant("R21", "client-crashes-on-console-eof",
                    "does not check readLine() for null, so Ctrl-D crashes the client instead of sending exit",
                    CLIENT,
                    """
                            if (line == null) {
                                            out.println();
                                            return ChatProtocol.EXIT;
                                        }""",
                    "",
                    "returns null at the end of input"),
            new Mutant("R21", "client-leaves-silently-on-console-eof",
                    "closes the connection at Ctrl-D without sending exit",
                    CLIENT, """
                            out.println();
                                            return ChatProtocol.EXIT;""",
                    "throw new java.io.EOFException(\"end of input\");",
                    "closed without saying exit"),
            new Mutant("R21", "client-crashes-when-server-closes-after-exit",
                    "decodes read()'s -1 as a goodbye when the server closes after exit without one",
                    CLIENT, "if (count > 0) {", "if (count != 0) {",
                    "read() may return -1 instead of a goodbye"),
            // ------------------------------------------------------------ R22: the server's exit
            new Mutant("R22", "client-ignores-server-exit",
                    "prints the server's exit but keeps asking for messages",
                    CLIENT,
                    """
                            if (ChatProtocol.isExit(answer)) {
                                            out.println("Server ended the chat.");
                                            return;
                                        }""",
                    "",
                    "check every answer"),
            new Mutant("R22", "client-does-not-say-the-server-ended",
                    "ends on the server's exit without telling the user why",
                    CLIENT, "out.println(\"Server ended the chat.\");", "",
                    "did not tell the user why"),
            // ------------------------------------------------------------ R23: the server vanishes
            new Mutant("R23", "client-crashes-when-server-closes",
                    "does not check read() for -1, so a server that closes makes the client throw",
                    CLIENT, """
                            if (count == -1) {
                                            out.println("Server closed the connection.");
                                            return;
                                        }""", "",
                    "When the server has closed the connection, read() returns -1"),
            new Mutant("R23", "client-ends-without-a-word-when-server-closes",
                    "ends cleanly when the server closes, but silently: the user never learns why the chat stopped",
                    CLIENT, "out.println(\"Server closed the connection.\");", "",
                    "ended without a word"),
            new Mutant("R23", "client-lets-a-reset-escape",
                    "does not catch the IOException of a reset connection, so run() throws",
                    CLIENT, """
                            try {
                                            chat(socket);
                                        } catch (IOException e) {
                                            out.println("[CONNECTION LOST] " + e.getMessage());
                                        }""", "chat(socket);",
                    "say the connection was lost"),
            new Mutant("R23", "client-prints-a-stack-trace",
                    "catches the reset but calls printStackTrace() (on stderr)",
                    CLIENT, "out.println(\"[CONNECTION LOST] \" + e.getMessage());", "e.printStackTrace();",
                    "never printStackTrace()"));
}
