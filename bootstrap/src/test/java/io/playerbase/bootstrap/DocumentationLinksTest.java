package io.playerbase.bootstrap;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A clone stands on its own: every relative link of the repository's Markdown points at a file or
 * folder inside the repository that exists, and no document or default configuration refers to
 * material that lives outside it.
 */
class DocumentationLinksTest {

    /** [text](target) and [text](target "title"); images too. */
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern OUTSIDE = Pattern.compile("\\.\\./shared|SPEC\\.md|SPEC §|STYLE\\.md");

    private final Path root = Path.of("").toAbsolutePath().getParent().normalize();

    @Test
    void everyRelativeLinkStaysInTheRepositoryAndFindsItsTarget() {
        List<Path> documents = markdown();
        assertTrue(documents.contains(root.resolve("README.md")), "run from the bootstrap module: " + root);
        List<String> broken = new ArrayList<>();
        for (Path document : documents) {
            Matcher link = LINK.matcher(read(document));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || target.startsWith("#")) {
                    continue;
                }
                String file = target.replaceFirst("#.*$", "");
                Path resolved = document.getParent().resolve(file).normalize();
                if (!resolved.startsWith(root)) {
                    broken.add(root.relativize(document) + ": " + target + " leaves the repository");
                } else if (!Files.exists(resolved)) {
                    broken.add(root.relativize(document) + ": " + target + " does not exist");
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void noDocumentOrDefaultConfigurationRefersToMaterialOutsideTheRepository() {
        List<Path> files = new ArrayList<>(markdown());
        files.addAll(sourcesAndBuildFiles());
        List<String> found = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = read(file).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (OUTSIDE.matcher(lines.get(i)).find()) {
                    found.add(root.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertEquals(List.of(), found);
    }

    private List<Path> markdown() {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(path -> path.toString().endsWith(".md"))
                    .filter(path -> {
                        String relative = root.relativize(path).toString();
                        return !relative.startsWith(".git") && !relative.contains("target/")
                                && !relative.contains("node_modules/");
                    })
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Java sources, poms and resources of every module: comments there are documentation too. */
    private List<Path> sourcesAndBuildFiles() {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(path -> {
                        String relative = root.relativize(path).toString();
                        String name = path.getFileName().toString();
                        return !relative.startsWith(".git") && !relative.contains("target/")
                                && !relative.contains("node_modules/") && !relative.startsWith(".ci/.tools")
                                && !name.equals("DocumentationLinksTest.java")
                                && (name.endsWith(".java") || name.equals("pom.xml") || name.endsWith(".yml")
                                        || name.endsWith(".yaml") || name.endsWith(".xml") || name.endsWith(".sh"));
                    })
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
