package io.playerbase.adapters.mongo.support;

/**
 * Told how far a long pass has got, so the command running it can show progress. Called from the
 * pass's own thread after each batch; must be quick and must not throw.
 */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (phase, done, total) -> { };

    /**
     * @param phase what is being worked through now, e.g. {@code users}
     * @param done  items of this phase handled so far
     * @param total items of this phase in all (an estimate where the store gives only that)
     */
    void progress(String phase, long done, long total);
}
