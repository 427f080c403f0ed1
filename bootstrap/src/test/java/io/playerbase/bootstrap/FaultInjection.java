package io.playerbase.bootstrap;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.playerbase.domain.dutchgame.DutchGameRepository;
import jakarta.inject.Singleton;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TEST ONLY: wraps the real {@link DutchGameRepository} so a test can make the n+1-th
 * {@code applyResult} throw, as a crash between two players' writes would.
 */
@Singleton
final class FaultInjection implements BeanCreatedEventListener<DutchGameRepository> {

    private final AtomicInteger appliesBeforeFailure = new AtomicInteger(-1);

    void failAfterApplies(int applies) {
        appliesBeforeFailure.set(applies);
    }

    @Override
    public DutchGameRepository onCreated(BeanCreatedEvent<DutchGameRepository> event) {
        DutchGameRepository real = event.getBean();
        return (DutchGameRepository) Proxy.newProxyInstance(DutchGameRepository.class.getClassLoader(),
                new Class<?>[]{DutchGameRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals("applyResult")
                            && appliesBeforeFailure.getAndUpdate(n -> n >= 0 ? n - 1 : n) == 0) {
                        throw new IllegalStateException("injected crash before a player's write");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
