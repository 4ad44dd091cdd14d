package chatlab.kit;

import java.util.List;

/** Step 2: codecs and servers that assume one read() is one message, trust the header, and so on. */
final class Step2Mutants {
    private Step2Mutants() {
    }

    static final List<Mutant> ALL = List.of(
            new Mutant("header-read-with-one-read",
                    "reads the header with a single read(), as if one read() were one header",
                    "FrameCodec.java",
                    "int got = in.readNBytes(header, 0, headerSize);",
                    "int got = Math.max(0, in.read(header));",
                    "readNBytes"),
            new Mutant("body-read-with-one-read",
                    "reads the body with a single read() and decodes whatever arrived",
                    "FrameCodec.java",
                    "int bodyGot = in.readNBytes(body, 0, length);",
                    "in.read(body); int bodyGot = length;",
                    "readNBytes"),
            new Mutant("length-in-characters",
                    "writes the message's length in characters, not in UTF-8 bytes",
                    "FrameCodec.java",
                    "String.format(\"%-\" + headerSize + \"d\", body.length)",
                    "String.format(\"%-\" + headerSize + \"d\", message.length())",
                    "bytes, not characters"),
            new Mutant("header-right-aligned",
                    "right-aligns the digits in the header (\"%8d\" instead of \"%-8d\")",
                    "FrameCodec.java",
                    "String.format(\"%-\" + headerSize + \"d\", body.length)",
                    "String.format(\"%\" + headerSize + \"d\", body.length)",
                    "left-aligned"),
            new Mutant("header-zero-padded",
                    "pads the header with zeros in front (\"%08d\")",
                    "FrameCodec.java",
                    "String.format(\"%-\" + headerSize + \"d\", body.length)",
                    "String.format(\"%0\" + headerSize + \"d\", body.length)",
                    "left-aligned"),
            new Mutant("trusts-the-length",
                    "never checks the length against the limit: allocates and waits for whatever the header says",
                    "FrameCodec.java",
                    """
                            if (text.length() > String.valueOf(maxMessageBytes).length() || Long.parseLong(text) > maxMessageBytes) {
                                        throw new ProtocolException("a message of " + shown(text) + " bytes is over the limit of "
                                                + maxMessageBytes + " bytes");
                                    }""",
                    "",
                    "never trust"),
            new Mutant("bad-header-kills-the-server",
                    "lets Integer.parseInt throw on a non-digit header, and the server dies of it",
                    "FrameCodec.java",
                    """
                            if (!text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                                        throw new ProtocolException("header is not a length: " + shown(text));
                                    }""",
                    "",
                    "keep serving"),
            new Mutant("accepts-broken-UTF-8",
                    "decodes with new String(bytes, UTF_8), which silently replaces broken bytes",
                    "FrameCodec.java",
                    "return utf8(body);",
                    "return new String(body, StandardCharsets.UTF_8);",
                    "REPORT"),
            new Mutant("no-answer-to-DISCONNECT",
                    "knows exit but not seed 002's !DISCONNECT!",
                    "ChatProtocol.java",
                    "return word.equalsIgnoreCase(EXIT) || word.equals(DISCONNECT);",
                    "return word.equalsIgnoreCase(EXIT);",
                    "seed 002"),
            new Mutant("serves-only-the-first-client",
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
            new Mutant("server-ignores-header-size",
                    "hard-codes the 1024-byte header in the server, ignoring --header-size",
                    "ChatServer.java",
                    "FrameCodec codec = new FrameCodec(options.headerSize(), options.maxMessageBytes());",
                    "FrameCodec codec = new FrameCodec(1024, options.maxMessageBytes());",
                    "never hard-code 1024"),
            new Mutant("client-crashes-on-a-long-message",
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
