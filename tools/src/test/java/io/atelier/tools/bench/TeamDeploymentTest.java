package io.atelier.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Issue 17's team test on real processes, small enough for the build: two bridges and two workers on one PostgreSQL
 * and one shared home, 60 atelier-micro jobs from 6 tokens of 3 brands, one worker killed with SIGKILL a third of the
 * way through and one bridge half-way (its designers reconnect to the other bridge and subscribe to their jobs). Throughput with 1, 2 and 3 workers is {@code TeamBench}'s to print, not this test's to time.
 */
class TeamDeploymentTest {
    @Test
    void every_accepted_job_finishes_exactly_once_when_a_worker_and_a_bridge_are_killed_and_no_brand_sees_another() throws Exception {
        TeamBench.Result result = TeamBench.run(new TeamBench.Settings(2, 2, 3, 2, 60, 4, 0.3, 3), System.out);

        assertEquals(60, result.accepted());
        assertEquals(0, result.lost(), "jobs whose jobs.finished never came");
        assertEquals(0, result.finishedTwice(), "jobs finished twice");
        assertEquals(60, result.succeeded(), "every accepted job succeeded");
        assertEquals(0, result.crossBrand(), "a token saw another brand's job, or missed its own");
        assertTrue(result.reclaimed() <= 60);
        // Every worker told the team its memory through its heartbeat (the killed one until it died).
        assertTrue(result.workersReporting() >= 2, "workers reporting their memory: " + result.workersReporting());
    }
}
