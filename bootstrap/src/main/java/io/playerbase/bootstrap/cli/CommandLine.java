package io.playerbase.bootstrap.cli;

import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.migration.MigrationRunner;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one command in an application context without the HTTP server. Migrations never run
 * implicitly here (so {@code status} can look at a database without changing it); commands that need
 * a migrated database get one first.
 */
public final class CommandLine {

    private CommandLine() {
    }

    /** Whether the arguments name a command (rather than starting the service). */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && !args[0].startsWith("-");
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err);
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        try (ApplicationContext context = ApplicationContext.builder()
                .args(args)
                .properties(Map.of("playerbase.migrations.run-at-start", "false", "micronaut.server.enabled", "false"))
                .start()) {
            List<CliCommand> commands = context.getBeansOfType(CliCommand.class).stream()
                    .sorted(Comparator.comparing(CliCommand::name)).toList();
            Optional<CliCommand> command = commands.stream().filter(c -> c.name().equals(args[0])).findFirst();
            if (command.isEmpty()) {
                err.println("Unknown command '" + args[0] + "'.");
                usage(commands, err);
                return 2;
            }
            if (command.get().needsMigratedDatabase()) {
                context.getBean(MigrationRunner.class).migrate();
            }
            return command.get().run(Arrays.asList(args).subList(1, args.length), in, out, err);
        }
    }

    private static void usage(List<CliCommand> commands, PrintStream err) {
        err.println("Usage: java -jar playerbase.jar [command [options]]   (no command: start the service)");
        for (CliCommand command : commands) {
            err.printf("  %-14s %s%n", command.name(), command.summary());
        }
    }
}
