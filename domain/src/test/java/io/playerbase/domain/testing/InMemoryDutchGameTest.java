package io.playerbase.domain.testing;

import io.playerbase.domain.dutchgame.DutchGameRepositoryContract;
import io.playerbase.domain.dutchgame.DutchStats;
import io.playerbase.domain.shared.UserId;

/** The fake every application test relies on keeps the same contract as the Mongo adapter. */
class InMemoryDutchGameTest extends DutchGameRepositoryContract {

    private InMemoryDutchGame fake;

    @Override
    protected Ports createPorts() {
        fake = new InMemoryDutchGame();
        return new Ports(fake, fake);
    }

    @Override
    protected UserId newPlayer(String name, boolean compPlayer) {
        return fake.addPlayer(name, compPlayer, 100);
    }

    @Override
    protected void suspend(UserId player) {
        fake.suspend(player);
    }

    @Override
    protected void play(UserId player, long wins, long losses, long points) {
        fake.setStats(player, DutchStats.derive(wins, losses, wins + losses, points, null));
    }

    @Override
    protected long auditCount(UserId player, String action) {
        return fake.audit().stream().filter(entry -> entry.userId().equals(player) && entry.action().equals(action))
                .count();
    }
}
