package io.playerbase.bootstrap.openapi;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs after every other test class of the module (junit-platform.properties orders classes by
 * {@link Order}) and fails when any exchange of the end-to-end tests disagreed with the OpenAPI
 * document: an undocumented status or problem type, a body that is not the documented schema, or an
 * accepted request the document calls invalid.
 */
@Order(Integer.MAX_VALUE)
class OpenApiConformanceCheckTest {

    @Test
    void everyExchangeOfTheEndToEndTestsMatchesTheDocument() {
        assumeTrue(OpenApiConformance.recorded() > 0, "no end-to-end test ran before this one in this JVM");
        List<String> violations = OpenApiConformance.violations();
        assertEquals(List.of(), violations, violations.size() + " kinds of disagreement in "
                + OpenApiConformance.recorded() + " exchanges:\n" + String.join("\n", violations));
    }
}
