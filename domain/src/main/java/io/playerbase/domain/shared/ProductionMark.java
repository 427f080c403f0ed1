package io.playerbase.domain.shared;

/** Outgoing port: whether this deployment serves production (the database is marked, or configured so). */
public interface ProductionMark {

    boolean isProduction();
}
