package io.playerbase.domain.subscription;

/**
 * Outgoing port: reads the subscription facts out of a store's payloads that the purchase module's
 * verifiers already checked (signatures, app, environment) and kept as JSON text.
 */
public interface SubscriptionPayloads {

    /**
     * @param transaction  the verified {@code signedTransactionInfo} (or a client's signed transaction) payload
     * @param renewalInfo  the verified {@code signedRenewalInfo} payload, or null
     * @param notification the verified notification payload (for {@code data.status}), or null
     */
    AppStoreFacts appStore(String transaction, String renewalInfo, String notification);

    /** @param envelope the purchase module's record of a {@code subscriptionsv2} answer */
    GooglePlayFacts googlePlay(String envelope);
}
