package chatlab.kit;

import java.util.List;
import java.util.Map;

/** Step 2: codecs and servers that assume one read() is one message, trust the header, and so on. */
final class Step2Mutants {
    private Step2Mutants() {
    }

    /** Rules that no deterministic mutant can break, each with the reason. */
    static final Map<String, String> WITHOUT_MUTANT = Map.of();

    static final List<Mutant> ALL = List.of(
            new Mutant("R?", "header-read-with-one-read",
                    "reads the header with a single read(), as if one read() were one header",
                    "FrameCodec.java",
                    "int got = in.readNBytes(header, 0, headerSize);",
                    "int got = Math.max(0, in.read(header));",
                    "readNBytes"),
            new Mutant("R?", "body-read-with-one-read",
                    "reads the body with a single read() and decodes whatever arrived",
                    "FrameCodec.java",
                    "int bodyGot = in.readNBytes(body, 0, length);",
                    "in.read(body); int bodyGot = length;",
                    "readNBytes"),
            new Mutant("R?", "length-in-characters",
                    "writes the message's length in characters, not in UTF-8 bytes",
                    "FrameCodec.java",
                    "String.format(\"%-\" + headerSize + \"d\", body.length)",
                    "String.format(\"%-\" + headerSize + \"d\", message.length())",
                    "bytes, not characters"),
            new Mutant("R?", "header-right-aligned",
                    "right-aligns the digits in the header (\"%8d\" instead of \"%-8d\")",
                    "FrameCodec.java",
                    "String.format(\"%-\" + headerSize + \"d\", body.length)",
                    "String.format(\"%\" + headerSize + \"d\", body.length)",
                    "left-aligned"),
            new Mutant("R?", "header-zero-padded",
                    "pads the header with zeros in front (\"%08d\")",
                    "FrameCodec.java",
                    "String.format(\"%-\" + headerSize + \"d\", body.length)",
                    "String.format(\"%0\" + headerSize + \"d\", body.length)",
                    "left-aligned"),
            new Mutant("R?", "trusts-the-length",
                    "never checks the length against the limit: allocates and waits for whatever the header says",
                    "FrameCodec.java",
                    """
                            if (text.length() > String.valueOf(maxMessageBytes).length() || Long.parseLong(text) > maxMessageBytes) {
                                        throw new ProtocolException("a message of " + shown(text) + " bytes is over the limit of "
                                                + maxMessageBytes + " bytes");
                                    }""",
                    "",
                    "never trust"),
            new Mutant("R?", "bad-header-kills-the-server",
                    "lets Integer.parseInt throw on a non-digit header, and the server dies of it",
                    "FrameCodec.java",
                    """
                            if (!text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                                        throw new ProtocolException("header is not a length: " + shown(text));
                                    }""",
                    "",
                    "keep serving"),
            new Mutant("R?", "accepts-broken-UTF-8",
                    "decodes with new String(bytes, UTF_8), which silently replaces broken bytes",
                    "FrameCodec.java",
                    "return utf8(body);",
                    "return new String(body, StandardCharsets.UTF_8);",
                    "REPORT"),
            new Mutant("R?", "no-answer-to-DISCONNECT",
                    "knows exit but not seed 002's !DISCONNECT!",
                    "ChatProtocol.java",
                    "return word.equalsIgnoreCase(EXIT) || word.equals(DISCONNECT);",
                    "return word.equalsIgnoreCase(EXIT);",
                    "seed 002"),
            new Mutant("R?", "serves-only-the-first-client",
                    "accepts one client, serves it, and returns",
                    "ChatServer.java",
                    """
                            while (true) {
                                            try (Socket client = listener.accept()) {
                                                serve(client, codec);
                                            }
                                        }""",
                    """
                            try (Socket client = listener.accept()) {
                                            serve(client, codec);
                                        }""",
                    "loops over accept()"),
            new Mutant("R?", "server-ignores-header-size",
                    "hard-codes the 1024-byte header in the server, ignoring --header-size",
                    "ChatServer.java",
                    "FrameCodec codec = new FrameCodec(options.headerSize(), options.maxMessageBytes());",
                    "FrameCodec codec = new FrameCodec(1024, options.maxMessageBytes());",
                    "never hard-code 1024"),
            new Mutant("R?", "client-crashes-on-a-long-message",
                    "does not catch the codec's refusal, so an over-long line crashes the client",
                    "ChatClient.java",
                    """
                            try {
                                            frame = codec.encode(message);
                                        } catch (IllegalArgumentException tooLong) {
                                            out.println("[ERROR] Not sent: " + tooLong.getMessage() + ".");
                                            continue;
                                        }""",
                    "frame = codec.encode(message);",
                    "before sending anything"));
}
