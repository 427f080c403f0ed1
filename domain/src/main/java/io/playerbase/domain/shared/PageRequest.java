package io.playerbase.domain.shared;

/**
 * One page of a listing: an opaque cursor (from the previous page's {@link Page#nextCursor()}, or
 * {@code null} for the first page) and a bounded page size, so no request can read a whole collection.
 * Every listing takes this one shape; a listing with its own default or largest page says so with its
 * {@link Limits} (the wallet ledger: 20 and 100), every other uses {@link Limits#STANDARD} (50 and 200).
 * No listing pages beyond {@link #MAX_LIMIT}.
 */
public record PageRequest(String cursor, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    private static final int MAX_CURSOR_LENGTH = 512;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidValue("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (cursor != null && (cursor.isBlank() || cursor.length() > MAX_CURSOR_LENGTH)) {
            throw invalidCursor();
        }
    }

    /**
     * The page sizes of one listing: what an absent {@code limit} means and the largest allowed.
     *
     * @param defaultLimit the size of a page when the caller gives none
     * @param maxLimit     the largest page, at most {@link PageRequest#MAX_LIMIT}
     */
    public record Limits(int defaultLimit, int maxLimit) {

        public static final Limits STANDARD = new Limits(DEFAULT_LIMIT, MAX_LIMIT);

        public Limits {
            if (maxLimit < 1 || maxLimit > MAX_LIMIT || defaultLimit < 1 || defaultLimit > maxLimit) {
                throw new IllegalArgumentException("page limits need 1 <= default <= max <= " + MAX_LIMIT
                        + ", not " + defaultLimit + " and " + maxLimit);
            }
        }

        /** The page, if its size is within these limits; else {@code InvalidValue} on {@code limit}. */
        public PageRequest check(PageRequest page) {
            if (page.limit() > maxLimit) {
                throw new InvalidValue("limit", "must be between 1 and " + maxLimit);
            }
            return page;
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(null, limit);
    }

    /** The REST form of a listing with the {@link Limits#STANDARD standard} limits: both parameters optional. */
    public static PageRequest of(String cursor, Integer limit) {
        return of(cursor, limit, Limits.STANDARD);
    }

    /**
     * The REST form: both parameters optional, an empty cursor is the first page, a missing limit the
     * listing's default; a limit outside {@code 1..limits.maxLimit()} is an {@code InvalidValue}.
     */
    public static PageRequest of(String cursor, Integer limit, Limits limits) {
        int size = limit == null ? limits.defaultLimit() : limit;
        if (size < 1 || size > limits.maxLimit()) {
            throw new InvalidValue("limit", "must be between 1 and " + limits.maxLimit());
        }
        return new PageRequest(cursor == null || cursor.isEmpty() ? null : cursor, size);
    }

    /** What every listing answers for a cursor it did not hand out. */
    public static InvalidValue invalidCursor() {
        return new InvalidValue("cursor", "is not a cursor returned by this listing");
    }
}
