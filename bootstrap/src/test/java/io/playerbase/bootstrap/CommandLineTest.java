package io.playerbase.bootstrap;

import io.playerbase.bootstrap.cli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineTest {

    @TempDir
    Path dataDir;

    private record Result(int exit, String out, String err) {
    }

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] withStore = new String[args.length + 2];
        System.arraycopy(args, 0, withStore, 0, args.length);
        withStore[args.length] = "--playerbase.embedded.data-dir=" + dataDir;
        withStore[args.length + 1] = "--playerbase.embedded.port=0";
        int exit = CommandLine.run(withStore, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void statusIsReadOnlyAndMigrateAppliesEverything() {
        Result before = run("status");
        assertEquals(0, before.exit());
        assertTrue(before.out().contains("Applied (0)"), before.out());
        assertFalse(before.out().contains("Pending (0)"), "a fresh database has pending change units");

        Result again = run("status");
        assertEquals(before.out(), again.out(), "status changed nothing");

        Result migrate = run("migrate");
        assertEquals(0, migrate.exit(), migrate.err());
        Result after = run("status");
        assertTrue(after.out().contains("Pending (0)"), after.out());
        assertTrue(after.out().contains("V0001"), after.out());
    }

    @Test
    void statusReportsTheLegacyDataLeft() {
        Result status = run("status");
        assertTrue(status.out().contains("Legacy data left:"), status.out());
        assertTrue(status.out().contains("Users: 0"), status.out());
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
