package io.playerbase.bootstrap.cli;

import io.playerbase.adapters.mongo.legacy.LegacyDatabaseGenerator;
import io.playerbase.adapters.mongo.legacy.LegacyTestData;
import jakarta.inject.Singleton;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Function;

/**
 * Test data: {@code generate-legacy --users N [--seed S] --yes-write-test-data} writes N users as the old
 * system left them (docs/migrations.md) into an empty database, to rehearse a takeover on. Migrations do
 * not run first: the database must look as the old system left it.
 */
@Singleton
final class GenerateLegacyCommand implements CliCommand {

    static final String CONFIRMATION = "--yes-write-test-data";
    static final String USAGE = "Usage: generate-legacy --users N [--seed S] " + CONFIRMATION;

    private final LegacyTestData testData;

    GenerateLegacyCommand(LegacyTestData testData) {
        this.testData = testData;
    }

    @Override
    public String name() {
        return "generate-legacy";
    }

    @Override
    public String summary() {
        return "test data: write N old-system users into an empty database (--users N [--seed S] " + CONFIRMATION + ")";
    }

    @Override
    public boolean needsMigratedDatabase() {
        return false;
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) {
        Integer users = number(CreateAdminCommand.option(arguments, "--users"), Integer::parseInt);
        String seedText = CreateAdminCommand.option(arguments, "--seed");
        Long seed = seedText == null ? Long.valueOf(1) : number(seedText, Long::parseLong);
        if (users == null || users < 1 || seed == null) {
            err.println(USAGE + "   (N a positive whole number, S a whole number, default 1)");
            return 2;
        }
        if (!arguments.contains(CONFIRMATION)) {
            err.println("generate-legacy writes generated test users into database " + testData.databaseName()
                    + ". Run it again with " + CONFIRMATION + " to confirm.");
            return 2;
        }
        String refusal = testData.refusal();
        if (refusal != null) {
            err.println("generate-legacy refused: " + refusal + ".");
            return 3;
        }
        TerminalProgress terminal = TerminalProgress.on(out);
        LegacyDatabaseGenerator.Written written = testData.write(users, seed, terminal);
        terminal.finish();
        out.printf("Wrote %d old-system users into database %s %s (seed %d): %d with colliding emails, %d audit entries.%n",
                written.users(), testData.databaseName(), terminal.took(written.users(), "users"), seed,
                written.duplicateEmailUsers(), written.auditEntries());
        // Public test data (the same password for every generated user), not a secret.
        out.println("Users player1 … player" + written.users() + ", password " + LegacyDatabaseGenerator.PASSWORD + " (bcrypt, as the old system stored it).");
        out.println("Next: status, migrate, reencrypt (docs/migrations.md).");
        return 0;
    }

    private static <T> T number(String text, Function<String, T> parse) {
        if (text == null) {
            return null;
        }
        try {
            return parse.apply(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
