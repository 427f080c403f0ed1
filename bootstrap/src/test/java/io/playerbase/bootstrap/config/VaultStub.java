package io.playerbase.bootstrap.config;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A local HTTP server on 127.0.0.1 that answers the KV version 2 read API the way Vault does:
 * {@code GET /v1/<mount>/data/<path>} with the right {@code X-Vault-Token} gives
 * {@code {"data": {"data": {...}, "metadata": {...}}}}; a wrong token 403, another path 404.
 */
public final class VaultStub implements AutoCloseable {

    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    public VaultStub(String token, String path, Map<String, String> data) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()
                    + " namespace=" + exchange.getRequestHeaders().getFirst("X-Vault-Namespace"));
            int status;
            String body;
            if (!token.equals(exchange.getRequestHeaders().getFirst("X-Vault-Token"))) {
                status = 403;
                body = "{\"errors\":[\"permission denied\"]}";
            } else if (!exchange.getRequestMethod().equals("GET") || !exchange.getRequestURI().getPath().equals("/v1/" + path)) {
                status = 404;
                body = "{\"errors\":[]}";
            } else {
                status = 200;
                String pairs = data.entrySet().stream()
                        .map(entry -> "\"" + entry.getKey() + "\":\"" + entry.getValue() + "\"")
                        .collect(Collectors.joining(","));
                body = "{\"request_id\":\"r1\",\"lease_id\":\"\",\"renewable\":false,\"lease_duration\":0,"
                        + "\"data\":{\"data\":{" + pairs + ",\"nested\":{\"ignored\":true}},"
                        + "\"metadata\":{\"created_time\":\"2026-01-01T00:00:00Z\",\"version\":3}},"
                        + "\"wrap_info\":null,\"warnings\":null,\"auth\":null}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    public String address() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
