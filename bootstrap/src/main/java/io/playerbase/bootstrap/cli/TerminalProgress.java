package io.playerbase.bootstrap.cli;

import io.playerbase.adapters.mongo.support.ProgressListener;

import java.io.Console;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long command: on a terminal one line per phase, rewritten in place at most four times
 * a second, with done/total, rate and time left; elsewhere (a pipe, a log file, a test) nothing, so
 * output stays clean. The command's summary, with {@link #took}, is printed either way.
 */
final class TerminalProgress implements ProgressListener {

    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private final long started;
    private String phase;
    private long phaseStarted;
    private long phaseStartDone;
    private long lastDrawn = Long.MIN_VALUE;
    private boolean lineOpen;

    TerminalProgress(PrintStream out, boolean terminal, LongSupplier nanoTime) {
        this.out = out;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
        this.started = nanoTime.getAsLong();
    }

    /** Progress on {@code out} when the process writes to a terminal. */
    static TerminalProgress on(PrintStream out) {
        return new TerminalProgress(out, out == System.out && isTerminal(System.console()), System::nanoTime);
    }

    /** {@code Console.isTerminal()} where the JDK has it (22+); before that a console exists only on a terminal. */
    private static boolean isTerminal(Console console) {
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    @Override
    public synchronized void progress(String phase, long done, long total) {
        if (!terminal) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (!phase.equals(this.phase)) {
            endLine();
            this.phase = phase;
            phaseStarted = now;
            phaseStartDone = done;
        } else if (done < total && now - lastDrawn < REDRAW_NANOS) {
            return;
        }
        lastDrawn = now;
        out.print("\r" + line(phase, done, total, done - phaseStartDone, now - phaseStarted) + "\u001b[K");
        out.flush();
        lineOpen = true;
    }

    /** Ends the progress line, if one is open, so that the command's summary starts on a line of its own. */
    synchronized void finish() {
        endLine();
    }

    /** For the command's summary, printed whether or not there is a terminal: {@code in 0:42 (1,234 users/s)}. */
    String took(long items, String unit) {
        long nanos = Math.max(nanoTime.getAsLong() - started, 1);
        return String.format(Locale.ROOT, "in %s (%,.0f %s/s)", clock(Duration.ofNanos(nanos)), items / (nanos / 1e9), unit);
    }

    static String line(String phase, long done, long total, long doneInPhase, long nanosInPhase) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s: %,d/%,d", phase, done, total));
        if (total > 0) {
            line.append(String.format(Locale.ROOT, " (%d%%)", Math.min(100, done * 100 / total)));
        }
        if (nanosInPhase > 0 && doneInPhase > 0) {
            double rate = doneInPhase / (nanosInPhase / 1e9);
            line.append(String.format(Locale.ROOT, ", %,.0f/s", rate));
            if (done < total) {
                line.append(", ").append(clock(Duration.ofSeconds((long) Math.ceil((total - done) / rate)))).append(" left");
            }
        }
        return line.toString();
    }

    static String clock(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    private void endLine() {
        if (lineOpen) {
            out.println();
            lineOpen = false;
        }
    }
}
