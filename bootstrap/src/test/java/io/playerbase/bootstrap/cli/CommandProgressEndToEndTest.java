package io.playerbase.bootstrap.cli;

import io.playerbase.bootstrap.Application;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The long commands of the jar as a person runs them, each in a JVM of its own: on a terminal (a
 * pseudo-terminal made by util-linux {@code script}) they draw progress lines (done/total, percentage,
 * rate; redrawn in place) and end with a summary; elsewhere they print the summary only (checked
 * here for reencrypt, and for generate-legacy and migrate by {@code CommandLineTest}, in-process).
 * Skipped, saying why, where {@code script} is missing.
 */
class CommandProgressEndToEndTest {

    private static final Path SCRIPT = Path.of("/usr/bin/script");
    /** A progress line as {@link TerminalProgress} draws it, ended by "erase to the end of the line". */
    private static final String ERASE = "\u001b[K";
    private static final Pattern SUMMARY_TIME = Pattern.compile("in \\d+:\\d\\d \\([\\d,]+ [a-z ]+/s\\)");

    @TempDir
    static Path temp;

    @BeforeAll
    static void needsScript() {
        if (!Files.isExecutable(SCRIPT)) {
            System.out.println("CommandProgressEndToEndTest skipped: no " + SCRIPT + " (util-linux) to give a command a terminal");
        }
        assumeTrue(Files.isExecutable(SCRIPT), "no " + SCRIPT);
    }

    @Test
    void onATerminalTheLongCommandsShowProgressAndASummaryPipedTheSummaryOnly() throws Exception {
        Path data = temp.resolve("data");

        String generated = onTerminal(data, "generate-legacy", "--users", "150", "--yes-write-test-data");
        String migrated = onTerminal(data, "migrate");
        String reencrypted = onTerminal(data, "reencrypt");
        // Nothing left to do the second time, but a summary all the same; not on a terminal, no progress.
        String piped = piped(data, "reencrypt");

        assertTrue(generated.contains("users: 150/150 (100%)") && generated.contains(ERASE), generated);
        assertTrue(Pattern.compile("Wrote 150 old-system users into database playerbase " + SUMMARY_TIME).matcher(generated).find(),
                generated);
        assertTrue(Pattern.compile("change units: \\d+/\\d+").matcher(migrated).find() && migrated.contains(ERASE), migrated);
        assertTrue(Pattern.compile("Applied \\d+ change units " + SUMMARY_TIME).matcher(migrated).find(), migrated);
        assertTrue(Pattern.compile("[a-z_ ]+: [\\d,]+/[\\d,]+ \\(\\d+%\\)").matcher(reencrypted).find() && reencrypted.contains(ERASE),
                reencrypted);
        assertTrue(Pattern.compile("Pass \\w+ " + SUMMARY_TIME).matcher(reencrypted).find(), reencrypted);
        assertTrue(Pattern.compile("Legacy values encrypted: [1-9]").matcher(reencrypted).find(), reencrypted);

        assertFalse(piped.contains(ERASE) || piped.contains("\r"), "no progress drawn when piped: " + piped);
        assertTrue(Pattern.compile("Pass \\w+ " + SUMMARY_TIME).matcher(piped).find(), piped);
        assertTrue(piped.contains("Legacy values encrypted: 0"), piped);
    }

    /** The command's standard output on a pseudo-terminal (its own "\n" arrive as "\r\n"). */
    private static String onTerminal(Path data, String... command) throws Exception {
        String line = java(data, command).stream().map(CommandProgressEndToEndTest::quoted).collect(Collectors.joining(" "));
        return run(List.of(SCRIPT.toString(), "--quiet", "--return", "--command", line, "/dev/null"));
    }

    /** The command run in this JVM with its output in memory: not a terminal, as when piped. */
    private static String piped(Path data, String... command) {
        List<String> arguments = new ArrayList<>(List.of(command));
        arguments.addAll(List.of("--playerbase.embedded.data-dir=" + data, "--playerbase.embedded.port=0"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = CommandLine.run(arguments.toArray(String[]::new), InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, text);
        return text;
    }

    /** This JVM's java and class path running the jar's main class, on its own embedded store. */
    private static List<String> java(Path data, String... command) {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Application.class.getName()));
        line.addAll(List.of(command));
        line.addAll(List.of("--playerbase.embedded.data-dir=" + data, "--playerbase.embedded.port=0"));
        return line;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile(temp, "command", ".out");
        // Standard input stays an open pipe: script ends early when its input ends.
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(temp.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        boolean ended = process.waitFor(180, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }
        process.getOutputStream().close();
        String text = Files.readString(output, StandardCharsets.UTF_8);
        System.out.printf("%s: %d ms%n", command.getLast(), (System.nanoTime() - started) / 1_000_000);
        assertTrue(ended, "the command did not end within 180 s: " + text);
        assertEquals(0, process.exitValue(), text);
        return text;
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
