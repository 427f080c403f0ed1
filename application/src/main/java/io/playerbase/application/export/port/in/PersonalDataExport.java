package io.playerbase.application.export.port.in;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything held about one account, as an ordered list of named sections (docs/privacy.md has the
 * field list). A {@link Value} is small and built at once; an {@link Items} section is read lazily, a
 * page at a time, while it is written, so a section of any length (a ledger of a million entries) needs
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

    /** A list read page by page as it is iterated: iterate it once, while writing. */
    public record Items(String name, Iterable<Map<String, Object>> items) implements Section {
        public Items {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(items, "items");
        }
    }
}
