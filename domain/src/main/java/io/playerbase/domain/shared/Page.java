package io.playerbase.domain.shared;

import java.util.List;
import java.util.function.Function;

/**
 * A page of a listing in a stable order. {@code nextCursor} is {@code null} on the last page; otherwise
 * passing it back returns the items after the last one of this page, even if items were added meanwhile.
 */
public record Page<T>(List<T> items, String nextCursor) {

    public Page {
        items = List.copyOf(items);
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), nextCursor);
    }
}
