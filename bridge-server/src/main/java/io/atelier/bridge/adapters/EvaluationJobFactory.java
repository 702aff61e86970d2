package io.atelier.bridge.adapters;

import io.atelier.bridge.jobs.JobHandler;
import io.atelier.brands.adapter.AdapterRecord;

/** Makes the {@code adapters.evaluate} job for a ready adapter. */
@FunctionalInterface
public interface EvaluationJobFactory {
    JobHandler create(AdapterRecord adapter);
}
