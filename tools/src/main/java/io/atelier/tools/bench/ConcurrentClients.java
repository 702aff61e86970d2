package io.atelier.tools.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Throughput as several clients see it: each client on its own thread runs its images one after another (client c
 * seeds 1000·c, 1000·c + 1, …), and the figure is images per wall-clock second over all of them. The generate benches
 * use it through a bridge and in process, so their figures are measured the same way.
 */
public final class ConcurrentClients {

    /** One image for client {@code client} with {@code seed}; returns when it is done. */
    public interface Generation {
        void run(int client, long seed) throws Exception;
    }

    private ConcurrentClients() {
    }

    /** Images per second when {@code clients} clients each make {@code each} images. */
    public static double imagesPerSecond(int clients, int each, Generation generation) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long begin = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                long seed = 1000L * c;
                done.add(pool.submit(() -> {
                    for (int k = 0; k < each; k++) {
                        generation.run(client, seed + k);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            return clients * each / ((System.nanoTime() - begin) / 1e9);
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }
}
