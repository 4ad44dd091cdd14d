package chatlab.step1;

/**
 * What one side decided to do on its turn: send a message, and whether the chat ends with it.
 */
record Turn(String message, boolean last) {
    static Turn say(String message) {
        return new Turn(message, false);
    }

    static Turn end(String message) {
        return new Turn(message, true);
    }
}
