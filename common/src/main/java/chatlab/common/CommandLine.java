package chatlab.common;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Given, done, shared by every step: reads {@code --flag value} (or {@code --flag=value}) and on/off {@code --switch}
 * arguments. A bad command line is an {@link IllegalArgumentException} whose message says what is
 * wrong; {@link #parseOrExit} turns it into usage on stderr and exit status 2.
 */
public final class CommandLine {
    private final Map<String, String> values;
    private final Set<String> switches;

    private CommandLine(Map<String, String> values, Set<String> switches) {
        this.values = values;
        this.switches = switches;
    }

    public static CommandLine parse(String[] args, Set<String> valueFlags, Set<String> switchFlags) {
        Map<String, String> values = new HashMap<>();
        Set<String> switches = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            String value = null;
            int equals = name.indexOf('=');
            if (name.startsWith("--") && equals > 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            if (switchFlags.contains(name) && value == null) {
                switches.add(name);
            } else if (valueFlags.contains(name)) {
                if (value == null) {
                    if (i + 1 == args.length) {
                        throw new IllegalArgumentException(name + " needs a value");
                    }
                    value = args[++i];
                }
                values.put(name, value);
            } else {
                throw new IllegalArgumentException("unknown option: " + args[i]);
            }
        }
        return new CommandLine(values, switches);
    }

    public String text(String flag, String fallback) {
        String value = values.getOrDefault(flag, fallback);
        if (value.isBlank()) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return value;
    }

    /** A TCP port: 0 asks the system for any free port. */
    public int port(String flag, int fallback) {
        String value = values.get(flag);
        if (value == null) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Reported below, with the value that was given.
        }
        throw new IllegalArgumentException(flag + " must be a number from 0 to 65535, not '" + value + "'");
    }

    /** A whole number from {@code min} up. */
    public int atLeast(String flag, int min, int fallback) {
        String value = values.get(flag);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Reported below, with the value that was given.
        }
        throw new IllegalArgumentException(flag + " must be a whole number of at least " + min + ", not '" + value + "'");
    }

    public boolean has(String flag) {
        return switches.contains(flag);
    }

    /** For main(): --help prints usage and exits 0; a bad command line prints usage and exits 2. */
    public static <T> T parseOrExit(String[] args, String usage, Function<String[], T> parser) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(usage);
            System.exit(0);
        }
        try {
            return parser.apply(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(usage);
            System.exit(2);
            throw e; // not reached: exit does not return
        }
    }
}
