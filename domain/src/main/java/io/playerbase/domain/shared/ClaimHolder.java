package io.playerbase.domain.shared;

/**
 * Outgoing port of one kind of {@link UniqueClaims}: whether the owner named by a claim holds its key
 * now. The recovery pass asks it about claims left pending by a crash (confirm when it holds, release
 * when it does not), so it must read the owner's stored document, never a cache.
 */
public interface ClaimHolder {

    /** The {@link UniqueClaims.ClaimKey#kind()} this holder settles. */
    String kind();

    /** Whether {@code owner}'s stored document holds {@code value} of this kind right now. */
    boolean holds(String owner, String value);
}
