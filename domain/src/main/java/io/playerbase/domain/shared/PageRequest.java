package io.playerbase.domain.shared;

/**
 * One page of a listing: an opaque cursor (from the previous page's {@link Page#nextCursor()}, or
 * {@code null} for the first page) and a bounded page size, so no request can read a whole collection.
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
            throw new InvalidValue("cursor", "is not a cursor returned by this listing");
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(null, limit);
    }

    /** The REST form: both parameters optional. */
    public static PageRequest of(String cursor, Integer limit) {
        return new PageRequest(cursor == null || cursor.isEmpty() ? null : cursor, limit == null ? DEFAULT_LIMIT : limit);
    }
}
