package io.playerbase.adapters.rest.export;

import io.micronaut.json.JsonMapper;
import io.playerbase.application.export.port.in.PersonalDataExport;
import io.playerbase.application.export.port.in.PersonalDataExport.Items;
import io.playerbase.application.export.port.in.PersonalDataExport.Section;
import io.playerbase.application.export.port.in.PersonalDataExport.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A personal-data export as one JSON object, produced while it is read: the server's body writer pulls
 * bytes from here (off the event loop), and each pull writes the next {@value #CHUNK} bytes or so of the
 * document, reading the next page of a long section only when the previous one is sent. Memory stays at
 * one chunk and one page whatever the length of the ledger; a slow client slows the reads down.
 *
 * <p>A failure half way (the database goes away) ends the stream with an error: the client gets a
 * truncated document, which does not parse, never a wrong one.
 */
final class ExportStream extends InputStream {

    static final int CHUNK = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ExportStream.class);

    private final String subjectId;
    private final JsonMapper json;
    private final Iterator<Section> sections;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(CHUNK + 4096);
    private Stream<Map<String, Object>> open;
    private Iterator<Map<String, Object>> items;
    private boolean firstSection = true;
    private boolean firstItem;
    private boolean started;
    private boolean finished;
    private byte[] buffer = new byte[0];
    private int position;

    ExportStream(PersonalDataExport export, JsonMapper json) {
        this.subjectId = export.subjectId();
        this.json = json;
        this.sections = export.sections().iterator();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position == buffer.length) {
            if (finished) {
                return -1;
            }
            fill();
        }
        int count = Math.min(length, buffer.length - position);
        System.arraycopy(buffer, position, target, offset, count);
        position += count;
        return count;
    }

    /** Writes the next chunk of the document into the buffer. */
    private void fill() throws IOException {
        out.reset();
        try {
            if (!started) {
                write("{");
                started = true;
            }
            while (out.size() < CHUNK && !finished) {
                if (items != null) {
                    if (items.hasNext()) {
                        if (!firstItem) {
                            write(",");
                        }
                        firstItem = false;
                        writeJson(items.next());
                    } else {
                        write("]");
                        closeSection();
                    }
                } else if (sections.hasNext()) {
                    Section section = sections.next();
                    write((firstSection ? "" : ",") + json.writeValueAsString(section.name()) + ":");
                    firstSection = false;
                    switch (section) {
                        case Value value -> writeJson(value.value());
                        case Items list -> {
                            write("[");
                            open = list.rows().get();
                            items = open.iterator();
                            firstItem = true;
                        }
                    }
                } else {
                    write("}");
                    finished = true;
                }
            }
        } catch (RuntimeException e) {
            closeSection();
            LOG.warn("Export of user {} stopped half way; the client gets a truncated document: {}", subjectId, e.toString());
            throw new IOException("The export could not be completed", e);
        }
        buffer = out.toByteArray();
        position = 0;
    }

    /** Releases the section being read (its database cursor), also when the client goes away half way. */
    @Override
    public void close() {
        closeSection();
    }

    private void closeSection() {
        Stream<Map<String, Object>> section = open;
        open = null;
        items = null;
        if (section != null) {
            section.close();
        }
    }

    private void writeJson(Object value) throws IOException {
        if (value == null) {
            write("null");
        } else {
            out.write(json.writeValueAsBytes(plain(value)));
        }
    }

    private void write(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The value as plain JSON data: maps, lists, strings, numbers, booleans, instants, nulls. Anything else
     * (a type some old document holds) is written as its text, so the export never fails on it.
     */
    static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Instant
                || value instanceof Integer || value instanceof Long || value instanceof Double || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> plain = new LinkedHashMap<>();
            map.forEach((key, nested) -> plain.put(String.valueOf(key), plain(nested)));
            return plain;
        }
        if (value instanceof Iterable<?> list) {
            List<Object> plain = new ArrayList<>();
            list.forEach(item -> plain.add(plain(item)));
            return plain;
        }
        return String.valueOf(value);
    }
}
