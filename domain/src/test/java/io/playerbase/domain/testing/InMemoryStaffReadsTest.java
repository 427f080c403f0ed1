package io.playerbase.domain.testing;

import io.playerbase.domain.user.StaffReadsContract;

/** The staff reads' fake keeps the same contract as the Mongo adapters. */
class InMemoryStaffReadsTest extends StaffReadsContract {

    @Override
    protected Ports createPorts() {
        InMemoryUserRepository users = new InMemoryUserRepository();
        InMemoryStaffReads reads = new InMemoryStaffReads(users);
        return new Ports(users, reads, reads, reads);
    }
}
