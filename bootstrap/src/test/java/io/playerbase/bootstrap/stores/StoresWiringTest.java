package io.playerbase.bootstrap.stores;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.playerbase.adapters.stores.appstore.AppStoreTestSigner;
import io.playerbase.adapters.stores.googleplay.GooglePlayFake;
import io.playerbase.domain.purchase.NotificationDelivery;
import io.playerbase.domain.purchase.ProductKind;
import io.playerbase.domain.purchase.PurchaseProof;
import io.playerbase.domain.purchase.ReceiptVerifier;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.purchase.StoreNotificationVerifier;
import io.playerbase.domain.shared.RuleViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store adapters as the assembled service builds them from its configuration. */
class StoresWiringTest {

    private static Map<String, Object> base() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("playerbase.embedded.data-dir", ":memory:");
        properties.put("playerbase.embedded.port", "0");
        properties.put("micronaut.server.port", "-1");
        return properties;
    }

    private static Set<Store> stores(ApplicationContext context, Class<?> type) {
        return context.getBeansOfType(type).stream()
                .map(bean -> bean instanceof ReceiptVerifier r ? r.store() : ((StoreNotificationVerifier) bean).store())
                .collect(Collectors.toSet());
    }

    @Test
    void anUnconfiguredStoreHasNoVerifier() {
        try (ApplicationContext context = ApplicationContext.run(base())) {
            assertEquals(Set.of(), stores(context, ReceiptVerifier.class).stream()
                    .filter(store -> store != Store.TEST).collect(Collectors.toSet()));
            assertEquals(Set.of(), stores(context, StoreNotificationVerifier.class));
        }
    }

    @Test
    void configuredStoresVerifyThroughTheirBeans(@TempDir Path dir) throws Exception {
        try (GooglePlayFake google = GooglePlayFake.start()) {
            Path keyFile = dir.resolve("play-key.json");
            Files.writeString(keyFile, google.serviceAccountKeyJson());
            Map<String, Object> properties = base();
            properties.put("playerbase.iap.apple.bundle-id", AppStoreTestSigner.BUNDLE_ID);
            properties.put("playerbase.iap.apple.environments", "Sandbox");
            properties.put("playerbase.iap.apple.root-certificates", AppStoreTestSigner.writeAppleTestRoot(dir).toString());
            properties.put("playerbase.iap.google.package-name", GooglePlayFake.PACKAGE);
            properties.put("playerbase.iap.google.service-account-key-file", keyFile.toString());
            properties.put("playerbase.iap.google.api-base-url", google.baseUrl().toString());
            properties.put("playerbase.iap.google.push-audience", GooglePlayFake.PUSH_AUDIENCE);
            properties.put("playerbase.iap.google.push-service-account-email", GooglePlayFake.PUSH_EMAIL);
            properties.put("playerbase.iap.google.jwks-url", google.jwksUrl().toString());

            try (ApplicationContext context = ApplicationContext.run(properties)) {
                assertTrue(stores(context, ReceiptVerifier.class).containsAll(Set.of(Store.APP_STORE, Store.GOOGLE_PLAY)));
                assertEquals(Set.of(Store.APP_STORE, Store.GOOGLE_PLAY), stores(context, StoreNotificationVerifier.class));

                ReceiptVerifier apple = context.getBean(ReceiptVerifier.class, Qualifiers.byName("app_store"));
                String signed = AppStoreTestSigner.appleTestChain().sign(AppStoreTestSigner.transaction("2000000900", "com.example.coins500"));
                assertEquals("2000000900", apple.verify(new PurchaseProof.AppStoreSignedTransaction(signed)).storeTransactionId());
                String rogue = AppStoreTestSigner.rogueChain().sign(AppStoreTestSigner.transaction("2000000901", "com.example.coins500"));
                assertThrows(RuleViolation.class, () -> apple.verify(new PurchaseProof.AppStoreSignedTransaction(rogue)));

                google.addProduct("coins_500", "tok-1", "GPA.1");
                ReceiptVerifier play = context.getBean(ReceiptVerifier.class, Qualifiers.byName("google_play"));
                assertEquals("GPA.1", play.verify(new PurchaseProof.GooglePlayToken("coins_500", "tok-1", ProductKind.CREDITS_PACK))
                        .storeTransactionId());

                StoreNotificationVerifier push = context.getBean(StoreNotificationVerifier.class, Qualifiers.byName("google_play"));
                String body = GooglePlayFake.pushBody("m-1", GooglePlayFake.developerNotification(Instant.now(), "testNotification", Map.of()));
                assertEquals("TEST", push.verify(new NotificationDelivery(Store.GOOGLE_PLAY,
                        google.pushAuthorization(GooglePlayFake.pushClaims(Instant.now())), body)).type());
            }
        }
    }

    @Test
    void aMisconfiguredStoreStopsTheStart() {
        Map<String, Object> properties = base();
        properties.put("playerbase.iap.apple.bundle-id", "com.example");
        properties.put("playerbase.iap.apple.environments", "Production");
        BeanInstantiationException failure = assertThrows(BeanInstantiationException.class, () -> ApplicationContext.run(properties).close());
        assertTrue(failure.getMessage().contains("appAppleId"), failure.getMessage());
    }
}
