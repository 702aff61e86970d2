package io.atelier.tools.bench;

/**
 * Figures from one load run.
 *
 * @param label what was loaded
 * @param requests completed requests
 * @param errors requests that failed or answered other than 200
 * @param seconds measured duration
 * @param p50Millis median latency
 * @param p99Millis 99th percentile latency
 */
public record LoadResult(String label, long requests, long errors, double seconds, double p50Millis, double p99Millis) {
    public double requestsPerSecond() {
        return requests / seconds;
    }

    public String line() {
        return String.format("%-12s %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  (%d requests, %d errors, %.1f s)",
                label, requestsPerSecond(), p50Millis, p99Millis, requests, errors, seconds);
    }
}
