package io.atelier.tools.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N client threads, each sending the given request bodies in turn as fast as answers come back, for a fixed time.
 * Latency is measured per request from send to the full body received.
 */
final class LoadGenerator {
    private final int clients;
    private final String token;
    private final List<byte[]> bodies;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    LoadGenerator(int clients, String token, List<byte[]> bodies) {
        this.clients = clients;
        this.token = token;
        this.bodies = bodies;
    }

    /** Latencies (ns) of every request of one run, plus its failures and duration. */
    record Sample(long[] latencies, long errors, double seconds) {
    }

    /** Runs the load against {@code target} for {@code duration} (a warm-up run simply ignores the sample). */
    Sample run(URI target, Duration duration) throws InterruptedException {
        List<long[]> perThread = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        drive(http, target, duration, new Sink(perThread, errors));
        double seconds = (System.nanoTime() - start) / 1e9;
        long total = perThread.stream().mapToLong(a -> a.length).sum();
        long[] all = new long[(int) total];
        int at = 0;
        for (long[] latencies : perThread) {
            System.arraycopy(latencies, 0, all, at, latencies.length);
            at += latencies.length;
        }
        return new Sample(all, errors.get(), seconds);
    }

    /** Merges samples of the same target into its figures. */
    static LoadResult summarise(String label, List<Sample> samples) {
        long[] all = samples.stream().flatMapToLong(s -> Arrays.stream(s.latencies())).sorted().toArray();
        long errors = samples.stream().mapToLong(Sample::errors).sum();
        double seconds = samples.stream().mapToDouble(Sample::seconds).sum();
        return new LoadResult(label, all.length, errors, seconds, percentile(all, 0.50), percentile(all, 0.99));
    }

    private record Sink(List<long[]> perThread, AtomicLong errors) {
    }

    private void drive(HttpClient http, URI target, Duration duration, Sink sink) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int offset = c;
            Thread thread = new Thread(() -> {
                long[] latencies = new long[1 << 14];
                int count = 0;
                long failed = 0;
                int turn = offset;
                while (System.nanoTime() < deadline) {
                    HttpRequest request = HttpRequest.newBuilder(target)
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(turn++ % bodies.size())))
                            .build();
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            failed++;
                        }
                    } catch (Exception e) {
                        failed++;
                    }
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = System.nanoTime() - sent;
                }
                synchronized (sink.perThread()) {
                    sink.perThread().add(Arrays.copyOf(latencies, count));
                }
                sink.errors().addAndGet(failed);
                done.countDown();
            }, "bench-client-" + c);
            thread.setDaemon(true);
            thread.start();
        }
        done.await();
    }

    private static double percentile(long[] sortedNanos, double q) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(q * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }
}
