package io.playerbase.domain.testing;

import io.playerbase.domain.shared.SecretHasher;
import io.playerbase.domain.shared.SecretHasherContract;

/** The stand-in that application and adapter tests rely on keeps the port's contract like the real adapter. */
class FakeSecretHasherTest extends SecretHasherContract {

    @Override
    protected SecretHasher createHasher() {
        return new FakeSecretHasher();
    }
}
