package org.rivulet.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kurento.client.IceComponentState;
import org.rivulet.elements.MediaType;

/**
 * RELIABILITY.md (c), consent (RFC 7675): a viewer's network goes dark. While a synthetic presenter
 * sends audio through the server to a synthetic viewer, everything to and from the viewer's socket
 * is dropped:
 * <ul>
 *   <li>for 10 s: consent holds (it lasts 30 s), the viewer's endpoint reports no ICE failure, and
 *       the audio reaches the viewer again as soon as the network is back, without a new
 *       negotiation;
 *   <li>then for good: the endpoint loses consent within 30 s of the last check the viewer answered
 *       (so within 35 s of the cut, checks going every 5 s), reports it (ICE state FAILED), and the
 *       server stops sending to the viewer, while the presenter goes on.
 * </ul>
 */
@Timeout(120)
class ConsentIT {

  /** Drops every datagram in both directions while {@link #dark}; counts what reached it meanwhile. */
  static final class Blackout extends WritingTap {
    volatile boolean dark;
    final AtomicLong droppedInbound = new AtomicLong();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (dark) {
        droppedInbound.incrementAndGet();
        ReferenceCountUtil.release(msg);
      } else {
        ctx.fireChannelRead(msg);
      }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (dark) {
        ReferenceCountUtil.release(msg);
        promise.setSuccess();
      } else {
        ctx.write(msg, promise);
      }
    }
  }

  @Test
  void aTenSecondOutageIsRiddenOutAndADeadViewerLosesConsentAndIsNoLongerSentTo()
      throws Exception {
    try (RivuletProcess server = RivuletProcess.start(Map.of("KMS_NETWORK_INTERFACES", "lo"));
        PeerRelay relay = new PeerRelay(server, 43000)) {
      List<Blackout> viewerSockets = WritingTap.tapEach(relay.receiver, Blackout::new);
      List<IceComponentState> states = new CopyOnWriteArrayList<>();
      CompletableFuture<Long> failedAt = new CompletableFuture<>();
      relay.egress.addIceComponentStateChangedListener(e -> {
        states.add(e.getState());
        if (e.getState() == IceComponentState.FAILED) {
          failedAt.complete(System.nanoTime());
        }
      });
      relay.connect();
      AtomicInteger index = new AtomicInteger();
      ScheduledExecutorService timer = java.util.concurrent.Executors
          .newSingleThreadScheduledExecutor();
      ScheduledFuture<?> audio = timer.scheduleAtFixedRate(
          () -> relay.sendAudio(index.incrementAndGet()), 0, 20, TimeUnit.MILLISECONDS);
      try {
        relay.awaitAudio(0, 10);

        setDark(viewerSockets, true);
        Thread.sleep(10_000);
        long heardBefore = relay.receiver.packetsReceived(MediaType.AUDIO);
        setDark(viewerSockets, false);
        relay.awaitAudio(heardBefore + 50, 5);
        assertFalse(states.contains(IceComponentState.FAILED),
            "no ICE failure for an outage shorter than consent: " + states);

        long cut = System.nanoTime();
        setDark(viewerSockets, true);
        long failed = failedAt.get(40, TimeUnit.SECONDS);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(failed - cut);
        System.out.println("ConsentIT: consent lost " + TimeUnit.NANOSECONDS.toMillis(failed - cut)
            + " ms after the cut; ICE states " + states);
        assertTrue(seconds >= 24 && seconds <= 35,
            "consent lost " + seconds + " s after the cut (30 s after the last answered check)");
        // RFC 7675 5.1: no more media to a peer without consent. What was on its way is in.
        Thread.sleep(500);
        long arrived = droppedInbound(viewerSockets);
        int sentMeanwhile = index.get();
        Thread.sleep(2_000);
        assertTrue(index.get() - sentMeanwhile >= 50, "the presenter went on sending");
        assertEquals(arrived, droppedInbound(viewerSockets),
            "nothing reached the viewer's socket after consent was lost");
      } finally {
        audio.cancel(false);
        timer.shutdownNow();
      }
    }
  }

  private static void setDark(List<Blackout> sockets, boolean dark) {
    assertFalse(sockets.isEmpty(), "the viewer's sockets are tapped");
    sockets.forEach(b -> b.dark = dark);
  }

  private static long droppedInbound(List<Blackout> sockets) {
    return sockets.stream().mapToLong(b -> b.droppedInbound.get()).sum();
  }
}
