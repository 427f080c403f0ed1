package io.playerbase.domain.shared;

/**
 * Marks an outgoing port that only reads: listings, reports, leaderboards, exports. Its adapters are
 * served by the read-only database role and never receive the read-write client; an
 * architecture test and a wiring test in bootstrap hold every implementation to that. Such reads may
 * come from a secondary and lag the primary slightly.
 */
public interface ReadOnlyPort {
}
