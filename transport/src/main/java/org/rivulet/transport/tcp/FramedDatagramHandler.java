package org.rivulet.transport.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Makes an ICE-TCP connection look like a datagram channel to the layers above: each inbound RFC 4571
 * frame becomes a {@link DatagramPacket} from the connection's peer, and each outbound
 * {@code DatagramPacket} loses its envelope and goes out as a frame.
 *
 * <pre>
 *   inbound:   ByteBuf frame              --&gt; DatagramPacket(frame, recipient = local, sender = remote)
 *   outbound:  DatagramPacket(p, remote)  --&gt; ByteBuf p  --&gt; Rfc4571FrameEncoder
 * </pre>
 *
 * <p>Why datagrams and not a second demultiplexer signature: ICE treats a TCP connection as one more
 * candidate pair (RFC 6544 section 3), and the STUN, DTLS and SRTP layers answer to "the address the
 * packet came from". Converting here keeps {@link org.rivulet.transport.demux.FirstByteDemuxHandler} and
 * everything behind it free of any TCP case: they read {@code DatagramPacket}s and reply with
 * {@code new DatagramPacket(reply, packet.sender())} on either transport.
 *
 * <p>Ownership: the content moves, it is never copied or retained. Inbound, the frame becomes the packet's
 * content and the next handler owns the packet. Outbound, the packet's content goes on to the encoder,
 * which owns it from then on. An outbound packet addressed to someone other than this connection's peer
 * is a bug above: it is released unsent, counted in {@link Rfc4571Counters#unroutable()}, and its promise
 * fails. A packet with no recipient goes to the peer. Messages of other types pass through untouched.
 *
 * <p>Pitfalls: not {@code @Sharable} (it counts into loop-confined counters). It belongs after
 * {@link Rfc4571FrameDecoder} and {@link Rfc4571FrameEncoder} in the pipeline, so that frames reach it
 * inbound and plain buffers leave it outbound.
 */
public final class FramedDatagramHandler extends ChannelDuplexHandler {

  private final Rfc4571Counters counters;

  /**
   * A handler counting into {@code counters}, which must be confined to this channel's event loop.
   */
  public FramedDatagramHandler(Rfc4571Counters counters) {
    this.counters = Objects.requireNonNull(counters, "counters");
  }

  /**
   * Takes ownership of a frame ({@code ByteBuf}) and passes it on as a {@code DatagramPacket} from the
   * connection's peer; passes other messages on.
   */
  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf frame)) {
      ctx.fireChannelRead(msg);
      return;
    }
    InetSocketAddress remote = inet(ctx.channel().remoteAddress());
    if (remote == null) {
      // An accepted TCP connection always has its peer's address (Netty caches it), so this does not
      // happen on TCP; a channel without an IP peer (a test double, say) has no sender to report.
      counters.unroutable++;
      frame.release();
      return;
    }
    ctx.fireChannelRead(new DatagramPacket(frame, inet(ctx.channel().localAddress()), remote));
  }

  /**
   * Takes ownership of a {@code DatagramPacket} and passes its content on, or refuses it when it is
   * addressed elsewhere; passes other messages on.
   */
  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (!(msg instanceof DatagramPacket packet)) {
      ctx.write(msg, promise);
      return;
    }
    InetSocketAddress recipient = packet.recipient();
    Object remote = ctx.channel().remoteAddress();
    if (recipient != null && !recipient.equals(remote)) {
      counters.unroutable++;
      packet.release();
      promise.tryFailure(new IllegalArgumentException(
          "datagram for " + recipient + " written to the ICE-TCP connection with " + remote));
      return;
    }
    ctx.write(packet.content(), promise);
  }

  private static InetSocketAddress inet(Object address) {
    return address instanceof InetSocketAddress inet ? inet : null;
  }
}
