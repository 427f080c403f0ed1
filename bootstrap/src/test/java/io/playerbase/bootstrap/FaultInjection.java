package io.playerbase.bootstrap;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.playerbase.domain.dutchgame.DutchGameRepository;
import jakarta.inject.Singleton;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TEST ONLY: wraps the real {@link DutchGameRepository} so a test can make the n+1-th call of one of
 * its methods throw, as a crash at that point would (e.g. {@code finishApplied}: right after the players'
 * counters were written, before the match recorded it).
 */
@Singleton
final class FaultInjection implements BeanCreatedEventListener<DutchGameRepository> {

    private final AtomicInteger callsBeforeFailure = new AtomicInteger(-1);
    private volatile String failingMethod = "";
    private volatile int itemsBeforeCrash = -1;

    /** The next {@code calls} calls of the method pass, the one after throws (once). */
    void failAfter(String method, int calls) {
        itemsBeforeCrash = -1;
        failingMethod = method;
        callsBeforeFailure.set(calls);
    }

    /**
     * The next call of a method taking a list of writes (e.g. {@code applyAll}) does only the first
     * {@code items} of them, then throws: a crash in the middle of an unordered bulk write.
     */
    void crashPartway(String method, int items) {
        itemsBeforeCrash = items;
        failingMethod = method;
        callsBeforeFailure.set(0);
    }

    @Override
    public DutchGameRepository onCreated(BeanCreatedEvent<DutchGameRepository> event) {
        DutchGameRepository real = event.getBean();
        return (DutchGameRepository) Proxy.newProxyInstance(DutchGameRepository.class.getClassLoader(),
                new Class<?>[]{DutchGameRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals(failingMethod)
                            && callsBeforeFailure.getAndUpdate(n -> n >= 0 ? n - 1 : n) == 0) {
                        if (itemsBeforeCrash >= 0) {
                            Object[] partial = args.clone();
                            for (int i = 0; i < partial.length; i++) {
                                if (partial[i] instanceof List<?> writes) {
                                    partial[i] = writes.subList(0, itemsBeforeCrash);
                                }
                            }
                            method.invoke(real, partial);
                        }
                        throw new IllegalStateException("injected crash at " + failingMethod);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
