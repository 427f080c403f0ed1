package io.playerbase.adapters.rest.support;

import io.micronaut.serde.annotation.Serdeable;
import io.playerbase.domain.shared.Page;

import java.util.List;
import java.util.function.Function;

/**
 * A page of a listing: {@code items}, and {@code next_cursor} to pass as {@code ?cursor=} for the next
 * page ({@code null} on the last page).
 */
@Serdeable
public record PageResponse<T>(List<T> items, String nextCursor) {

    public static <V, T> PageResponse<T> of(Page<V> page, Function<? super V, ? extends T> mapper) {
        return new PageResponse<>(page.items().stream().<T>map(mapper).toList(), page.nextCursor());
    }
}
