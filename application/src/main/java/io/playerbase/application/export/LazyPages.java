package io.playerbase.application.export;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * A list read one page at a time while it is iterated: only the current page is held. {@code next}
 * maps the cursor of a page ({@code null} for the first) to the page, whose cursor is {@code null} on
 * the last one.
 */
final class LazyPages<C, T> implements Iterable<T> {

    record Page<C, T>(List<T> items, C next) {
    }

    private final Function<C, Page<C, T>> next;

    LazyPages(Function<C, Page<C, T>> next) {
        this.next = next;
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private Page<C, T> page;
            private int position;

            @Override
            public boolean hasNext() {
                while (page == null || (position == page.items().size() && page.next() != null)) {
                    page = next.apply(page == null ? null : page.next());
                    position = 0;
                }
                return position < page.items().size();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.items().get(position++);
            }
        };
    }
}
