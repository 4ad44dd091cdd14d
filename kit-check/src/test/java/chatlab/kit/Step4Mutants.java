package chatlab.kit;

import java.util.List;
import java.util.Map;

/** Step 4: chat rooms that echo, stall, leak control characters, or lose track of who is there. */
final class Step4Mutants {
    private Step4Mutants() {
    }

    /** Rules that no deterministic mutant can break, each with the reason. */
    static final Map<String, String> WITHOUT_MUTANT = Map.of();

    static final List<Mutant> ALL = List.of(
            new Mutant("R?", "echoes-to-the-sender",
                    "broadcasts a message to every member, the sender included",
                    "ChatRoom.java",
                    """
                            if (member != from) {
                                            deliverOrDrop(member, line);
                                        }""",
                    "deliverOrDrop(member, line);",
                    "never back to the sender"),
            new Mutant("R?", "slow-reader-stalls-everyone",
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
            new Mutant("R?", "unbounded-outbox",
                    "never bounds a member's queue, so a member that stops reading is never dropped",
                    "Outbox.java",
                    "if (queuedBytes + frame.length > limitBytes) {",
                    "if (false) {",
                    "bound each outbox"),
            new Mutant("R?", "names-unique-only-in-one-case",
                    "keeps names unique case-sensitively, so Alice and ALICE can both join",
                    "ChatProtocol.java",
                    "return name.toLowerCase(Locale.ROOT);",
                    "return name;",
                    "ignoring case"),
            new Mutant("R?", "no-leave-notice-when-a-member-vanishes",
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
            new Mutant("R?", "passes-control-characters-through",
                    "broadcasts what a member typed as it came, ESC sequences and all",
                    "ChatProtocol.java",
                    """
                            StringBuilder safe = new StringBuilder(text.length());
                                    text.codePoints().forEach(c -> safe.appendCodePoint(Character.isISOControl(c) ? '?' : c));
                                    return safe.toString();""",
                    "return text;",
                    "control characters"),
            new Mutant("R?", "announces-the-join-to-the-newcomer",
                    "adds the newcomer to the room before announcing it, so it is told of its own arrival",
                    "ChatRoom.java",
                    """
                            sendToAll(ChatProtocol.joined(name));
                                    members.put(ChatProtocol.key(name), member);""",
                    """
                            members.put(ChatProtocol.key(name), member);
                                    sendToAll(ChatProtocol.joined(name));""",
                    "not to the newcomer"),
            new Mutant("R?", "accepts-an-empty-name",
                    "never checks that a name has at least one character",
                    "ChatProtocol.java",
                    """
                            if (name.isEmpty()) {
                                        return "a name needs at least one character";
                                    }""",
                    "",
                    "1 to 32 characters"),
            new Mutant("R?", "client-keeps-running-after-the-server-left",
                    "makes the console thread a normal thread, so the client program cannot end while it waits "
                            + "for a line",
                    "ChatClient.java",
                    "typing.setDaemon(true);",
                    "",
                    "Connection closed."));
}
