package io.playerbase.bootstrap;

import io.playerbase.adapters.mongo.connection.EmbeddedMongoServer;
import io.playerbase.bootstrap.cli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.legacy.LegacyDatabaseGenerator;
import io.playerbase.application.user.port.in.AdminUserQueries;
import io.playerbase.application.user.port.in.Authenticated;
import io.playerbase.application.user.port.in.LogInUseCase;
import io.playerbase.domain.shared.PageRequest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path secrets;

    private record Result(int exit, String out, String err) {
    }

    private Result run(String... args) {
        return runWithInput("", args);
    }

    private Result runWithInput(String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] withStore = new String[args.length + 2];
        System.arraycopy(args, 0, withStore, 0, args.length);
        withStore[args.length] = "--playerbase.embedded.data-dir=" + dataDir;
        withStore[args.length + 1] = "--playerbase.embedded.port=0";
        int exit = CommandLine.run(withStore, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void statusIsReadOnlyAndMigrateAppliesEverything() throws Exception {
        Result nothing = run("status");
        assertEquals(1, nothing.exit());
        assertTrue(nothing.err().startsWith("No database here: " + dataDir.toAbsolutePath().normalize()), nothing.err());
        try (var files = Files.list(dataDir)) {
            assertEquals(List.of(), files.toList(), "status created no store and no key");
        }

        Result migrate = run("migrate");
        assertEquals(0, migrate.exit(), migrate.err());
        Result after = run("status");
        assertEquals(0, after.exit(), after.err());
        assertTrue(after.out().contains("Pending (0)"), after.out());
        assertTrue(after.out().contains("V0001"), after.out());
        assertEquals(after.out(), run("status").out(), "status changed nothing");
    }

    @Test
    void aStoreInUseByAnotherProcessIsOneLineNotAStackTrace() {
        assertEquals(0, run("migrate").exit());
        try (EmbeddedMongoServer service = EmbeddedMongoServer.startWithFile(dataDir, 0)) {
            Result locked = run("status");
            assertEquals(1, locked.exit());
            assertEquals(1, locked.err().strip().lines().count(), locked.err());
            assertTrue(locked.err().startsWith("Cannot open the embedded store"), locked.err());
        }
        assertEquals(0, run("status").exit(), "free again once the other process is gone");
    }

    @Test
    void createAdminTakesThePasswordFromStandardInputAndNeverFromADefault() {
        Result created = runWithInput("admin password 2026\n", "create-admin", "--email", "root@example.com", "--username", "root");
        assertEquals(0, created.exit(), created.err());
        assertTrue(created.out().contains("Created admin root"), created.out());
        assertFalse(created.out().contains("admin password 2026") || created.err().contains("admin password 2026"));

        try (ApplicationContext context = ApplicationContext.run(Map.of("playerbase.embedded.data-dir", dataDir.toString(),
                "playerbase.embedded.port", 0, "micronaut.server.enabled", false))) {
            Authenticated root = context.getBean(LogInUseCase.class).logIn(new LogInUseCase.Command("root@example.com",
                    "admin password 2026", "test"));
            assertEquals(List.of("admin", "player"), root.roles());
        }

        Result again = runWithInput("another password\n", "create-admin", "--email", "other@example.com", "--username", "ROOT");
        assertEquals(1, again.exit(), "an existing account is never overwritten");
        assertTrue(again.err().contains("username"), again.err());

        Result noPassword = runWithInput("", "create-admin", "--email", "x@example.com", "--username", "nobody");
        assertEquals(2, noPassword.exit());
        assertTrue(noPassword.err().contains("No password given"), noPassword.err());

        Result weak = runWithInput("short\n", "create-admin", "--email", "y@example.com", "--username", "weakling");
        assertEquals(1, weak.exit());
        assertTrue(weak.err().contains("password"), weak.err());

        Result usage = runWithInput("admin password 2026\n", "create-admin", "--username", "nomail");
        assertEquals(2, usage.exit());
    }

    @Test
    void createAdminReadsAPasswordFile() throws Exception {
        Path file = Files.writeString(secrets.resolve("admin_password"), "file password 2026\n");
        Result created = run("create-admin", "--email=ops@example.com", "--username=ops", "--password-file", file.toString());
        assertEquals(0, created.exit(), created.err());
        try (ApplicationContext context = ApplicationContext.run(Map.of("playerbase.embedded.data-dir", dataDir.toString(),
                "playerbase.embedded.port", 0, "micronaut.server.enabled", false))) {
            assertEquals("ops", context.getBean(AdminUserQueries.class).list(new AdminUserQueries.ListQuery(
                    "ops@example.com", null, null, null, PageRequest.first(5))).items().get(0).username());
            context.getBean(LogInUseCase.class).logIn(new LogInUseCase.Command("ops", "file password 2026", "test"));
        }
        Files.delete(file);
        Result missing = run("create-admin", "--email", "b@example.com", "--username", "bee", "--password-file", file.toString());
        assertEquals(2, missing.exit());
    }

    @Test
    void statusReportsTheLegacyDataLeftApartFromTheUserCount() {
        assertEquals(0, run("migrate").exit());
        String status = run("status").out();
        assertTrue(status.contains("Users: 5\nLegacy data left:\n"), "the computer players are not legacy data: " + status);
        assertTrue(status.contains("  Legacy credit balances not mapped to a balance (not whole credits): 0"), status);
    }

    @Test
    void resetNeedsConfirmationAndRefusesADatabaseMarkedProduction() {
        assertEquals(0, run("migrate").exit());
        Result unconfirmed = run("reset");
        assertEquals(2, unconfirmed.exit());
        assertTrue(unconfirmed.err().contains("--yes-erase-everything"), unconfirmed.err());

        Result reset = run("reset", "--yes-erase-everything");
        assertEquals(0, reset.exit(), reset.err());
        assertTrue(run("status").out().contains("Pending (0)"), "fresh setup applied again");
        assertTrue(run("status").out().contains("Users: 5"), "only the computer players");

        Result byConfig = run("reset", "--yes-erase-everything", "--playerbase.environment=production");
        assertEquals(3, byConfig.exit());
        assertTrue(byConfig.err().contains("playerbase.environment"), byConfig.err());

        assertEquals(0, run("mark-production").exit());
        Result marked = run("reset", "--yes-erase-everything");
        assertEquals(3, marked.exit());
        assertTrue(marked.err().contains("marked production"), marked.err());
        assertTrue(run("status").out().contains("Pending (0)"), "nothing was erased");
    }

    @Test
    void generateLegacyWritesAnOldSystemDatabaseThatMigrateTakesOver() {
        Result unconfirmed = run("generate-legacy", "--users", "60");
        assertEquals(2, unconfirmed.exit());
        assertTrue(unconfirmed.err().contains("--yes-write-test-data"), unconfirmed.err());
        assertEquals(2, run("generate-legacy", "--yes-write-test-data").exit(), "--users is required");
        assertEquals(2, run("generate-legacy", "--users", "many", "--yes-write-test-data").exit());
        assertEquals(3, run("generate-legacy", "--users", "60", "--yes-write-test-data",
                "--playerbase.environment=production").exit(), "refused where reset is refused");
        assertTrue(run("status").out().contains("Users: 0"), "nothing written by the refused runs");

        Result generated = run("generate-legacy", "--users=60", "--seed", "4", "--yes-write-test-data");
        assertEquals(0, generated.exit(), generated.err());
        assertTrue(generated.out().matches("(?s)Wrote 60 old-system users into database playerbase in \\d+:\\d\\d \\([\\d,]+ users/s\\).*"),
                "the summary, and no progress drawn (not a terminal): " + generated.out());
        Result legacy = run("status");
        assertTrue(legacy.out().contains("Users: 60"), legacy.out());
        assertTrue(legacy.out().contains("Users without is_comp_player: 60"), "the old system's shape: " + legacy.out());
        assertFalse(legacy.out().contains("Applied (0)") && legacy.out().contains("Pending (0)"));

        Result again = run("generate-legacy", "--users", "5", "--yes-write-test-data");
        assertEquals(3, again.exit(), "never mixed into a database that has users");
        assertTrue(again.err().contains("users") && again.err().contains("not empty"), again.err());

        Result migrate = run("migrate");
        assertEquals(0, migrate.exit(), migrate.err());
        assertTrue(migrate.out().matches("(?s)Applied \\d+ change units in \\d+:\\d\\d \\([\\d,]+ change units/s\\)\\nApplied: .*"),
                "the summary, and no progress drawn: " + migrate.out());
        Result migrated = run("status");
        assertTrue(migrated.out().contains("Pending (0)"), migrated.out());
        assertTrue(migrated.out().contains("Users: 65"), "the legacy users and the five computer players: " + migrated.out());
        assertTrue(migrated.out().contains("Users without is_comp_player: 0"), migrated.out());

        try (ApplicationContext context = ApplicationContext.run(Map.of("playerbase.embedded.data-dir", dataDir.toString(),
                "playerbase.embedded.port", 0, "micronaut.server.enabled", false))) {
            Authenticated player = context.getBean(LogInUseCase.class).logIn(new LogInUseCase.Command("player7",
                    LegacyDatabaseGenerator.PASSWORD, "test"));
            assertEquals(List.of("player"), player.roles());
        }

        assertEquals(0, run("mark-production").exit());
        Result marked = run("generate-legacy", "--users", "5", "--yes-write-test-data");
        assertEquals(3, marked.exit());
        assertTrue(marked.err().contains("marked production"), marked.err());
    }

    @Test
    void unknownCommandsPrintTheUsage() {
        Result result = run("frobnicate");
        assertEquals(2, result.exit());
        assertTrue(result.err().contains("migrate") && result.err().contains("status"), result.err());
    }

    @Test
    void optionsAloneStartTheServiceRatherThanACommand() {
        assertFalse(CommandLine.isCommand(new String[]{"-Dx=y"}));
        assertFalse(CommandLine.isCommand(new String[0]));
        assertTrue(CommandLine.isCommand(new String[]{"status"}));
    }
}
