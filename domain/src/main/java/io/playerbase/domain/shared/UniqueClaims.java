package io.playerbase.domain.shared;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Outgoing port for uniqueness that does not rest on a secondary unique index (which a sharded
 * collection can only enforce when the index starts with its shard key): a natural key (an email's
 * blind index, a username's, a store transaction, an API key id) is claimed in a store of its own,
 * one document per key, before the document that owns it is written. Taking a claim is one
 * single-document insert, so of any number of concurrent claimants exactly one wins.
 *
 * <p>The protocol every owner follows (docs/scaling.md):
 * <ol>
 *   <li>{@link #claim} each key the new or changed document will hold: the claim is <em>pending</em>;</li>
 *   <li>{@link #startRelease} each key the document will give up (it becomes pending again);</li>
 *   <li>write the owning document (one conditional single-document write);</li>
 *   <li>{@link #confirm} the new keys, {@link #release} the given-up ones. When the write was refused
 *       (a stale version, a taken value), {@link #confirm} the old keys again and leave the new ones to
 *       the recovery pass ({@link #startRelease}): a concurrent write of the same owner may hold them by
 *       now. Only a new owner (an id no one else can use) releases its refused claims at once.</li>
 * </ol>
 * A crash anywhere leaves claims pending; {@link #settlePending} (run periodically on one instance)
 * asks each kind's {@link ClaimHolder} whether the owner holds the key now, and confirms the claim if
 * it does and deletes it if not. Settling only claims older than any owner write takes means it never
 * races a request in flight.
 */
public interface UniqueClaims {

    /**
     * Claims {@code key} for {@code owner} (pending until {@link #confirm}).
     *
     * @return true when the key is now the owner's (also when the owner already held or claimed it);
     *         false when another owner holds or claims it
     */
    boolean claim(ClaimKey key, String owner, Instant now);

    /** The owner's write is stored: the claim is held for good. No-op when the owner does not hold it. */
    void confirm(ClaimKey key, String owner);

    /**
     * The owner is about to give the key up (a username change, an erasure): its held claim becomes
     * pending again, so a crash before the owner's write is settled from what the owner holds then.
     */
    void startRelease(ClaimKey key, String owner, Instant now);

    /** Frees the key if {@code owner} claims or holds it; no-op otherwise (never frees another owner's claim). */
    void release(ClaimKey key, String owner);

    /** Who claims or holds the key, if anyone. */
    Optional<Claim> find(ClaimKey key);

    /**
     * Settles the claims pending since before {@code claimedBefore}: each is confirmed when its kind's
     * holder says the owner holds the key, and deleted when it does not. Claims of a kind without a
     * holder are left as they are (and reported by the adapter). Returns how many were settled.
     */
    int settlePending(Instant claimedBefore, Map<String, ClaimHolder> holders);

    /**
     * A natural key of one kind. Its id, {@code <kind>:<value>}, is the claim's identity; {@code kind}
     * says which {@link ClaimHolder} settles it.
     */
    record ClaimKey(String kind, String value) {

        private static final Pattern KIND = Pattern.compile("[a-z][a-z_]{0,31}");

        public ClaimKey {
            if (kind == null || !KIND.matcher(kind).matches()) {
                throw new IllegalArgumentException("a claim kind is 1-32 lower-case letters or '_': " + kind);
            }
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("a claim needs a value");
            }
        }

        public String id() {
            return kind + ":" + value;
        }

        /** The key of a claim id written by {@link #id()}. */
        public static ClaimKey ofId(String id) {
            int colon = id.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("not a claim id: " + id);
            }
            return new ClaimKey(id.substring(0, colon), id.substring(colon + 1));
        }

        @Override
        public String toString() {
            return kind + ":…";
        }
    }

    /** A stored claim: who, and whether the owner's write is still unsettled. */
    record Claim(ClaimKey key, String owner, boolean pending, Instant since) {

        public Claim {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(since, "since");
        }
    }
}
