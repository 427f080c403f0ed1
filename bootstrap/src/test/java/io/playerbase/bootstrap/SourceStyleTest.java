package io.playerbase.bootstrap;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * House rules of the sources that no compiler checks, over every module's Java files: classes are
 * imported, not written fully qualified inline. A name stays qualified only where its simple name is
 * taken (imported from another package, declared in the file, or a class of the file's own package).
 * It reads the sources and changes nothing, so branches written before it still merge. Change units
 * are left out: they are frozen once applied.
 */
class SourceStyleTest {

    private static final Pattern QUALIFIED = Pattern.compile(
            "(?<![\\w.])((?:java|javax|jakarta|io|com|org|de|reactor)\\.(?:[a-z_][a-z0-9_]*\\.)+)([A-Z][A-Za-z0-9_]*)");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import\\s+([\\w.]+)\\.(\\w+);");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+);");
    private static final Pattern DECLARED = Pattern.compile("\\b(?:class|interface|enum|record)\\s+([A-Z]\\w*)");
    /** Change units are never edited once applied, not even their imports. */
    private static final Pattern CHANGE_UNIT = Pattern.compile("V\\d{4}_\\w+\\.java");

    @Test
    void classesAreImportedNotQualifiedInline() throws IOException {
        List<String> violations = new ArrayList<>();
        List<Path> sources = javaSources();
        assertTrue(sources.size() > 200, "found only " + sources.size() + " Java files under " + repository());
        for (Path source : sources) {
            violations.addAll(inlineQualifiedNames(source));
        }
        assertEquals(List.of(), violations, "import these classes instead of naming them inline");
    }

    @Test
    void theCheckSeesCodeButNotCommentsOrLiterals() {
        String code = """
                package a.b;

                import java.util.List;

                /** See {@link java.util.Map}. */
                class Sample {
                    java.util.Set<String> names; // java.util.Optional
                    String text = "java.util.Deque";
                    java.util.List<String> same;
                    a.b.Other other;
                }
                """;
        assertEquals(List.of("java.util.Set", "java.util.List"), inlineQualifiedNames(code, Set.of()));
    }

    private static Path repository() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("bootstrap")) ? here : here.getParent();
    }

    private static List<Path> javaSources() throws IOException {
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(repository())) {
            for (Path module : modules.filter(path -> Files.exists(path.resolve("pom.xml"))).toList()) {
                Path src = module.resolve("src");
                if (Files.isDirectory(src)) {
                    try (Stream<Path> files = Files.walk(src)) {
                        files.filter(path -> path.toString().endsWith(".java"))
                                .filter(path -> !CHANGE_UNIT.matcher(path.getFileName().toString()).matches())
                                .forEach(sources::add);
                    }
                }
            }
        }
        return sources;
    }

    private static List<String> inlineQualifiedNames(Path source) {
        try {
            Set<String> samePackage = new HashSet<>();
            try (Stream<Path> siblings = Files.list(source.getParent())) {
                siblings.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".java"))
                        .forEach(name -> samePackage.add(name.substring(0, name.length() - ".java".length())));
            }
            return inlineQualifiedNames(Files.readString(source), samePackage).stream()
                    .map(name -> repository().relativize(source) + ": " + name).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> inlineQualifiedNames(String text, Set<String> samePackage) {
        String code = withoutCommentsAndLiterals(text);
        Matcher packageMatch = PACKAGE.matcher(code);
        String ownPackage = packageMatch.find() ? packageMatch.group(1) : "";
        Map<String, String> imported = new HashMap<>();
        Matcher imports = IMPORT.matcher(code);
        while (imports.find()) {
            imported.putIfAbsent(imports.group(2), imports.group(1) + "." + imports.group(2));
        }
        Set<String> declared = new HashSet<>();
        Matcher declarations = DECLARED.matcher(code);
        while (declarations.find()) {
            declared.add(declarations.group(1));
        }
        List<String> found = new ArrayList<>();
        Matcher qualified = QUALIFIED.matcher(code);
        while (qualified.find()) {
            int lineStart = code.lastIndexOf('\n', qualified.start()) + 1;
            String line = code.substring(lineStart, qualified.start()).strip();
            if (line.startsWith("import") || line.startsWith("package")) {
                continue;
            }
            String pkg = qualified.group(1).substring(0, qualified.group(1).length() - 1);
            String simple = qualified.group(2);
            String full = pkg + "." + simple;
            boolean nameTaken = !imported.getOrDefault(simple, full).equals(full)
                    || (!pkg.equals(ownPackage) && (declared.contains(simple) || samePackage.contains(simple)));
            if (!nameTaken) {
                found.add(full);
            }
        }
        return found;
    }

    /** The text with comments, strings, text blocks and characters blanked, keeping line breaks. */
    static String withoutCommentsAndLiterals(String text) {
        StringBuilder out = new StringBuilder(text);
        int i = 0;
        while (i < text.length()) {
            int end;
            if (text.startsWith("//", i)) {
                end = text.indexOf('\n', i);
                end = end < 0 ? text.length() : end;
            } else if (text.startsWith("/*", i)) {
                end = text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : end + 2;
            } else if (text.startsWith("\"\"\"", i)) {
                end = text.indexOf("\"\"\"", i + 3);
                end = end < 0 ? text.length() : end + 3;
            } else if (text.charAt(i) == '"' || text.charAt(i) == '\'') {
                char quote = text.charAt(i);
                end = i + 1;
                while (end < text.length() && text.charAt(end) != quote) {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, text.length());
            } else {
                i++;
                continue;
            }
            for (int k = i; k < end; k++) {
                if (out.charAt(k) != '\n') {
                    out.setCharAt(k, ' ');
                }
            }
            i = end;
        }
        return out.toString();
    }
}
