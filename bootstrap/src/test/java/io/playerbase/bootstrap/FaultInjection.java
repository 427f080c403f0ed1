package io.playerbase.bootstrap;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.playerbase.domain.dutchgame.DutchGameRepository;
import jakarta.inject.Singleton;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TEST ONLY: wraps the real {@link DutchGameRepository} so a test can make the n+1-th call of one of
 * its methods throw, as a crash at that point would (e.g. {@code markApplied}: right after a player's
 * counters were written, before the match recorded it).
 */
@Singleton
final class FaultInjection implements BeanCreatedEventListener<DutchGameRepository> {

    private final AtomicInteger callsBeforeFailure = new AtomicInteger(-1);
    private volatile String failingMethod = "";

    /** The next {@code calls} calls of the method pass, the one after throws (once). */
    void failAfter(String method, int calls) {
        failingMethod = method;
        callsBeforeFailure.set(calls);
    }

    @Override
    public DutchGameRepository onCreated(BeanCreatedEvent<DutchGameRepository> event) {
        DutchGameRepository real = event.getBean();
        return (DutchGameRepository) Proxy.newProxyInstance(DutchGameRepository.class.getClassLoader(),
                new Class<?>[]{DutchGameRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals(failingMethod)
                            && callsBeforeFailure.getAndUpdate(n -> n >= 0 ? n - 1 : n) == 0) {
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
