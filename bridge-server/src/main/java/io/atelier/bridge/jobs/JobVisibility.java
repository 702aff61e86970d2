package io.atelier.bridge.jobs;

import io.atelier.bridge.rpc.Caller;

/**
 * Who may see a job: the token that submitted it, any token scoped to its brand, and the admin token. Everyone else is
 * told it does not exist.
 */
final class JobVisibility {
    private JobVisibility() {
    }

    static boolean canSee(Caller caller, JobRecord job) {
        if (caller.scope().allBrands() || caller.tokenId().equals(job.ownerTokenId())) {
            return true;
        }
        return job.brand() != null && caller.scope().includes(job.brand());
    }
}
