package io.playerbase.bootstrap.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The OpenAPI document adapters-rest generated at compile time, parsed by swagger-parser. */
final class OpenApiDocument {

    static final String RESOURCE = "META-INF/swagger/playerbase-v1.yml";
    /** A problem response's description starts with the problem types it can carry: "a-b, c-d: …". */
    private static final Pattern TYPES = Pattern.compile("^([a-z0-9-]+(?:, [a-z0-9-]+)*)(?:$|[ :])");

    private static volatile OpenApiDocument instance;

    final String yaml;
    final SwaggerParseResult parsed;
    /** With every $ref resolved, for looking operations and responses up. */
    final OpenAPI resolved;

    private OpenApiDocument(String yaml) {
        this.yaml = yaml;
        this.parsed = new OpenAPIV3Parser().readContents(yaml, null, new ParseOptions());
        ParseOptions resolve = new ParseOptions();
        resolve.setResolve(true);
        resolve.setResolveFully(true);
        this.resolved = new OpenAPIV3Parser().readContents(yaml, null, resolve).getOpenAPI();
    }

    static OpenApiDocument get() {
        if (instance == null) {
            synchronized (OpenApiDocument.class) {
                if (instance == null) {
                    instance = new OpenApiDocument(read());
                }
            }
        }
        return instance;
    }

    static OpenApiDocument of(String yaml) {
        return new OpenApiDocument(yaml);
    }

    private static String read() {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path: adapters-rest generates it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documented operation of a method on a path template such as {@code /api/v1/users/{id}}, or null. */
    Operation operation(String method, String template) {
        PathItem item = resolved.getPaths() == null ? null : resolved.getPaths().get(template);
        if (item == null) {
            return null;
        }
        return item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)));
    }

    /** The problem types a documented error response names, empty when its description names none. */
    static List<String> problemTypes(ApiResponse response) {
        String description = response.getDescription() == null ? "" : response.getDescription();
        Matcher matcher = TYPES.matcher(description);
        return matcher.find() ? Arrays.asList(matcher.group(1).split(", ")) : List.of();
    }
}
