package io.playerbase.application.dutchgame;

import io.playerbase.application.dutchgame.port.in.RecoverDutchMatchesUseCase;
import io.playerbase.domain.dutchgame.DutchGameRepository;
import io.playerbase.domain.dutchgame.MatchRecord;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;

@Singleton
final class RecoverDutchMatchesService implements RecoverDutchMatchesUseCase {

    private final DutchGameRepository store;
    private final MatchProtocol protocol;
    private final Clock clock;

    RecoverDutchMatchesService(DutchGameRepository store, MatchProtocol protocol, Clock clock) {
        this.store = store;
        this.protocol = protocol;
        this.clock = clock;
    }

    @Override
    public int recover(Command command) {
        int finished = 0;
        for (MatchRecord match : store.unfinished(clock.instant().minus(command.minAge()))) {
            protocol.complete(match, Actor.system("dutch-recovery"));
            finished++;
        }
        for (DutchGameRepository.StrayHold hold : store.strayHolds()) {
            store.release(hold.player(), hold.attemptId(), hold.amount(), AuditEntry.of(hold.player(),
                    Actor.system("dutch-recovery"), "dutch_game.coins_released", MatchProtocol.MODULE,
                    List.of("coins", "coin_holds"), clock.instant()));
            finished++;
        }
        return finished;
    }
}
