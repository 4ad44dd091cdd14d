package chatlab.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./chatlab}: the kit's tools for instructors and students, one subcommand each. */
@Command(name = "chatlab", mixinStandardHelpOptions = true, version = "Chat Lab tools 1.0",
        description = "The Chat Lab kit's tools.", subcommands = {EditionCommand.class, GradeCommand.class, GradescopeCommand.class, ReportCommand.class,
                BenchCommand.class, ProbeCommand.class})
public final class ChatLab implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Name a command, e.g. chatlab grade SUBMISSION --out RESULTS");
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ChatLab()).execute(args));
    }
}
