package chatlab.step4;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Who is in the chat, and what reaches whom. One lock guards the members, so that every join,
 * message and leave happens in one order that every member sees. Holding it is cheap: delivering
 * only queues a message in the member's outbox, it never waits for the network.
 *
 * <p>Design: the room's monitor is the lock; the members are a copy-on-write list (joins and
 * leaves are rare, deliveries are many), searched by key when a name is claimed.
 */
final class ChatRoom {
    /** A member: its name as shown, the key that makes it unique, and its session. */
    private record Member(String name, String key, ClientSession session) {
    }

    private final List<Member> members = new CopyOnWriteArrayList<>();

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
        String key = ChatProtocol.key(name);
        for (Member present : members) {
            if (present.key().equals(key)) {
                return "\"" + name + "\" is taken";
            }
        }
        if (!member.deliver(ChatProtocol.hello(name))) {
            member.dropAsTooSlow();
            return "the connection is not keeping up";
        }
        tellAllBut(member, ChatProtocol.joined(name));
        members.add(new Member(name, key, member));
        return null;
    }

    /** Takes the member out and tells the others; does nothing if it has already left. */
    synchronized void leave(String name, ClientSession member) {
        if (members.removeIf(present -> present.session() == member)) {
            tellAllBut(member, ChatProtocol.left(name));
        }
    }

    /** Sends a line to every member but the one it comes from. */
    synchronized void broadcast(ClientSession from, String line) {
        tellAllBut(from, line);
    }

    /** With the monitor held. A member that cannot take more is dropped; its session then leaves. */
    private void tellAllBut(ClientSession from, String line) {
        for (Member member : members) {
            if (member.session() != from && !member.session().deliver(line)) {
                member.session().dropAsTooSlow();
            }
        }
    }
}
