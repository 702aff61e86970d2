package io.atelier.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Issue 13's kill -9 test on real processes, small by default (3 rounds of 30 jobs, under two minutes); the full
 * 20 rounds with {@code -Datelier.durability.rounds=20}, or {@code ./atelier bench durability}.
 */
class DurabilityTest {
    @Test
    void every_accepted_job_finishes_exactly_once_across_kill_9_and_restart() throws Exception {
        int rounds = Integer.getInteger("atelier.durability.rounds", 3);
        DurabilityBench.Result result = DurabilityBench.run(rounds, 30, 12_000, 13, System.out);

        assertEquals(30 * rounds, result.accepted());
        assertEquals(0, result.lost(), "lost jobs");
        assertEquals(0, result.duplicated(), "duplicated jobs");
        assertEquals(result.accepted(), result.completed(), "every accepted job succeeded");
        assertEquals(0, result.historyDisagreements(), "history agrees with jobs.get");
        assertEquals(0, result.stuckHistoryRows(), "no history row left running");
        assertEquals("ok", result.integrityCheck());
    }
}
