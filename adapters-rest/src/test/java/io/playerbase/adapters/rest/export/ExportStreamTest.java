package io.playerbase.adapters.rest.export;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.playerbase.application.export.port.in.PersonalDataExport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The export's JSON writer: one valid document, produced as it is read, never more than a chunk ahead. */
class ExportStreamTest {

    private static ApplicationContext context;
    private static JsonMapper json;

    @BeforeAll
    static void start() {
        context = ApplicationContext.run(Map.of("micronaut.serde.property-naming-strategy", "SNAKE_CASE",
                "micronaut.serde.write-dates-as-timestamps", "false"));
        json = context.getBean(JsonMapper.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    /** Rows that exist only while they are read, counting how many were made. */
    private static Supplier<Stream<Map<String, Object>>> rows(int count, AtomicInteger made) {
        return () -> StreamSupport.stream(Spliterators.spliteratorUnknownSize(new Iterator<Map<String, Object>>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public Map<String, Object> next() {
                made.incrementAndGet();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("sequence", ++next);
                row.put("amount", 1L);
                return row;
            }
        }, Spliterator.ORDERED), false);
    }

    @Test
    void theDocumentIsValidJsonWithEverySectionInOrder() throws IOException {
        AtomicInteger made = new AtomicInteger();
        PersonalDataExport export = new PersonalDataExport("650000000000000000000001", List.of(
                new PersonalDataExport.Value("export", Map.of("format", "f", "generated_at", Instant.parse("2026-05-01T10:00:00Z"))),
                new PersonalDataExport.Items("wallet_ledger", rows(1201, made)),
                new PersonalDataExport.Items("audit", Stream::empty),
                new PersonalDataExport.Value("wallet", null)));
        byte[] bytes;
        try (InputStream in = new ExportStream(export, json)) {
            bytes = in.readAllBytes();
        }
        Map<String, Object> document = json.readValue(bytes, Argument.mapOf(String.class, Object.class));
        assertEquals(List.of("export", "wallet_ledger", "audit", "wallet"), List.copyOf(document.keySet()));
        assertEquals("2026-05-01T10:00:00Z", ((Map<?, ?>) document.get("export")).get("generated_at"));
        List<?> ledger = (List<?>) document.get("wallet_ledger");
        assertEquals(1201, ledger.size());
        assertEquals(1201, ((Number) ((Map<?, ?>) ledger.get(1200)).get("sequence")).intValue());
        assertEquals(List.of(), document.get("audit"));
        assertTrue(document.containsKey("wallet") && document.get("wallet") == null);
    }

    @Test
    void aClientThatGoesAwayReleasesTheSection() throws IOException {
        AtomicInteger closed = new AtomicInteger();
        AtomicInteger made = new AtomicInteger();
        Supplier<Stream<Map<String, Object>>> ledger = () -> rows(1_000_000, made).get().onClose(closed::incrementAndGet);
        ExportStream stream = new ExportStream(new PersonalDataExport("650000000000000000000001",
                List.of(new PersonalDataExport.Items("wallet_ledger", ledger))), json);
        stream.readNBytes(100);
        stream.close();
        assertEquals(1, closed.get());
    }

    @Test
    void rowsAreMadeOnlyAsTheDocumentIsRead() throws IOException {
        AtomicInteger made = new AtomicInteger();
        PersonalDataExport export = new PersonalDataExport("650000000000000000000001",
                List.of(new PersonalDataExport.Items("wallet_ledger", rows(1_000_000, made))));
        try (InputStream in = new ExportStream(export, json)) {
            byte[] first = in.readNBytes(1024);
            assertEquals(1024, first.length);
            int afterOneChunk = made.get();
            assertTrue(afterOneChunk > 0 && afterOneChunk < 5_000, "one chunk's worth of rows, not a million: " + afterOneChunk);
            long total = first.length;
            byte[] buffer = new byte[8192];
            for (int read; (read = in.read(buffer)) > 0; ) {
                total += read;
            }
            assertEquals(1_000_000, made.get());
            assertTrue(total > 20_000_000, "the whole ledger was written: " + total + " bytes");
        }
    }

    @Test
    void aFailureHalfWayEndsTheStreamWithAnError() {
        AtomicInteger closed = new AtomicInteger();
        Supplier<Stream<Map<String, Object>>> failing = () -> Stream.<Map<String, Object>>generate(() -> {
            throw new IllegalStateException("the database went away");
        }).onClose(closed::incrementAndGet);
        PersonalDataExport export = new PersonalDataExport("650000000000000000000001",
                List.of(new PersonalDataExport.Items("audit", failing)));
        assertThrows(IOException.class, () -> new ExportStream(export, json).readAllBytes());
        assertEquals(1, closed.get(), "the section's cursor is released");
    }

    @Test
    void unusualStoredValuesAreWrittenAsPlainData() {
        assertEquals(3.0, ExportStream.plain((short) 3));
        assertEquals(new BigDecimal("1.5"), ExportStream.plain(new BigDecimal("1.5")));
        assertEquals("a type JSON has no place for", ExportStream.plain(new StringBuilder("a type JSON has no place for")));
        assertEquals(List.of("a", 1L), ExportStream.plain(List.of("a", 1L)));
        assertEquals(Map.of("k", "v"), ExportStream.plain(Map.of("k", "v")));
    }
}
