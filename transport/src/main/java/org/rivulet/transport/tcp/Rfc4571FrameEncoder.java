package org.rivulet.transport.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.util.Objects;

/**
 * Frames outbound packets for ICE-TCP (RFC 6544 section 3): prefixes each {@link ByteBuf} with its length
 * as a 16-bit big-endian unsigned integer (RFC 4571 section 2).
 *
 * <pre>
 *   write('A' 'B' 'C')   --&gt;   +-------+-------------+
 *                               | 00 03 | 'A' 'B' 'C' |
 *                               +-------+-------------+
 *                                 new      the caller's buffer, not copied
 * </pre>
 *
 * <p>Ownership: takes ownership of every {@code ByteBuf} written. The packet is not copied: it becomes the
 * second component of a two-component {@link CompositeByteBuf} behind a freshly allocated two-byte
 * prefix, and the transport releases the composite (and so the packet) once it is written. A packet
 * longer than {@value Rfc4571FrameDecoder#MAX_FRAME_LENGTH} bytes cannot be framed: it is released, counted
 * in {@link Rfc4571Counters#oversizeRefused()}, and its write promise fails with an
 * {@link IllegalArgumentException}. Messages of other types pass through untouched.
 *
 * <p>An empty buffer passes through as it is, unframed: Netty code writes {@code Unpooled.EMPTY_BUFFER}
 * to flush (or to flush before a close), and it puts no bytes on the wire. A zero-length frame would carry
 * no packet anyway (the decoder drops them).
 *
 * <p>Pitfalls:
 * <ul>
 *   <li>Not {@code @Sharable}: it counts into loop-confined counters.
 *   <li>The packet's readable bytes are framed, from its reader index; whatever precedes the reader index
 *       is not sent.
 * </ul>
 */
public final class Rfc4571FrameEncoder extends ChannelOutboundHandlerAdapter {

  private final Rfc4571Counters counters;

  /** An encoder with counters of its own. */
  public Rfc4571FrameEncoder() {
    this(new Rfc4571Counters());
  }

  /**
   * An encoder counting into {@code counters}, which must be confined to this channel's event loop.
   */
  public Rfc4571FrameEncoder(Rfc4571Counters counters) {
    this.counters = Objects.requireNonNull(counters, "counters");
  }

  /** The counters this encoder writes. */
  public Rfc4571Counters counters() {
    return counters;
  }

  /**
   * Takes ownership of a {@code ByteBuf} and writes it framed, or refuses it (see the class comment);
   * passes other messages on.
   */
  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (!(msg instanceof ByteBuf packet) || !packet.isReadable()) {
      ctx.write(msg, promise);
      return;
    }
    int length = packet.readableBytes();
    if (length > Rfc4571FrameDecoder.MAX_FRAME_LENGTH) {
      counters.oversizeRefused++;
      packet.release();
      promise.tryFailure(new IllegalArgumentException(
          "RFC 4571 frame of " + length + " bytes exceeds " + Rfc4571FrameDecoder.MAX_FRAME_LENGTH));
      return;
    }
    ByteBuf prefix = null;
    CompositeByteBuf frame;
    try {
      prefix = ctx.alloc().buffer(Rfc4571FrameDecoder.LENGTH_FIELD_BYTES);
      prefix.writeShort(length);
      frame = ctx.alloc().compositeBuffer(2);
    } catch (Throwable t) {
      // Out of (direct) memory: nothing was written; the packet is still ours to release.
      if (prefix != null) {
        prefix.release();
      }
      packet.release();
      promise.tryFailure(t);
      return;
    }
    // addComponents takes ownership of both buffers.
    frame.addComponents(true, prefix, packet);
    counters.framesEncoded++;
    ctx.write(frame, promise);
  }
}
