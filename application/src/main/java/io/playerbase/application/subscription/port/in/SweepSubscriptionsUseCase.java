package io.playerbase.application.subscription.port.in;

public interface SweepSubscriptionsUseCase {

    /**
     * Tidies stored statuses that time has overtaken (a period or a grace period ended), finishes money
     * and account copies a crash left pending. Premium never waits for it. @return subscriptions handled
     */
    int sweep();
}
