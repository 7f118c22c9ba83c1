package org.rivulet.server.it.browser;

import java.time.Duration;

/**
 * Freezes of some peers' video, from samples the caller takes: for each peer, the longest time its
 * decoded-frame count stood still between samples, counted from the watch's creation. One thread
 * samples (the page's driver is not thread-safe), so a test can watch while it does other things
 * between samples.
 */
public final class StallWatch {
  private final PagePeer[] peers;
  private final long[] last;
  private final long[] lastRise;
  private final long[] longest;

  /** Starts watching: the first sample is taken now. */
  public StallWatch(PagePeer... peers) {
    this.peers = peers.clone();
    this.last = new long[peers.length];
    this.lastRise = new long[peers.length];
    this.longest = new long[peers.length];
    long start = System.nanoTime();
    for (int i = 0; i < peers.length; i++) {
      last[i] = peers[i].framesDecoded();
      lastRise[i] = start;
    }
  }

  /** Reads every peer's decoded-frame count once. */
  public void sample() {
    for (int i = 0; i < peers.length; i++) {
      long frames = peers[i].framesDecoded();
      long t = System.nanoTime();
      if (frames > last[i]) {
        last[i] = frames;
        lastRise[i] = t;
      }
      longest[i] = Math.max(longest[i], t - lastRise[i]);
    }
  }

  /** Samples every 100 ms for {@code span}. */
  public void sampleFor(Duration span) {
    long end = System.nanoTime() + span.toNanos();
    while (System.nanoTime() < end) {
      Poll.sleep(Duration.ofMillis(100));
      sample();
    }
  }

  /** The longest freeze seen so far of the peer at {@code index}, in the constructor's order. */
  public Duration longest(int index) {
    return Duration.ofNanos(longest[index]);
  }
}
