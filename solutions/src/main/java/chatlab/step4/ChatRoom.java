package chatlab.step4;

import java.util.HashMap;
import java.util.Map;

/**
 * Who is in the chat, and what reaches whom. One lock guards the members, so that every join,
 * message and leave happens in one order that every member sees. Holding it is cheap: delivering
 * only queues a message in the member's outbox, it never waits for the network.
 */
final class ChatRoom {
    /** The named members, by {@link ChatProtocol#key}: names are unique ignoring case. Guarded by this. */
    private final Map<String, ClientSession> members = new HashMap<>();

    /**
     * Lets the member in under the name, or says why not. The newcomer is greeted before anyone can
     * send to it, and the others are told; the newcomer is not told of its own arrival.
     *
     * @return null if the member joined, or the reason the name is not available
     */
    synchronized String join(String name, ClientSession member) {
        String problem = ChatProtocol.nameProblem(name);
        if (problem != null) {
            return problem;
        }
        if (members.containsKey(ChatProtocol.key(name))) {
            return "\"" + name + "\" is taken";
        }
        deliverOrDrop(member, ChatProtocol.hello(name));
        sendToAll(ChatProtocol.joined(name));
        members.put(ChatProtocol.key(name), member);
        return null;
    }

    /** Takes the member out and tells the others; does nothing if it has already left. */
    synchronized void leave(String name, ClientSession member) {
        if (members.remove(ChatProtocol.key(name), member)) {
            sendToAll(ChatProtocol.left(name));
        }
    }

    /** Sends a line to every member but the one it comes from. */
    synchronized void broadcast(ClientSession from, String line) {
        for (ClientSession member : members.values()) {
            if (member != from) {
                deliverOrDrop(member, line);
            }
        }
    }

    private void sendToAll(String line) {
        for (ClientSession member : members.values()) {
            deliverOrDrop(member, line);
        }
    }

    /** A member whose outbox is full is too slow to wait for: it is disconnected, and leaves in its own thread. */
    private static void deliverOrDrop(ClientSession member, String line) {
        if (!member.deliver(line)) {
            member.dropAsTooSlow();
        }
    }
}
