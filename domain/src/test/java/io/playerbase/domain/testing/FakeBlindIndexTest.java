package io.playerbase.domain.testing;

import io.playerbase.domain.shared.BlindIndex;
import io.playerbase.domain.shared.BlindIndexContract;

/** The stand-in that application and adapter tests rely on keeps the port's contract like the real adapter. */
class FakeBlindIndexTest extends BlindIndexContract {

    @Override
    protected BlindIndex createIndex() {
        return new FakeBlindIndex();
    }
}
