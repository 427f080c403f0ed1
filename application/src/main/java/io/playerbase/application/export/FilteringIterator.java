package io.playerbase.application.export;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.Predicate;

/** The elements of {@code source} that {@code keep} accepts, each mapped; lazy like its source. */
final class FilteringIterator<T, R> implements Iterator<R> {

    private final Iterator<T> source;
    private final Predicate<T> keep;
    private final Function<T, R> mapper;
    private T next;
    private boolean ready;

    FilteringIterator(Iterator<T> source, Predicate<T> keep, Function<T, R> mapper) {
        this.source = source;
        this.keep = keep;
        this.mapper = mapper;
    }

    @Override
    public boolean hasNext() {
        while (!ready && source.hasNext()) {
            T candidate = source.next();
            if (keep.test(candidate)) {
                next = candidate;
                ready = true;
            }
        }
        return ready;
    }

    @Override
    public R next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ready = false;
        T current = next;
        next = null;
        return mapper.apply(current);
    }
}
