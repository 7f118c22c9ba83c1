package org.rivulet.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rivulet.dtls.DtlsRole;
import org.rivulet.elements.webrtc.WebRtcPeer;

/**
 * SRTP that reaches the server before its DTLS handshake has finished is held and forwarded once
 * the keys are in place, not dropped. The publisher plays the DTLS server (as a browser does when
 * the server answers its actpass with active): its side of the handshake ends when it sends its
 * last flight, and it may send media at once. Here that last flight is held back on its way out
 * until the publisher has sent five audio packets, so they surely arrive before the server can
 * decrypt them.
 */
@Timeout(90)
class EarlySrtpIT {
  private static final int EARLY = 5;
  private static final int TOTAL = 10;

  @Test
  void srtpThatOvertakesTheServersLastHandshakeStepIsHeldUntilTheKeys() throws Exception {
    LastFlightHolder holder = new LastFlightHolder();
    try (RivuletProcess server = RivuletProcess.start();
        PeerRelay relay = new PeerRelay(server, 43000)) {
      WebRtcPeer sender = relay.sender;
      sender.dtlsRole(DtlsRole.SERVER);
      sender.tapSockets(() -> holder);
      List<Integer> heard = relay.receivedIndexes();
      SyntheticPeerIT.connect(relay.receiver, relay.egress, false);
      relay.receiver.secured().get(20, TimeUnit.SECONDS);
      SyntheticPeerIT.connect(sender, relay.ingress, false);
      sender.secured().get(20, TimeUnit.SECONDS);

      for (int i = 0; i < EARLY; i++) {
        relay.sendAudio(i);
        Thread.sleep(20);
      }
      Thread.sleep(300);
      assertTrue(holder.holding() > 0, "the publisher's last flight was held back");
      assertEquals(List.of(), List.copyOf(heard), "nothing passes before the server has keys");

      holder.letGo();
      for (int i = EARLY; i < TOTAL; i++) {
        relay.sendAudio(i);
        Thread.sleep(20);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (heard.size() < TOTAL && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(IntStream.range(0, TOTAL).boxed().toList(), List.copyOf(heard),
          "the early packets arrive first, in order, then the rest");

      relay.pipeline.release();
      long held = server.closedCount(relay.ingress.getId(), "held until the keys");
      // The first packets sent after the flight may also beat the server's last step.
      assertTrue(held >= EARLY, server.closedLine(relay.ingress.getId()));
    }
  }

  /**
   * First in the publisher's socket. From its first ChangeCipherSpec record (the start of the DTLS
   * server's last flight, RFC 6347 section 4.2.4) it keeps every DTLS datagram written, until
   * {@link #letGo}; everything else passes.
   */
  private static final class LastFlightHolder extends WritingTap {
    private static final int CHANGE_CIPHER_SPEC = 20;
    private final List<Object[]> kept = new ArrayList<>();
    private boolean letGo;
    private volatile ChannelHandlerContext context;

    @Override
    public boolean isSharable() {
      return true; // one socket (IPv4 loopback)
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      context = ctx;
      super.handlerAdded(ctx);
    }

    @Override
    public synchronized void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (!letGo && msg instanceof DatagramPacket p && isDtls(p.content())
          && (!kept.isEmpty() || p.content().getUnsignedByte(p.content().readerIndex())
              == CHANGE_CIPHER_SPEC)) {
        kept.add(new Object[] {msg, promise});
        return;
      }
      ctx.write(msg, promise);
    }

    synchronized int holding() {
      return kept.size();
    }

    /** Sends what was kept, in order, and keeps nothing from now on. */
    void letGo() {
      ChannelHandlerContext ctx = context;
      ctx.channel().eventLoop().execute(() -> {
        synchronized (this) {
          letGo = true;
          for (Object[] k : kept) {
            ctx.write(k[0], (ChannelPromise) k[1]);
          }
          kept.clear();
          ctx.flush();
        }
      });
    }

    /** RFC 7983: DTLS records start with a content type of 20-63. */
    private static boolean isDtls(ByteBuf b) {
      if (!b.isReadable()) {
        return false;
      }
      int first = b.getUnsignedByte(b.readerIndex());
      return first >= 20 && first <= 63;
    }
  }
}
