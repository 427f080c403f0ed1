package io.playerbase.adapters.stores.appstore;

import io.playerbase.domain.shared.DomainException;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.RuleViolation;

import java.util.List;

/**
 * The typed refusals of one kind of signed input: {@code receipt-…} for a client's signed transaction,
 * {@code notification-…} for Apple's server notifications. The detail names what failed, never a key.
 */
record Refusals(String prefix, String field) {

    static final Refusals RECEIPT = new Refusals("receipt", "signed_transaction");
    static final Refusals NOTIFICATION = new Refusals("notification", "signedPayload");

    /** Cannot be read as a StoreKit 2 JWS with the fields Apple documents. */
    DomainException malformed(String why) {
        return new InvalidValue(prefix + "-malformed", "The signed data cannot be read: " + why,
                List.of(new DomainException.FieldError(field, why)));
    }

    /** Readable but not signed by Apple as required (chain, marker OIDs, algorithm, signature). */
    DomainException notGenuine(String why) {
        return new RuleViolation(prefix + "-invalid", "The signed data is not genuine App Store data: " + why);
    }

    DomainException wrongApp(String why) {
        return new RuleViolation(prefix + "-wrong-app", "The signed data is for another app: " + why);
    }

    DomainException wrongEnvironment(String environment) {
        return new RuleViolation(prefix + "-wrong-environment",
                "The signed data is from an App Store environment this service does not accept: " + environment);
    }
}
