package io.atelier.bridge.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Job records in memory (tests); finished ones beyond {@code keepFinished} are forgotten, oldest first. */
public final class InMemoryJobStore implements JobStore {
    private final int keepFinished;
    private final LinkedHashMap<String, JobRecord> records = new LinkedHashMap<>();

    public InMemoryJobStore(int keepFinished) {
        this.keepFinished = keepFinished;
    }

    @Override
    public synchronized void save(JobRecord record) {
        records.put(record.jobId(), record);
        if (record.status().isFinal()) {
            forgetOldFinished();
        }
    }

    @Override
    public synchronized Optional<JobRecord> find(String jobId) {
        return Optional.ofNullable(records.get(jobId));
    }

    @Override
    public synchronized Optional<JobRecord> findByClientRequest(String ownerTokenId, String clientRequestId) {
        return records.values().stream().filter(r -> r.ownerTokenId().equals(ownerTokenId)
                && Objects.equals(r.clientRequestId(), clientRequestId)).findFirst();
    }

    @Override
    public synchronized List<JobRecord> newestFirst(int max) {
        List<JobRecord> all = new ArrayList<>(records.values());
        Collections.reverse(all);
        return all.subList(0, Math.min(max, all.size()));
    }

    @Override
    public synchronized List<JobRecord> unfinished() {
        return records.values().stream().filter(r -> !r.status().isFinal()).toList();
    }

    @Override
    public synchronized int forgetFinishedBefore(Instant cutoff) {
        int before = records.size();
        records.values().removeIf(r -> r.finishedAt() != null && r.finishedAt().isBefore(cutoff));
        return before - records.size();
    }

    private void forgetOldFinished() {
        long finished = records.values().stream().filter(r -> r.status().isFinal()).count();
        Iterator<JobRecord> oldestFirst = records.values().iterator();
        while (finished > keepFinished && oldestFirst.hasNext()) {
            if (oldestFirst.next().status().isFinal()) {
                oldestFirst.remove();
                finished--;
            }
        }
    }
}
