package io.playerbase.bootstrap.ops;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LogFormatTest {

    @Test
    void jsonInAnyCaseIsJsonAndAnythingElseIsText() {
        assertEquals("JSON", LogFormat.canonical("JSON"));
        assertEquals("JSON", LogFormat.canonical("json"));
        assertEquals("JSON", LogFormat.canonical(" Json "));
        assertEquals("TEXT", LogFormat.canonical(null));
        assertEquals("TEXT", LogFormat.canonical(""));
        assertEquals("TEXT", LogFormat.canonical("text"));
        assertEquals("TEXT", LogFormat.canonical("logfmt"), "a typo still logs, as text, rather than nothing");
    }
}
