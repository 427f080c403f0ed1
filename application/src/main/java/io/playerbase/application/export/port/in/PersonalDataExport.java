package io.playerbase.application.export.port.in;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Everything held about one account, as an ordered list of named sections (docs/privacy.md has the
 * field list). A {@link Value} is small and built at once; an {@link Items} section is read lazily (a
 * cursor, or a page at a time) while it is written, so a section of any length (a ledger of a million entries) needs
 * bounded memory. Values are plain data: maps with snake_case keys, lists, strings, numbers, booleans,
 * instants, {@code null}. A new section is one more element of the list.
 */
public record PersonalDataExport(String subjectId, List<Section> sections) {

    public PersonalDataExport {
        Objects.requireNonNull(subjectId, "subjectId");
        sections = List.copyOf(sections);
    }

    public sealed interface Section permits Value, Items {
        String name();
    }

    public record Value(String name, Object value) implements Section {
        public Value {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * A list read lazily while it is written: {@code rows} opens it (a database cursor or a page at a
     * time); the writer closes the stream when the section is written or the writing stops.
     */
    public record Items(String name, Supplier<Stream<Map<String, Object>>> rows) implements Section {
        public Items {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(rows, "rows");
        }
    }
}
