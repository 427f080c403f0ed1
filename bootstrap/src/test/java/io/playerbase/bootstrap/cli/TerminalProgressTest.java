package io.playerbase.bootstrap.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TerminalProgressTest {

    private static final long SECOND = 1_000_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong now = new AtomicLong(0);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aLineSaysDoneOfTotalTheRateAndTheTimeLeft() {
        assertEquals("users: 2,500/10,000 (25%), 500/s, 0:15 left", TerminalProgress.line("users", 2_500, 10_000, 2_500, 5 * SECOND));
        assertEquals("users: 10,000/10,000 (100%), 1,000/s", TerminalProgress.line("users", 10_000, 10_000, 10_000, 10 * SECOND));
        assertEquals("keys: 0/0", TerminalProgress.line("keys", 0, 0, 0, 0));
        assertEquals("1:01:01", TerminalProgress.clock(Duration.ofSeconds(3661)));
    }

    @Test
    void onATerminalTheLineIsRedrawnInPlaceAtMostFourTimesASecondAndEachPhaseKeepsItsLine() {
        TerminalProgress progress = new TerminalProgress(out, true, now::get);
        progress.progress("users", 0, 100);
        now.addAndGet(SECOND / 10);
        progress.progress("users", 10, 100);
        now.addAndGet(SECOND);
        progress.progress("users", 50, 100);
        progress.progress("ledger", 0, 4);
        progress.finish();
        out.println("Re-encrypted 104 values " + progress.took(104, "values"));

        String printed = printed();
        assertFalse(printed.contains("users: 10/100"), "too soon after the last redraw: " + printed);
        assertTrue(printed.contains("\rusers: 50/100 (50%), 45/s, 0:02 left"), printed);
        assertTrue(printed.contains("\u001b[K\n\rledger: 0/4 (0%)"), "a new phase starts a new line: " + printed);
        assertTrue(printed.endsWith("0:02 left\u001b[K\n\rledger: 0/4 (0%)\u001b[K\nRe-encrypted 104 values in 0:01 (95 values/s)\n"), printed);
    }

    @Test
    void elsewhereOnlyTheSummaryIsPrinted() {
        TerminalProgress progress = new TerminalProgress(out, false, now::get);
        progress.progress("users", 5, 10);
        now.addAndGet(2 * SECOND);
        progress.finish();
        out.println("Wrote 10 users " + progress.took(10, "users"));
        assertEquals("Wrote 10 users in 0:02 (5 users/s)\n", printed());
    }
}
