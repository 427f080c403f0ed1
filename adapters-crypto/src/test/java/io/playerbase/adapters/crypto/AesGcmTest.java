package io.playerbase.adapters.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** McGrew–Viega "The Galois/Counter Mode of Operation", AES-256 test cases 13–16 (96-bit IV, 128-bit tag). */
class AesGcmTest {

    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest(name = "test case {0}")
    @CsvSource({
        // case, key, iv, plaintext, aad, ciphertext || tag
        "13, 0000000000000000000000000000000000000000000000000000000000000000, 000000000000000000000000, '', '',"
            + " 530f8afbc74536b9a963b4f1c4cb738b",
        "14, 0000000000000000000000000000000000000000000000000000000000000000, 000000000000000000000000,"
            + " 00000000000000000000000000000000, '',"
            + " cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919",
        "15, feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308, cafebabefacedbaddecaf888,"
            + " d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255,"
            + " '',"
            + " 522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad"
            + "b094dac5d93471bdec1a502270e3cc6c",
        "16, feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308, cafebabefacedbaddecaf888,"
            + " d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39,"
            + " feedfacedeadbeeffeedfacedeadbeefabaddad2,"
            + " 522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
            + "76fc6ece0f4e1768cddf8853bb2d551b",
    })
    void matchesPublishedVectors(int testCase, String key, String iv, String plaintext, String aad, String sealed)
            throws AEADBadTagException {
        byte[] k = HEX.parseHex(key);
        byte[] n = HEX.parseHex(iv);
        byte[] a = HEX.parseHex(aad);

        assertArrayEquals(HEX.parseHex(sealed), AesGcm.seal(k, n, a, HEX.parseHex(plaintext)));
        assertArrayEquals(HEX.parseHex(plaintext), AesGcm.open(k, n, a, HEX.parseHex(sealed)));
    }

    @Test
    void openRejectsAlteredAssociatedData() {
        byte[] key = new byte[32];
        byte[] nonce = new byte[12];
        byte[] sealed = AesGcm.seal(key, nonce, new byte[] {1}, new byte[] {42});

        assertThrows(AEADBadTagException.class, () -> AesGcm.open(key, nonce, new byte[] {2}, sealed));
    }
}
