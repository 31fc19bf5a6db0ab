package io.memtune.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ServerPinningTest {

    @Test
    void aPinnedServerStartsUnderTasksetAndItsShareIsOfItsOwnCpus() {
        ServerPinning pinned = new ServerPinning("2-3", "0-1");
        assertEquals(List.of("taskset", "-c", "2-3", "bin/memtune", "--no-shell"), pinned.command(List.of("bin/memtune", "--no-shell")));
        assertEquals(2, pinned.cores());
        assertTrue(pinned.describe().contains("pinned to CPUs 2-3") && pinned.describe().contains("to CPUs 0-1"), pinned.describe());
    }

    @Test
    void anUnpinnedServerSharesTheMachine() {
        ServerPinning shared = new ServerPinning(null, null);
        assertEquals(List.of("bin/memtune"), shared.command(List.of("bin/memtune")));
        assertEquals(Runtime.getRuntime().availableProcessors(), shared.cores());
        assertEquals("the server and the load generator share them", shared.describe());
    }

    @Test
    void theMachinesCpusAreAllOfItsCpusWhereverThisProcessIsPinned() {
        // a pinned driver's availableProcessors() is its own list's size: the machine has at least that many
        assertTrue(ServerPinning.machineCpus() >= Runtime.getRuntime().availableProcessors(),
                ServerPinning.machineCpus() + " < " + Runtime.getRuntime().availableProcessors());
    }
}
