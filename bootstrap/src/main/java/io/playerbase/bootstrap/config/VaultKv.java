package io.playerbase.bootstrap.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one secret of a HashiCorp Vault KV version 2 engine:
 * {@code GET <address>/v1/<mount>/data/<path>} with {@code X-Vault-Token} (and {@code X-Vault-Namespace}
 * when set), whose answer carries the key/value pairs under {@code data.data}. Only the latest version
 * is read. Any failure stops the start: running with half of the intended configuration is worse than
 * not running. Errors name the address and path, never the token.
 */
final class VaultKv {

    private static final int ATTEMPTS = 3;
    private static final JsonFactory JSON = new JsonFactory();

    private final URI address;
    private final String token;
    private final String namespace;
    private final String mount;
    private final String path;
    private final HttpClient http;
    private final Duration backoff;

    VaultKv(String address, String token, String namespace, String mount, String path, Duration backoff) {
        this.address = URI.create(address.endsWith("/") ? address.substring(0, address.length() - 1) : address);
        this.token = token;
        this.namespace = namespace == null || namespace.isBlank() ? null : namespace;
        this.mount = strip(mount);
        this.path = strip(path);
        this.backoff = backoff;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** {@code <mount>/data/<path>}, as shown in logs. */
    String location() {
        return mount + "/data/" + path;
    }

    /** The secret's key/value pairs; scalars are turned into text. */
    Map<String, String> read() {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(address + "/v1/" + location()))
                .timeout(Duration.ofSeconds(10))
                .header("X-Vault-Token", token)
                .header("Accept", "application/json")
                .GET();
        if (namespace != null) {
            request.header("X-Vault-Namespace", namespace);
        }
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return parse(response.body());
                }
                if (response.statusCode() < 500 || attempt == ATTEMPTS) {
                    throw new IllegalStateException("Vault at " + address + " answered HTTP " + response.statusCode()
                            + " for " + location() + hint(response.statusCode()));
                }
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while reading Vault " + location(), e);
            }
            pause(attempt);
        }
        throw new IllegalStateException("Vault at " + address + " is not reachable for " + location() + ": " + last, last);
    }

    private void pause(int attempt) {
        try {
            Thread.sleep(backoff.multipliedBy(attempt).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Vault", e);
        }
    }

    private static String hint(int status) {
        return switch (status) {
            case 403 -> " (the token is invalid or its policy does not allow reading this path)";
            case 404 -> " (no such secret: check PLAYERBASE_VAULT_MOUNT and PLAYERBASE_VAULT_PATH)";
            default -> "";
        };
    }

    /** {@code {"data": {"data": {...}, "metadata": {...}}}} → the inner object's scalars. */
    static Map<String, String> parse(String body) {
        Map<String, String> values = new LinkedHashMap<>();
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("Vault's answer is not a JSON object");
            }
            boolean found = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if ("data".equals(field) && parser.currentToken() == JsonToken.START_OBJECT) {
                    found = readInner(parser, values) || found;
                } else {
                    parser.skipChildren();
                }
            }
            if (!found) {
                throw new IllegalStateException("Vault's answer has no data.data object (is this a KV version 2 engine?)");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Vault's answer is not valid JSON", e);
        }
        return values;
    }

    private static boolean readInner(JsonParser parser, Map<String, String> values) throws IOException {
        boolean found = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            if ("data".equals(field) && token == JsonToken.START_OBJECT) {
                found = true;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                        values.put(key, parser.getValueAsString());
                    } else {
                        parser.skipChildren();
                    }
                }
            } else {
                parser.skipChildren();
            }
        }
        return found;
    }

    private static String strip(String segment) {
        String value = segment.strip();
        while (value.startsWith("/")) {
            value = value.substring(1);
        }
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        return value;
    }

    @Override
    public String toString() {
        return "VaultKv[" + address + ", " + location() + ", token=redacted]";
    }
}
