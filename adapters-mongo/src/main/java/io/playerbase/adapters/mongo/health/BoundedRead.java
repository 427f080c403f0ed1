package io.playerbase.adapters.mongo.health;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * What the readiness indicators share: a read of the database on the indicator's blocking executor
 * (the one {@code AbstractHealthIndicator} runs them on), waited for at most the health timeout, so a
 * hung database makes the indicator DOWN instead of hanging the probe.
 *
 * @param value    what the read returned, when it did
 * @param error    why there is no value: {@code no answer within N ms}, the failure's class and message
 *                 (driver messages name hosts and states, never credentials), or {@code interrupted}
 * @param timedOut whether the read gave no answer within the timeout
 */
record BoundedRead<T>(T value, String error, boolean timedOut) {

    static <T> BoundedRead<T> run(ExecutorService executor, Duration timeout, Supplier<T> read) {
        try {
            return new BoundedRead<>(CompletableFuture.supplyAsync(read, executor)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS), null, false);
        } catch (TimeoutException e) {
            return new BoundedRead<>(null, "no answer within " + timeout.toMillis() + " ms", true);
        } catch (ExecutionException e) {
            return new BoundedRead<>(null, e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new BoundedRead<>(null, "interrupted", false);
        }
    }

    boolean answered() {
        return error == null;
    }
}
