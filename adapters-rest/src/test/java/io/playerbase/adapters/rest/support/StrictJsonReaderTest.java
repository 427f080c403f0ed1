package io.playerbase.adapters.rest.support;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.MediaType;
import io.micronaut.http.simple.SimpleHttpHeaders;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.playerbase.domain.shared.InvalidValue;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The JSON reader of every request body: values taken literally, one JSON value per body, faults named by path. */
@MicronautTest(startApplication = false)
class StrictJsonReaderTest {

    @Serdeable
    record Line(String name, Long points, Integer rank, Boolean active) {
    }

    @Serdeable
    record Body(String name, Long amount, List<Line> lines) {
    }

    @Inject
    ApplicationContext context;

    @SuppressWarnings("unchecked")
    private Body read(String json) {
        StrictJsonReader<Body> reader = context.getBean(StrictJsonReader.class);
        return reader.read(Argument.of(Body.class), MediaType.APPLICATION_JSON_TYPE, new SimpleHttpHeaders(),
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private InvalidValue refused(String json) {
        return assertThrows(InvalidValue.class, () -> read(json));
    }

    @Test
    void literalValuesAreRead() {
        Body body = read("""
                 {"name":"a\\nb 😀","amount":-9223372036854775808,"lines":[{"name":"x","points":0,"rank":7,"active":true}]}
                """);
        assertEquals("a\nb 😀", body.name());
        assertEquals(Long.MIN_VALUE, body.amount());
        assertEquals(new Line("x", 0L, 7, true), body.lines().get(0));
        Body empty = read("{\"name\":null}");
        assertNull(empty.name());
        assertNull(empty.amount());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"amount\":99.99}                         | amount         | must be an integer",
            "{\"amount\":2.0}                           | amount         | must be an integer",
            "{\"amount\":1e3}                           | amount         | must be an integer",
            "{\"amount\":\"100\"}                       | amount         | must be an integer",
            "{\"amount\":true}                          | amount         | must be an integer",
            "{\"amount\":[5]}                           | amount         | must be an integer",
            "{\"amount\":9223372036854775808}           | amount         | must be an integer from -9223372036854775808 to 9223372036854775807",
            "{\"name\":true}                            | name           | must be a string",
            "{\"name\":12}                              | name           | must be a string",
            "{\"name\":[\"x\"]}                         | name           | must be a string",
            "{\"name\":\"a\\u0000\"}                    | name           | must not contain control characters (U+0000 at position 1)",
            "{\"name\":\"\\ud800\"}                     | name           | must be valid Unicode text (a lone surrogate at position 0)",
            "{\"lines\":[{},{\"points\":1.5}]}          | lines[1].points | must be an integer",
            "{\"lines\":[{\"rank\":2147483648}]}        | lines[0].rank  | must be an integer from -2147483648 to 2147483647",
            "{\"lines\":[{\"active\":\"true\"}]}        | lines[0].active | must be true or false",
            "{\"lines\":[{\"active\":1}]}               | lines[0].active | must be true or false",
            "{\"lines\":{}}                             | lines          | is not of the expected type or shape",
            "{\"amount\":1} x                           | body           | ",
            "{\"amount\":1}{\"amount\":2}               | body           | must be a single JSON value, with nothing after it",
            "{\"amount\":1,\"amount\":2}                | body           | ",
            "{\"surprise\":1}                           | surprise       | is not a known field",
            "''                                         | body           | is required",
            "null                                       | body           | must be a JSON object",
    })
    void everythingElseIsRefusedNamingTheField(String json, String field, String message) {
        InvalidValue refused = refused(json.equals("''") ? "" : json);
        assertEquals("malformed-request", refused.code());
        assertEquals(field, refused.fieldErrors().get(0).field(), refused.getMessage());
        if (message != null) {
            assertEquals(message, refused.fieldErrors().get(0).message());
        }
    }

    @Test
    void instantsComeOnlyFromIsoStringsWithAnOffset() {
        assertEquals(Instant.parse("2026-05-01T08:00:00Z"), RequestValues.instant("t", "2026-05-01T10:00:00+02:00"));
        assertEquals(Instant.parse("+999999999-12-31T23:59:59Z"), RequestValues.instant("t", "+999999999-12-31T23:59:59Z"));
        for (String wrong : List.of("12345", "2026-05-01T10:00:00", "2026-05-01 10:00:00Z", "2026-13-01T00:00:00Z", "")) {
            assertEquals("t", assertThrows(InvalidValue.class, () -> RequestValues.instant("t", wrong)).fieldErrors().get(0).field());
        }
    }

    @Test
    void booleanQueryValuesAreTrueOrFalseOnly() {
        assertEquals(Boolean.TRUE, RequestValues.bool("b", "true", null));
        assertEquals(Boolean.FALSE, RequestValues.bool("b", "false", null));
        assertNull(RequestValues.bool("b", null, null));
        assertEquals(Boolean.FALSE, RequestValues.bool("b", "", false));
        for (String wrong : List.of("maybe", "1", "TRUE", "yes", " true")) {
            assertEquals("b", assertThrows(InvalidValue.class, () -> RequestValues.bool("b", wrong, false)).fieldErrors().get(0).field());
        }
    }

    @Test
    void textIsAnyUnicodeButControlCharactersOtherThanLineFeedAndLoneSurrogates() {
        assertNull(RequestText.problem("Zoë 😀 ‮ \n"));
        for (String wrong : List.of("\u0000", "a\tb", "\r\n", "\u007f", "\u0085", "\ud83d", "x\ude00")) {
            assertEquals(true, RequestText.problem(wrong) != null, wrong);
        }
    }
}
