package io.playerbase.adapters.rest.console;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the Content-Security-Policy relies on, checked in the console's sources: nothing inline in the
 * page, and no script that turns strings into markup or code (docs/console.md, "Security").
 */
class ConsoleFilesTest {

    private static final Path CONSOLE = Path.of("src/main/resources/io/playerbase/console");
    private static final List<String> FORBIDDEN_IN_SCRIPTS = List.of("innerHTML", "outerHTML", "insertAdjacentHTML",
            "document.write", "eval(", "new Function", "setAttribute('style'", "localStorage", "document.cookie");

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(CONSOLE)) {
            return walk.filter(path -> path.toString().endsWith(suffix)).toList();
        }
    }

    @Test
    void scriptsNeverParseStringsAsMarkupOrCode() throws IOException {
        List<Path> scripts = files(".js");
        assertFalse(scripts.isEmpty());
        for (Path script : scripts) {
            String source = Files.readString(script);
            for (String forbidden : FORBIDDEN_IN_SCRIPTS) {
                assertFalse(source.contains(forbidden), script + " uses " + forbidden);
            }
        }
    }

    @Test
    void thePageHasNoInlineScriptStyleOrHandler() throws IOException {
        String page = Files.readString(CONSOLE.resolve("index.html"));
        Matcher scripts = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(page);
        int count = 0;
        while (scripts.find()) {
            count++;
            assertTrue(scripts.group(1).contains("src=\""), "a script without src: " + scripts.group());
            assertEquals("", scripts.group(2).strip(), "an inline script body");
        }
        assertEquals(1, count, "the one module entry point");
        assertFalse(page.contains("<style"), "inline style element");
        assertFalse(Pattern.compile("\\sstyle=").matcher(page).find(), "style attribute");
        assertFalse(Pattern.compile("\\son[a-z]+=").matcher(page).find(), "inline event handler");
    }

    @Test
    void theChartLibraryIsTheWebJarVersionOfThePom() throws IOException {
        String version = System.getProperty("uplot.version");
        assertTrue(version != null, "the pom passes uplot.version to the tests");
        assertTrue(getClass().getResource("/META-INF/resources/webjars/uplot/" + version + "/dist/uPlot.esm.js") != null,
                "the WebJar of that version is on the class path");
        String path = "/console/vendor/uplot/" + version + "/dist/";
        assertTrue(Files.readString(CONSOLE.resolve("index.html")).contains(path));
        assertTrue(Files.readString(CONSOLE.resolve("js/charts.js")).contains(path));
    }
}
