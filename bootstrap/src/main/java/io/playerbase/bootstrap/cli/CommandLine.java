package io.playerbase.bootstrap.cli;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.playerbase.adapters.mongo.connection.EmbeddedMongoServer;
import io.playerbase.adapters.mongo.migration.MigrationRunner;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one command in an application context without the HTTP server. Migrations never run
 * implicitly here (so {@code status} can look at a database without changing it); commands that need
 * a migrated database get one first. {@code status} on an embedded data directory that holds no
 * store says so and creates nothing; a store locked by a running service is one line, not a trace.
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
        if ("status".equals(args[0])) {
            Optional<Path> missing = missingEmbeddedStore(args);
            if (missing.isPresent()) {
                err.println("No database here: " + missing.get() + " holds no embedded store; nothing was created. "
                        + "Point --playerbase.embedded.data-dir (PLAYERBASE_DATA_DIR) or MONGODB_URI at one.");
                return 1;
            }
        }
        try {
            return runInContext(args, in, out, err);
        } catch (RuntimeException e) {
            String locked = lockedStore(e);
            if (locked == null) {
                throw e;
            }
            err.println(locked + " Stop it, or run the command against another data directory.");
            return 1;
        }
    }

    private static int runInContext(String[] args, InputStream in, PrintStream out, PrintStream err) {
        try (ApplicationContext context = ApplicationContext.builder()
                .args(args)
                // No HTTP server, no migrations unless the command needs them, no background jobs (leases).
                .properties(Map.of("playerbase.migrations.run-at-start", "false", "micronaut.server.enabled", "false",
                        "playerbase.leases.enabled", "false"))
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

    /** The embedded data directory when the configuration selects one that has no store file yet. */
    private static Optional<Path> missingEmbeddedStore(String[] args) {
        try (ApplicationContext context = ApplicationContext.builder().args(args).build()) {
            Environment environment = context.getEnvironment().start();
            String uri = environment.getProperty("playerbase.mongo.uri", String.class).orElse("");
            String dataDir = environment.getProperty("playerbase.embedded.data-dir", String.class).orElse("./data").strip();
            if (!uri.isBlank() || ":memory:".equals(dataDir)) {
                return Optional.empty();
            }
            Path dir = Path.of(dataDir).toAbsolutePath().normalize();
            return EmbeddedMongoServer.holdsStore(dir) ? Optional.empty() : Optional.of(dir);
        }
    }

    /** The embedded store's own message when another process holds its file, else null. */
    private static String lockedStore(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalStateException && cause.getMessage() != null
                    && cause.getMessage().startsWith("Cannot open the embedded store")) {
                return cause.getMessage() + ".";
            }
        }
        return null;
    }

    private static void usage(List<CliCommand> commands, PrintStream err) {
        err.println("Usage: java -jar playerbase.jar [command [options]]   (no command: start the service)");
        for (CliCommand command : commands) {
            err.printf("  %-14s %s%n", command.name(), command.summary());
        }
    }
}
