package org.rivulet.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rivulet.elements.webrtc.WebRtcPeer;

/**
 * RELIABILITY.md B1.4: valid SRTP from an address ICE has not validated is dropped and counted.
 * A synthetic peer sends audio through the server to another; one of its SRTP datagrams is held
 * back on its way out and sent from a stranger's socket instead, then, once the server ignored it,
 * from the peer's own socket, where the server takes it. So the datagram was good media (fresh,
 * authentic) and only its source address kept it out.
 */
@Timeout(90)
class UnvalidatedSrtpIT {
  @Test
  void validSrtpFromAnAddressIceDidNotValidateIsDroppedAndCounted() throws Exception {
    Interceptor interceptor = new Interceptor();
    try (RivuletProcess server = RivuletProcess.start();
        PeerRelay relay = new PeerRelay(server, 41000)) {
      WebRtcPeer sender = relay.sender;
      sender.tapSockets(() -> interceptor);
      List<Integer> heard = relay.receivedIndexes();
      relay.connect();

      // Until media flows end to end: the server's keys may come a moment after the peers'.
      int index = 0;
      while (heard.isEmpty() && index < 250) {
        relay.sendAudio(index++);
        Thread.sleep(20);
      }
      awaitLast(heard, index - 1);
      int last = index - 1;
      int kept = index;
      interceptor.armed = true;
      relay.sendAudio(kept);
      DatagramPacket held = interceptor.kept.get(5, TimeUnit.SECONDS);
      byte[] bytes = ByteBufUtil.getBytes(held.content());
      InetSocketAddress server1 = held.recipient();

      try (DatagramSocket stranger = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
        stranger.send(new java.net.DatagramPacket(bytes, bytes.length, server1));
      }
      Thread.sleep(500);
      assertEquals(last, heard.get(heard.size() - 1),
          "the datagram from the stranger's address went nowhere: " + heard);

      interceptor.sendFromThePeersSocket(held);
      awaitLast(heard, kept);

      relay.pipeline.release();
      assertTrue(server.closedCount(relay.ingress.getId(), "from unvalidated") >= 1,
          "the server counted the stranger's datagram");
    }
  }

  /** Waits up to 10 s for {@code index} to be the last packet the receiver got. */
  private static void awaitLast(List<Integer> heard, int index) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while ((heard.isEmpty() || heard.get(heard.size() - 1) != index)
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(index, heard.isEmpty() ? -1 : heard.get(heard.size() - 1),
        "the last audio packet the receiver got: " + heard);
  }

  /**
   * First in the sender's socket. It marks the channel one by one, so that every datagram written
   * passes it, and passes all on, but for the first RTP datagram after {@link #armed}: that one it
   * keeps (a copy) and never sends.
   */
  private static final class Interceptor extends WritingTap {
    volatile boolean armed;
    final CompletableFuture<DatagramPacket> kept = new CompletableFuture<>();
    private volatile ChannelHandlerContext context;

    @Override
    public boolean isSharable() {
      return true; // one socket (IPv4 loopback); the last one bound is the one that sends
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      context = ctx;
      super.handlerAdded(ctx);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (armed && msg instanceof DatagramPacket p && isRtp(p.content())) {
        armed = false;
        kept.complete(new DatagramPacket(Unpooled.copiedBuffer(p.content()), p.recipient()));
        p.release();
        promise.trySuccess();
        return;
      }
      ctx.write(msg, promise);
    }

    /** Sends {@code packet} on the socket it was kept from, past this handler. */
    void sendFromThePeersSocket(DatagramPacket packet) {
      ChannelHandlerContext ctx = context;
      ctx.channel().eventLoop().execute(() -> ctx.writeAndFlush(packet));
    }
  }
}
