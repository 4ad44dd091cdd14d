package chatlab.kit;

import java.util.List;
import java.util.Map;

/** Step 4: chat rooms that echo, stall, leak control characters, or lose track of who is there. */
final class Step4Mutants {
    private Step4Mutants() {
    }

    /** Rules that no deterministic mutant can break, each with the reason. */
    static final Map<String, String> WITHOUT_MUTANT = Map.of(
            "R17", "realistic reorderings (a thread per broadcast, an unsynchronized queue) depend on thread "
                    + "scheduling; only a program that reorders by content would do it every run, and no student "
                    + "writes that");

    private static final String CHOOSE_NAME_EXIT = """
                            if (ChatProtocol.endsChat(message)) {
                                outbox.closeAfter(ChatProtocol.GOODBYE);
                                return null;
                            }
            """;

    static final List<Mutant> ALL = List.of(
            // ---------------------------------------------------------------- names (Tasks 1 and 2)
            new Mutant("R1", "no-welcome-question",
                    "reads the name without asking for it first",
                    "ClientSession.java",
                    """
                            deliver(ChatProtocol.WELCOME);
                                        name = chooseName(in);""",
                    "name = chooseName(in);",
                    "The welcome question, exactly"),
            new Mutant("R2", "name-not-stripped",
                    "uses the first frame as the name as it came, surrounding whitespace and all",
                    "ClientSession.java",
                    "String name = message.strip();",
                    "String name = message;",
                    "Strip the first frame"),
            new Mutant("R3", "name-length-in-utf16-units",
                    "counts a name's length with String.length(), so 32 emoji are 64 and refused",
                    "ChatProtocol.java",
                    "if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {",
                    "if (name.length() > MAX_NAME_LENGTH) {",
                    "codePointCount"),
            new Mutant("R3", "name-length-in-bytes",
                    "counts a name's length in UTF-8 bytes",
                    "ChatProtocol.java",
                    "if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {",
                    "if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_LENGTH) {",
                    "codePointCount"),
            new Mutant("R3", "name-of-33-characters-accepted",
                    "is off by one on the length limit, so a name of 33 characters is accepted",
                    "ChatProtocol.java",
                    "if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {",
                    "if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH + 1) {",
                    "a name has 1 to 32 of them"),
            new Mutant("R4", "names-checked-for-iso-controls-only",
                    "refuses only Character.isISOControl in names, so bidi overrides, zero-width characters and the "
                            + "BOM get through",
                    "ChatProtocol.java",
                    "if (name.codePoints().anyMatch(ChatProtocol::isUnsafe)) {",
                    "if (name.codePoints().anyMatch(Character::isISOControl)) {",
                    "it contains an unsafe character"),
            new Mutant("R4", "line-separators-count-as-safe",
                    "forgets U+2028 and U+2029, which some terminals and viewers show as line breaks",
                    "ChatProtocol.java",
                    """
                            return type == Character.CONTROL || type == Character.FORMAT
                                            || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;""",
                    "return type == Character.CONTROL || type == Character.FORMAT;",
                    "it contains an unsafe character"),
            new Mutant("R5", "names-may-hold-brackets",
                    "lets a name hold [ or ], so \"SERVER] alice\" forges server lines",
                    "ChatProtocol.java",
                    "if (name.indexOf('[') >= 0 || name.indexOf(']') >= 0) {",
                    "if (false) {",
                    "it contains [ or ]"),
            new Mutant("R5", "bracket-first-accepted",
                    "looks for [ and ] after the first character only (indexOf(...) > 0)",
                    "ChatProtocol.java",
                    "if (name.indexOf('[') >= 0 || name.indexOf(']') >= 0) {",
                    "if (name.indexOf('[') > 0 || name.indexOf(']') > 0) {",
                    "[ or ]"),
            new Mutant("R5", "invisible-names-accepted",
                    "accepts a name made of non-breaking spaces only",
                    "ChatProtocol.java",
                    "if (name.codePoints().noneMatch(ChatProtocol::isVisible)) {",
                    "if (false) {",
                    "or no visible character at all"),
            new Mutant("R6", "SERVER-compared-ignoring-case-only",
                    "compares the name with SERVER by equalsIgnoreCase, so a fullwidth ＳＥＲＶＥＲ gets through",
                    "ChatProtocol.java",
                    "if (key(name).equals(key(SERVER_NAME))) {",
                    "if (name.equalsIgnoreCase(SERVER_NAME)) {",
                    "it reads as SERVER"),
            new Mutant("R6", "SERVER-compared-exactly",
                    "refuses SERVER only in capitals",
                    "ChatProtocol.java",
                    "if (key(name).equals(key(SERVER_NAME))) {",
                    "if (name.equals(SERVER_NAME)) {",
                    "it reads as SERVER"),
            new Mutant("R7", "names-unique-only-in-one-case",
                    "keeps members by the name as typed, so Alice and ALICE can both join",
                    "ChatRoom.java",
                    List.of(
                            new Mutant.Edit("if (members.containsKey(ChatProtocol.key(name))) {",
                                    "if (members.containsKey(name)) {"),
                            new Mutant.Edit("members.put(ChatProtocol.key(name), member);", "members.put(name, member);"),
                            new Mutant.Edit("if (members.remove(ChatProtocol.key(name), member)) {",
                                    "if (members.remove(name, member)) {")),
                    "keep members by ChatProtocol.key(name)"),
            new Mutant("R7", "names-lower-cased-without-nfkc",
                    "keeps members by the lower-cased name, without NFKC, so a fullwidth Ａｌｉｃｅ joins beside alice",
                    "ChatRoom.java",
                    List.of(
                            new Mutant.Edit("if (members.containsKey(ChatProtocol.key(name))) {",
                                    "if (members.containsKey(name.toLowerCase(java.util.Locale.ROOT))) {"),
                            new Mutant.Edit("members.put(ChatProtocol.key(name), member);",
                                    "members.put(name.toLowerCase(java.util.Locale.ROOT), member);"),
                            new Mutant.Edit("if (members.remove(ChatProtocol.key(name), member)) {",
                                    "if (members.remove(name.toLowerCase(java.util.Locale.ROOT), member)) {")),
                    "keep members by ChatProtocol.key(name)"),
            new Mutant("R7", "name-never-freed",
                    "announces a leave but never takes the member out, so its name stays taken for good",
                    "ChatRoom.java",
                    "if (members.remove(ChatProtocol.key(name), member)) {",
                    "if (members.get(ChatProtocol.key(name)) == member) {",
                    "Take a member out of the room"),
            new Mutant("R8", "no-question-after-a-refusal",
                    "answers a refused name with the reason only, not the welcome question again",
                    "ClientSession.java",
                    """
                            deliver(ChatProtocol.NAME_NOT_AVAILABLE + problem);
                                            deliver(ChatProtocol.WELCOME);""",
                    "deliver(ChatProtocol.NAME_NOT_AVAILABLE + problem);",
                    "After \"Name not available\", the welcome question again"),
            new Mutant("R9", "checks-and-adds-under-two-locks",
                    "locks the room to look for the name, lets it go, then locks it again to add the member: "
                            + "a check-then-act race",
                    "ChatRoom.java",
                    List.of(new Mutant.Edit("synchronized String join(", "String join("),
                            new Mutant.Edit("""
                                    if (members.containsKey(ChatProtocol.key(name))) {
                                                return "\\"" + name + "\\" is taken";
                                            }
                                            deliverOrDrop(member, ChatProtocol.hello(name));
                                            sendToAll(ChatProtocol.joined(name));
                                            members.put(ChatProtocol.key(name), member);""", """
                                    synchronized (this) {
                                                if (members.containsKey(ChatProtocol.key(name))) {
                                                    return "\\"" + name + "\\" is taken";
                                                }
                                            }
                                            synchronized (this) {
                                                deliverOrDrop(member, ChatProtocol.hello(name));
                                                sendToAll(ChatProtocol.joined(name));
                                                members.put(ChatProtocol.key(name), member);
                                            }""")),
                    "exactly one should get it"),
            new Mutant("R10", "greeting-in-other-words",
                    "greets the newcomer in words of its own",
                    "ChatRoom.java",
                    "deliverOrDrop(member, ChatProtocol.hello(name));",
                    "deliverOrDrop(member, \"Hello \" + name + \"!\");",
                    "the greeting, exactly"),
            new Mutant("R11", "announces-the-join-to-the-newcomer",
                    "adds the newcomer to the room before announcing it, so it is told of its own arrival",
                    "ChatRoom.java",
                    """
                            sendToAll(ChatProtocol.joined(name));
                                    members.put(ChatProtocol.key(name), member);""",
                    """
                            members.put(ChatProtocol.key(name), member);
                                    sendToAll(ChatProtocol.joined(name));""",
                    "the newcomer was told of its own arrival"),
            new Mutant("R11", "announces-the-join-twice",
                    "announces the join in the room and again from the session",
                    "ClientSession.java",
                    "log.println(\"[JOINED] \" + name + \" (\" + peer + \")\");",
                    "room.broadcast(this, ChatProtocol.joined(name));\n"
                            + "                    log.println(\"[JOINED] \" + name + \" (\" + peer + \")\");",
                    "not a second join notice"),
            new Mutant("R11", "announces-every-name-tried",
                    "announces a newcomer as soon as it sends a name, before the name is checked",
                    "ChatRoom.java",
                    """
                            String problem = ChatProtocol.nameProblem(name);
                                    if (problem != null) {""",
                    """
                            sendToAll(ChatProtocol.joined(name));
                                    String problem = ChatProtocol.nameProblem(name);
                                    if (problem != null) {""",
                    "nothing about the refused name"),
            new Mutant("R12", "exit-taken-as-a-name",
                    "takes whatever comes first as the name, exit included",
                    "ClientSession.java",
                    CHOOSE_NAME_EXIT,
                    "",
                    "sent instead of a name is a leave"),
            new Mutant("R13", "no-naming-deadline",
                    "waits for a name forever, so a connection that never names itself holds its threads for good",
                    "ClientSession.java",
                    "socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));",
                    "",
                    "setSoTimeout(0)"),
            new Mutant("R13", "naming-deadline-restarts-with-each-message",
                    "gives the whole name timeout to every read, so a client that keeps sending bad names never "
                            + "runs out of time",
                    "ClientSession.java",
                    List.of(
                            new Mutant.Edit("""
                                    if (left <= 0) {
                                                        throw new SocketTimeoutException("no name in time");
                                                    }""", ""),
                            new Mutant.Edit("socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));",
                                    "socket.setSoTimeout((int) nameTimeout.toMillis());")),
                    "the deadline counts from connecting"),
            new Mutant("R13", "naming-deadline-stays-for-members",
                    "never lifts the read timeout once the name is chosen, so a quiet member is cut off",
                    "ClientSession.java",
                    "socket.setSoTimeout(0); // a member may stay quiet as long as it likes",
                    "",
                    "setSoTimeout(0)"),
            new Mutant("R14", "everyone-who-asked-gets-the-chat",
                    "registers every session that asks for a name, accepted or not, and broadcasts to all of them",
                    "ChatRoom.java",
                    List.of(
                            new Mutant.Edit("""
                                    String problem = ChatProtocol.nameProblem(name);
                                            if (problem != null) {""", """
                                    everyone.add(member);
                                            String problem = ChatProtocol.nameProblem(name);
                                            if (problem != null) {"""),
                            new Mutant.Edit("""
                                    synchronized void broadcast(ClientSession from, String line) {
                                            for (ClientSession member : members.values()) {""", """
                                    private final java.util.Set<ClientSession> everyone = new java.util.LinkedHashSet<>();

                                        synchronized void broadcast(ClientSession from, String line) {
                                            for (ClientSession member : everyone) {""")),
                    "she was not in the room"),
            // ---------------------------------------------------------------- chat (Task 3)
            new Mutant("R15", "chat-line-in-another-format",
                    "delivers a message as \"name: text\"",
                    "ClientSession.java",
                    "String line = ChatProtocol.chatLine(name, ChatProtocol.sanitize(message));",
                    "String line = name + \": \" + ChatProtocol.sanitize(message);",
                    "Deliver each message as ChatProtocol.chatLine"),
            new Mutant("R15", "outgoing-frames-limited-to-max-message",
                    "frames what it sends with the limit of what it receives, so a message of the limit's size "
                            + "cannot go out with its \"[name] \" prefix",
                    "ClientSession.java",
                    "Framing lines = new Framing(options.headerSize(), ChatProtocol.maxLineBytes(options.maxMessageBytes()));",
                    "Framing lines = Framing.of(options);",
                    "ChatProtocol.maxLineBytes"),
            new Mutant("R16", "echoes-to-the-sender",
                    "broadcasts a message to every member, the sender included",
                    "ChatRoom.java",
                    """
                            if (member != from) {
                                            deliverOrDrop(member, line);
                                        }""",
                    "deliverOrDrop(member, line);",
                    "should not get her own message back"),
            new Mutant("R18", "passes-text-through",
                    "broadcasts what a member typed as it came, ESC sequences and all",
                    "ChatProtocol.java",
                    """
                            StringBuilder safe = new StringBuilder(text.length());
                                    text.codePoints().forEach(c -> safe.appendCodePoint(isUnsafe(c) ? '?' : c));
                                    return safe.toString();""",
                    "return text;",
                    "Replace every unsafe code point"),
            new Mutant("R18", "sanitizes-iso-controls-only",
                    "replaces only Character.isISOControl, so bidi overrides and zero-width characters reach others",
                    "ChatProtocol.java",
                    "text.codePoints().forEach(c -> safe.appendCodePoint(isUnsafe(c) ? '?' : c));",
                    "text.codePoints().forEach(c -> safe.appendCodePoint(Character.isISOControl(c) ? '?' : c));",
                    "isISOControl alone misses the format characters"),
            new Mutant("R18", "drops-unsafe-characters",
                    "deletes unsafe characters instead of showing a ? for each",
                    "ChatProtocol.java",
                    "text.codePoints().forEach(c -> safe.appendCodePoint(isUnsafe(c) ? '?' : c));",
                    "text.codePoints().filter(c -> !isUnsafe(c)).forEach(safe::appendCodePoint);",
                    "Replace every unsafe code point"),
            new Mutant("R19", "exit-only-in-lower-case",
                    "recognises exit only as typed in lower case, without surrounding whitespace",
                    "ClientSession.java",
                    """
                            if (ChatProtocol.endsChat(message)) {
                                            outbox.closeAfter(ChatProtocol.GOODBYE);
                                            return;""",
                    """
                            if (message.equals(ChatProtocol.EXIT) || message.equals(ChatProtocol.DISCONNECT)) {
                                            outbox.closeAfter(ChatProtocol.GOODBYE);
                                            return;""",
                    "equal to exit ignoring case"),
            new Mutant("R19", "leave-announced-twice",
                    "announces the leave when the member says exit, and the finally block announces it again",
                    "ClientSession.java",
                    """
                            if (ChatProtocol.endsChat(message)) {
                                            outbox.closeAfter(ChatProtocol.GOODBYE);
                                            return;""",
                    """
                            if (ChatProtocol.endsChat(message)) {
                                            room.broadcast(this, ChatProtocol.left(name));
                                            outbox.closeAfter(ChatProtocol.GOODBYE);
                                            return;""",
                    "not a second leave notice"),
            new Mutant("R19", "leave-notice-reworded",
                    "words the leave notice its own way (\"[SERVER] name has left.\")",
                    "ChatProtocol.java",
                    "return \"[SERVER] \" + name + \" left the chat.\";",
                    "return \"[SERVER] \" + name + \" has left.\";",
                    "left the chat."),
            new Mutant("R20", "writer-never-woken-at-the-end",
                    "marks the outbox closing when a session ends but never wakes its writer thread, which waits on "
                            + "with the connection open",
                    "Outbox.java",
                    """
                            synchronized void closeWhenSent() {
                                    closing = true;
                                    notifyAll();""",
                    """
                            synchronized void closeWhenSent() {
                                    closing = true;""",
                    "close its connection"),
            new Mutant("R20", "no-leave-notice-when-a-member-vanishes",
                    "announces a departure only when the member says exit",
                    "ClientSession.java",
                    List.of(
                            new Mutant.Edit("""
                                    if (ChatProtocol.endsChat(message)) {
                                                    outbox.closeAfter(ChatProtocol.GOODBYE);
                                                    return;
                                                }
                                                String line""", """
                                    if (ChatProtocol.endsChat(message)) {
                                                    room.leave(name, this);
                                                    outbox.closeAfter(ChatProtocol.GOODBYE);
                                                    return;
                                                }
                                                String line"""),
                            new Mutant.Edit("""
                                    if (name != null) {
                                                    room.leave(name, this);""", """
                                    if (name != null) {""")),
                    "in the session's finally block"),
            // ---------------------------------------------------------------- slow members (Task 4)
            new Mutant("R21", "slow-reader-stalls-everyone",
                    "waits for room in a slow member's queue (like BlockingQueue.put), holding up the whole room",
                    "Outbox.java",
                    """
                            if (queuedBytes + frame.length > limitBytes) {
                                        return false;
                                    }""",
                    """
                            while (queuedBytes + frame.length > limitBytes) {
                                        try {
                                            wait();
                                        } catch (InterruptedException e) {
                                            return false;
                                        }
                                    }""",
                    "never write to another client's socket from the sender's thread"),
            new Mutant("R21", "unbounded-outbox",
                    "never bounds a member's queue, so a member that stops reading is never dropped",
                    "Outbox.java",
                    "if (queuedBytes + frame.length > limitBytes) {",
                    "if (false) {",
                    "bound each outbox"),
            new Mutant("R22", "close-waits-for-the-queue-to-drain",
                    "makes closeAfter wait until everything queued has been written, so shutdown waits on a member "
                            + "that stopped reading",
                    "Outbox.java",
                    """
                            frames.addLast(framing.encode(last));
                                        closing = true;
                                        notifyAll();""",
                    """
                            frames.addLast(framing.encode(last));
                                        closing = true;
                                        notifyAll();
                                        while (!frames.isEmpty()) {
                                            try {
                                                wait(10);
                                            } catch (InterruptedException e) {
                                                return;
                                            }
                                        }""",
                    "Shutdown must never wait on a client that stopped reading"),
            new Mutant("R22", "closing-drops-the-queue",
                    "makes the writer stop as soon as the outbox is closing, so the last message (the shutdown notice, "
                            + "Goodbye!) is never sent",
                    "Outbox.java",
                    "byte[] first = frames.pollFirst();",
                    "byte[] first = closing ? null : frames.pollFirst();",
                    "On shutdown, every connected client, named or not, gets"),
            // ---------------------------------------------------------------- errors and the log
            new Mutant("R23", "protocol-error-closes-without-a-word",
                    "closes the connection on a bad header without sending ERROR: <reason>",
                    "ClientSession.java",
                    "outbox.closeAfter(ChatProtocol.ERROR_PREFIX + e.getMessage());",
                    "outbox.closeNow();",
                    "is a protocol error: catch the ProtocolException"),
            new Mutant("R24", "messages-not-logged",
                    "logs no message a member sends",
                    "ClientSession.java",
                    "log.println(ChatProtocol.chatLine(name, ChatProtocol.forLog(message)));",
                    "",
                    "log each message a member sends"),
            new Mutant("R24", "logs-messages-without-the-sender",
                    "logs the text of each message, but not who sent it",
                    "ClientSession.java",
                    "log.println(ChatProtocol.chatLine(name, ChatProtocol.forLog(message)));",
                    "log.println(ChatProtocol.forLog(message));",
                    "says who sent it"),
            new Mutant("R24", "logs-raw-client-text",
                    "logs every message as it came, ESC sequences, bidi controls and megabytes included",
                    "ClientSession.java",
                    "log.println(ChatProtocol.chatLine(name, ChatProtocol.forLog(message)));",
                    "log.println(ChatProtocol.chatLine(name, message));",
                    "log it through ChatProtocol.forLog"),
            new Mutant("R24", "logs-whole-messages",
                    "sanitizes what it logs but never cuts it, so one client floods the operator's terminal",
                    "ClientSession.java",
                    "log.println(ChatProtocol.chatLine(name, ChatProtocol.forLog(message)));",
                    "log.println(ChatProtocol.chatLine(name, ChatProtocol.sanitize(message)));",
                    "log it through ChatProtocol.forLog"),
            new Mutant("R24", "logs-refused-names-raw",
                    "logs a refused name as it came",
                    "ClientSession.java",
                    "log.println(\"[NAME REFUSED] \" + peer + \": \" + ChatProtocol.forLog(name) + \" (\" + problem + \")\");",
                    "log.println(\"[NAME REFUSED] \" + peer + \": \" + name + \" (\" + problem + \")\");",
                    "log it through ChatProtocol.forLog"),
            // ---------------------------------------------------------------- the client (Task 5)
            new Mutant("R25", "client-prints-only-after-the-typing-ends",
                    "waits for the console thread before printing what arrives, so nothing shows while nobody types",
                    "ChatClient.java",
                    """
                            typing.start();
                                        printArrivals(socket);""",
                    """
                            typing.start();
                                        try {
                                            typing.join();
                                        } catch (InterruptedException e) {
                                            return;
                                        }
                                        printArrivals(socket);""",
                    "Print every frame as it arrives"),
            new Mutant("R25", "client-glues-messages-together",
                    "prints each arriving frame with print instead of println",
                    "ChatClient.java",
                    "out.println(ChatProtocol.sanitize(line));",
                    "out.print(ChatProtocol.sanitize(line));",
                    "as a line of its own"),
            new Mutant("R26", "client-sends-blank-lines",
                    "sends every typed line, blank ones included",
                    "ChatClient.java",
                    """
                            if (line != null && line.isBlank()) {
                                                continue; // nothing to say: an empty frame would only be broadcast as "[name] "
                                            }""",
                    "",
                    "Skip a typed line that is blank"),
            new Mutant("R27", "console-end-does-not-leave",
                    "stops the console thread at the end of input without telling the server",
                    "ChatClient.java",
                    "String message = line == null ? ChatProtocol.EXIT : line;",
                    """
                            if (line == null) {
                                                return;
                                            }
                                            String message = line;""",
                    "readLine() returns null at the end of input"),
            new Mutant("R28", "client-ends-silently",
                    "returns when the server closes the connection without saying so",
                    "ChatClient.java",
                    "        out.println(\"Connection closed.\");\n",
                    "",
                    "print \"Connection closed.\" and return"),
            new Mutant("R29", "client-crashes-on-an-over-long-line",
                    "lets the over-long message's IllegalArgumentException end the console thread",
                    "ChatClient.java",
                    """
                            byte[] frame;
                                            try {
                                                frame = framing.encode(message);
                                            } catch (IllegalArgumentException tooLong) {
                                                out.println("[ERROR] Not sent: " + tooLong.getMessage() + ".");
                                                continue;
                                            }""",
                    "byte[] frame = framing.encode(message);",
                    "Framing.encode throws IllegalArgumentException for it"),
            new Mutant("R30", "stack-trace-for-a-vanished-peer",
                    "prints the stack trace when a peer's connection is reset",
                    "ClientSession.java",
                    "log.println(\"[CONNECTION LOST] \" + peer + \": \" + e.getMessage());",
                    "e.printStackTrace();",
                    "not e.printStackTrace()"),
            new Mutant("R30", "client-keeps-running-after-the-server-left",
                    "makes the console thread a normal thread, so the client program cannot end while it waits "
                            + "for a line",
                    "ChatClient.java",
                    "typing.setDaemon(true);",
                    "",
                    "make it a daemon"));
}
