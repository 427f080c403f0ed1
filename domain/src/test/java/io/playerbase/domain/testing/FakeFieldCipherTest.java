package io.playerbase.domain.testing;

import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.FieldCipherContract;

/** The stand-in that application and adapter tests rely on keeps the port's contract like the real adapter. */
class FakeFieldCipherTest extends FieldCipherContract {

    @Override
    protected FieldCipher createCipher() {
        return new FakeFieldCipher();
    }
}
