package io.playerbase.adapters.stores;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A JWS in compact form ({@code header.payload.signature}), split and decoded but NOT verified: the
 * store adapters check the signature before they trust any of it. Both parts must be JSON objects;
 * duplicate keys are refused so that no two readers of the same token can see different claims.
 */
public record CompactJws(JsonNode header, JsonNode payload, String payloadJson, byte[] signingInput, byte[] signature) {

    /** The one JSON reader of this module: strict about duplicates and trailing content. */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*");

    /** Not a JWS in compact form, or its parts are not base64url JSON objects. */
    public static final class Malformed extends RuntimeException {
        public Malformed(String message) {
            super(message);
        }
    }

    public static CompactJws parse(String compact, int maxLength) {
        if (compact == null || compact.isEmpty()) {
            throw new Malformed("empty");
        }
        if (compact.length() > maxLength) {
            throw new Malformed("longer than " + maxLength + " characters");
        }
        String[] parts = compact.split("\\.", -1);
        if (parts.length != 3) {
            throw new Malformed("not three dot-separated parts");
        }
        for (String part : parts) {
            if (!BASE64URL.matcher(part).matches()) {
                throw new Malformed("a part is not base64url");
            }
        }
        String payloadJson = new String(decode(parts[1]), StandardCharsets.UTF_8);
        return new CompactJws(object(new String(decode(parts[0]), StandardCharsets.UTF_8)), object(payloadJson), payloadJson,
                (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), decode(parts[2]));
    }

    /** The header's {@code alg}, or an empty string when it has none. */
    public String algorithm() {
        JsonNode alg = header.get("alg");
        return alg != null && alg.isTextual() ? alg.asText() : "";
    }

    public static JsonNode object(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new Malformed("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new Malformed("not JSON");
        }
    }

    private static byte[] decode(String part) {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new Malformed("a part is not base64url");
        }
    }
}
