package io.playerbase.domain.shared;

/**
 * Keyed hash of a searchable value (email, username) so it can be found and kept unique without
 * storing it in clear. Normalizes first (trim, Unicode NFKC, lower case): values that differ only
 * by case or surrounding spaces get the same index.
 */
public interface BlindIndex {

    /** The index of a value for one purpose (e.g. {@code email}, {@code username}); stable for a key. */
    String of(String purpose, String value);
}
