package org.rivulet.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramPacket;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RELIABILITY.md (c), network chaos, with exact counts: the presenter's SRTP packets on their way to
 * the server are reordered (25%: held back behind the next one), duplicated (5%) or corrupted (1%:
 * a bit of the authentication tag flipped), from a fixed seed. The server counts every duplicate as
 * a replay and every corrupted packet as an authentication failure, no more and no fewer, and
 * forwards every other packet once to the viewer.
 */
@Timeout(60)
class ChaosIT {
  private static final int PACKETS = 1500;

  /** Reorders, duplicates and corrupts the SRTP (not SRTCP, STUN or DTLS) datagrams it writes. */
  static final class Chaos extends WritingTap {
    private final SplittableRandom random = new SplittableRandom(20261125);
    private DatagramPacket held;
    private ChannelPromise heldPromise;
    // Written on the peer's loop only, read by the test once the traffic has stopped.
    volatile int duplicated;
    volatile int corrupted;
    volatile int reordered;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (!(msg instanceof DatagramPacket p) || !isRtp(p.content())) {
        ctx.write(msg, promise);
        return;
      }
      double r = random.nextDouble();
      if (r < 0.01) {
        ByteBuf b = p.content();
        int last = b.writerIndex() - 1;
        b.setByte(last, b.getByte(last) ^ 0x01);
        corrupted++;
      } else if (r < 0.06) {
        duplicated++;
        ctx.write(p.duplicate().retain(), ctx.newPromise());
      } else if (r < 0.31 && held == null) {
        reordered++;
        held = p;
        heldPromise = promise;
        return;
      }
      ctx.write(p, promise);
      if (held != null) {
        ctx.write(held, heldPromise);
        held = null;
      }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
      if (held != null) {
        held.release();
        held = null;
      }
    }
  }

  @Test
  void duplicatesAreCountedAsReplaysCorruptedPacketsAsAuthFailuresAndTheRestForwardedOnce()
      throws Exception {
    try (RivuletProcess server = RivuletProcess.start(Map.of("KMS_NETWORK_INTERFACES", "lo"));
        PeerRelay relay = new PeerRelay(server, 44000)) {
      List<Chaos> presenterSockets = WritingTap.tapEach(relay.sender, Chaos::new);
      relay.connect();
      List<Integer> heard = relay.receivedIndexes();
      for (int i = 1; i <= PACKETS; i++) {
        relay.sendAudio(i);
        if (i % 10 == 0) {
          Thread.sleep(10); // 1,000 packets a second: the socket buffers never fill
        }
      }
      // Until nothing more arrives for half a second (anything sent twice would be in by then).
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      int seen = -1;
      while (heard.size() != seen && System.nanoTime() < deadline) {
        seen = heard.size();
        Thread.sleep(500);
      }
      int duplicated = presenterSockets.stream().mapToInt(c -> c.duplicated).sum();
      int corrupted = presenterSockets.stream().mapToInt(c -> c.corrupted).sum();
      int reordered = presenterSockets.stream().mapToInt(c -> c.reordered).sum();
      int expected = PACKETS - corrupted - 1; // the last packet may be held back for good
      assertTrue(duplicated > 40 && corrupted > 5 && reordered > 250,
          "the seed injects each fault: " + duplicated + " duplicated, " + corrupted
              + " corrupted, " + reordered + " reordered");

      Set<Integer> distinct = new HashSet<>(heard);
      assertEquals(heard.size(), distinct.size(), "no packet reached the viewer twice");
      assertTrue(heard.size() >= expected && heard.size() <= PACKETS - corrupted,
          heard.size() + " of " + PACKETS + " packets reached the viewer, " + corrupted
              + " corrupted");

      String ingress = relay.ingress.getId();
      relay.ingress.release();
      Map<String, Long> srtp = counts(server.closedLine(ingress), "SRTP in");
      System.out.println("ChaosIT: " + reordered + " reordered, " + duplicated + " duplicated, "
          + corrupted + " corrupted; the server's SRTP in " + srtp + "; the viewer heard "
          + heard.size() + " of " + PACKETS);
      assertEquals(duplicated, srtp.getOrDefault("REPLAYED", 0L), "replays: " + srtp);
      assertEquals(corrupted, srtp.getOrDefault("AUTH_FAILED", 0L), "auth failures: " + srtp);
      assertEquals(Set.of("OK", "REPLAYED", "AUTH_FAILED"), srtp.keySet(), "nothing else: " + srtp);
    }
  }

  /** The counts after {@code label} in a release line: {@code "SRTP in {OK=12, REPLAYED=1}"}. */
  private static Map<String, Long> counts(String line, String label) {
    Matcher m = Pattern.compile(Pattern.quote(label) + " \\{([^}]*)\\}").matcher(line);
    assertTrue(m.find(), "no \"" + label + "\" in: " + line);
    Map<String, Long> counts = new HashMap<>();
    for (String entry : m.group(1).split(", ")) {
      String[] kv = entry.split("=");
      counts.put(kv[0], Long.parseLong(kv[1]));
    }
    return counts;
  }
}
