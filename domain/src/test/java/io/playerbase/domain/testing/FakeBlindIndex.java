package io.playerbase.domain.testing;

import io.playerbase.domain.shared.BlindIndex;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** Unkeyed stand-in with the same normalization and entry format as the real blind index; one "key". */
public final class FakeBlindIndex implements BlindIndex {

    @Override
    public String of(String purpose, String value) {
        String normalized = Normalizer.normalize(value, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((purpose + ":" + normalized).getBytes(StandardCharsets.UTF_8));
            return "fake:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<String> entries(String purpose, String value) {
        return List.of(of(purpose, value));
    }

    @Override
    public List<String> lookups(String purpose, String value) {
        return List.of(of(purpose, value));
    }
}
