package io.playerbase.domain.shared;

import java.util.List;

/**
 * Keyed hash of a searchable value (email, username) so it can be found and kept unique without
 * storing it in clear. Normalizes first (trim, Unicode NFKC, lower case): values that differ only
 * by case or surrounding spaces get the same index.
 *
 * <p>An index entry names its key ({@code <key id>:<hash>}), so index keys can rotate side by side:
 * while a rotation runs, a value is stored with an entry under the current and the next key, and
 * looked up under every live key. A unique index over the entries keeps values unique throughout.
 */
public interface BlindIndex {

    /** The entry under the current index key. */
    String of(String purpose, String value);

    /** The entries to store for a value: the current key's, and the next key's while a rotation runs. */
    List<String> entries(String purpose, String value);

    /** The entries under every live key: a stored value matches one of them at any point of a rotation. */
    List<String> lookups(String purpose, String value);
}
