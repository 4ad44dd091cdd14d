package chatlab.step4;

/**
 * What the server says, as the rules word it: the graders compare with these, never with the
 * student's own ChatProtocol, so that a changed text there cannot change what is expected.
 */
final class Expected {
    private Expected() {
    }

    static String hello(String name) {
        return "Hello " + name + ", you are now connected!";
    }

    static String joined(String name) {
        return "[SERVER] " + name + " joined the chat.";
    }

    static String left(String name) {
        return "[SERVER] " + name + " left the chat.";
    }

    static String chatLine(String name, String text) {
        return "[" + name + "] " + text;
    }
}
