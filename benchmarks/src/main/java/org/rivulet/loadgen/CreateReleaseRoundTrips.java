package org.rivulet.loadgen;

import org.kurento.client.KurentoClient;
import org.kurento.client.MediaPipeline;

/**
 * Control-plane throughput with the official Kurento Java client over one connection: sequential
 * {@code create(MediaPipeline)} + {@code release} pairs for a fixed time, after a warm-up.
 *
 * <p>Usage: {@code java -cp benchmarks/target/rivulet-benchmarks.jar
 * org.rivulet.loadgen.CreateReleaseRoundTrips [ws-url] [seconds]}; prints round trips per second.
 */
public final class CreateReleaseRoundTrips {
  private CreateReleaseRoundTrips() {
  }

  public static void main(String[] args) {
    String url = args.length > 0 ? args[0] : "ws://127.0.0.1:8888/kurento";
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    KurentoClient kurento = KurentoClient.create(url);
    try {
      run(kurento, 2_000_000_000L);
      long start = System.nanoTime();
      long pairs = run(kurento, seconds * 1_000_000_000L);
      double elapsed = (System.nanoTime() - start) / 1e9;
      System.out.printf("create+release round trips: %d in %.2f s = %.0f per second (%.0f us each)%n",
          pairs, elapsed, pairs / elapsed, elapsed * 1e6 / pairs);
    } finally {
      kurento.destroy();
    }
  }

  private static long run(KurentoClient kurento, long nanos) {
    long end = System.nanoTime() + nanos;
    long pairs = 0;
    while (System.nanoTime() < end) {
      MediaPipeline pipeline = kurento.createMediaPipeline();
      pipeline.release();
      pairs++;
    }
    return pairs;
  }
}
