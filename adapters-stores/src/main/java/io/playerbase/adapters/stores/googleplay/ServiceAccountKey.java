package io.playerbase.adapters.stores.googleplay;

import com.fasterxml.jackson.databind.JsonNode;
import io.playerbase.adapters.stores.CompactJws;
import io.playerbase.adapters.stores.JsonFields;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * A Google Cloud service-account key, as the JSON key file Google hands out
 * ({@code type: service_account}, {@code client_email}, {@code private_key} in PKCS#8 PEM,
 * {@code private_key_id}, {@code token_uri}). {@link #toString()} never shows the key.
 */
public record ServiceAccountKey(String clientEmail, String privateKeyId, PrivateKey privateKey, URI tokenUri) {

    public static ServiceAccountKey fromJson(String json) {
        JsonNode key;
        try {
            key = CompactJws.object(json);
        } catch (CompactJws.Malformed e) {
            throw new IllegalArgumentException("the Google service-account key file is not JSON");
        }
        if (!"service_account".equals(JsonFields.text(key, "type").orElse(null))) {
            throw new IllegalArgumentException("the Google key file is not a service-account key (type service_account)");
        }
        String pem = required(key, "private_key").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            PrivateKey privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            return new ServiceAccountKey(required(key, "client_email"), JsonFields.text(key, "private_key_id").orElse(null), privateKey,
                    URI.create(JsonFields.text(key, "token_uri").orElse("https://oauth2.googleapis.com/token")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the service-account private_key is not an RSA key in PKCS#8 PEM");
        }
    }

    private static String required(JsonNode key, String field) {
        return JsonFields.text(key, field).filter(value -> !value.isBlank())
                .orElseThrow(() -> new IllegalArgumentException("the service-account key file has no " + field));
    }

    @Override
    public String toString() {
        return "ServiceAccountKey[" + clientEmail + ", key id " + privateKeyId + "]";
    }
}
