package io.playerbase.bootstrap.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * A command of the jar ({@code java -jar playerbase.jar <name> …}). Commands are beans: add one by
 * writing a {@code @Singleton} that implements this; {@link CommandLine} finds it by name.
 */
public interface CliCommand {

    String name();

    /** One line for the usage text. */
    String summary();

    /** Whether pending migrations must be applied before the command runs. */
    default boolean needsMigratedDatabase() {
        return true;
    }

    /** Runs the command; the return value is the process exit code. */
    int run(List<String> arguments, PrintStream out, PrintStream err);

    /** The same with standard input, for commands that read it (a password); the others ignore it. */
    default int run(List<String> arguments, InputStream in, PrintStream out, PrintStream err) {
        return run(arguments, out, err);
    }
}
