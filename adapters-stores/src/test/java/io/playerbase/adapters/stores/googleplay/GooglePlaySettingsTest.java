package io.playerbase.adapters.stores.googleplay;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GooglePlaySettingsTest {

    private static final String KEY_FILE;

    static {
        try (GooglePlayFake fake = GooglePlayFake.start()) {
            KEY_FILE = fake.serviceAccountKeyJson();
        }
    }

    @Test
    void aServiceAccountKeyFileIsReadAndNeverShown() {
        ServiceAccountKey key = ServiceAccountKey.fromJson(KEY_FILE);

        assertEquals(GooglePlayFake.SERVICE_ACCOUNT_EMAIL, key.clientEmail());
        assertEquals("sa-key-1", key.privateKeyId());
        assertEquals("RSA", key.privateKey().getAlgorithm());
        assertFalse(key.toString().contains("PRIVATE"), key.toString());
        assertFalse(key.toString().contains(Base64.getEncoder().encodeToString(key.privateKey().getEncoded()).substring(0, 40)));
    }

    @Test
    void otherKeyFilesAreRefusedWithAReason() {
        assertThrows(IllegalArgumentException.class, () -> ServiceAccountKey.fromJson("not json"));
        assertThrows(IllegalArgumentException.class, () -> ServiceAccountKey.fromJson(KEY_FILE.replace("service_account", "authorized_user")));
        assertThrows(IllegalArgumentException.class, () -> ServiceAccountKey.fromJson(KEY_FILE.replace("MII", "XXX")));
        assertThrows(IllegalArgumentException.class, () -> ServiceAccountKey.fromJson(KEY_FILE.replace("client_email", "email")));
    }

    @Test
    void theTokenUrlDefaultsToTheKeysAndPushSettingsGoTogether() {
        ServiceAccountKey key = ServiceAccountKey.fromJson(KEY_FILE);
        URI api = URI.create("https://androidpublisher.googleapis.com");
        URI jwks = URI.create("https://www.googleapis.com/oauth2/v3/certs");

        GooglePlaySettings settings = new GooglePlaySettings("com.example.game", key, api, null, null, null, jwks, Duration.ofSeconds(10));

        assertEquals(key.tokenUri(), settings.tokenUrl());
        assertFalse(settings.pushConfigured());
        assertTrue(new GooglePlaySettings("com.example.game", key, api, null, "aud", "push@x", jwks, Duration.ofSeconds(10)).pushConfigured());
        assertThrows(IllegalArgumentException.class,
                () -> new GooglePlaySettings("com.example.game", key, api, null, "aud", null, jwks, Duration.ofSeconds(10)));
        assertThrows(IllegalArgumentException.class, () -> new GooglePlaySettings(" ", key, api, null, null, null, jwks, Duration.ofSeconds(10)));
    }
}
