package org.rivulet.transport.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.Objects;

/**
 * Splits a TCP byte stream into the packets RFC 4571 frames in it, as ICE-TCP does (RFC 6544 section 3):
 * each packet is preceded by its length as a 16-bit big-endian unsigned integer.
 *
 * <pre>
 *   RFC 4571 section 2:
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   -----------------------------------------------------------------
 *   |             LENGTH            |  STUN, DTLS or (S)RTP/RTCP ... |
 *   -----------------------------------------------------------------
 *
 *   Reads as they arrive (the stream is cut anywhere):
 *   +----------------+---------+--------------------+----+
 *   | 00 03 'A' 'B'  | 'C' 00  | 00 02 'D' 'E' 00   | 01 |   ... 'F'
 *   +----------------+---------+--------------------+----+
 *
 *   Frames handed on (the zero-length frame 00 00 is dropped and counted):
 *   +-------------+---------+-----+
 *   | 'A' 'B' 'C' | 'D' 'E' | 'F' |
 *   +-------------+---------+-----+
 * </pre>
 *
 * <p>Ownership: each frame is handed on as a retained slice of the accumulated input
 * ({@link ByteBuf#readRetainedSlice}); the next handler owns it and releases it once. The decoder releases
 * its own accumulation buffer when the channel closes or the handler is removed.
 *
 * <p>A frame can never exceed 65535 bytes, the largest 16-bit LENGTH, so the decoder needs no limit of its
 * own: at most one incomplete frame (65537 bytes with its length) is ever buffered beyond what one read
 * brought. A zero LENGTH carries no packet; such frames are skipped and counted. When the connection ends
 * inside a frame, the partial frame is dropped and counted ({@link Rfc4571Counters#truncatedAtClose()}).
 *
 * <p>Pitfalls:
 * <ul>
 *   <li>Stateful (it accumulates partial frames): never {@code @Sharable}; one decoder per connection.
 *   <li>The LENGTH is read with {@code getUnsignedShort(readerIndex())}, an absolute read at the reader
 *       index, not at 0: the accumulation buffer is reused and its reader index moves.
 *   <li>Frames are slices: a consumer that keeps one for long (a retransmission history, say) keeps the
 *       whole accumulation buffer it points into alive. Such a consumer copies the frame and releases the
 *       slice; the packet path here releases each frame within the read that produced it.
 *   <li>Removing the decoder from a live pipeline makes {@link ByteToMessageDecoder} pass the unread,
 *       unframed bytes to the next handler. Close the connection instead.
 * </ul>
 */
public final class Rfc4571FrameDecoder extends ByteToMessageDecoder {

  /** RFC 4571 section 2: the LENGTH field is two bytes. */
  static final int LENGTH_FIELD_BYTES = 2;

  /** The largest frame the 16-bit LENGTH can describe. */
  public static final int MAX_FRAME_LENGTH = 0xFFFF;

  private final Rfc4571Counters counters;

  /** A decoder with counters of its own. */
  public Rfc4571FrameDecoder() {
    this(new Rfc4571Counters());
  }

  /**
   * A decoder counting into {@code counters}, which must be confined to this channel's event loop.
   */
  public Rfc4571FrameDecoder(Rfc4571Counters counters) {
    this.counters = Objects.requireNonNull(counters, "counters");
  }

  /** The counters this decoder writes. */
  public Rfc4571Counters counters() {
    return counters;
  }

  /**
   * Takes at most one frame off {@code in}. {@link ByteToMessageDecoder} calls it again as long as it
   * consumes bytes, so a read holding several frames yields them all. Does not take ownership of
   * {@code in}; each frame added to {@code out} is a retained slice that the next handler owns.
   */
  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (in.readableBytes() < LENGTH_FIELD_BYTES) {
      return;
    }
    int length = in.getUnsignedShort(in.readerIndex());
    if (in.readableBytes() < LENGTH_FIELD_BYTES + length) {
      return; // wait for the rest of the frame
    }
    in.skipBytes(LENGTH_FIELD_BYTES);
    if (length == 0) {
      counters.zeroLengthFrames++;
      return;
    }
    counters.framesDecoded++;
    out.add(in.readRetainedSlice(length));
  }

  /**
   * At the end of the stream: hands on the complete frames still buffered, then drops (and counts) a
   * trailing partial frame or partial LENGTH.
   */
  @Override
  protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    // ByteToMessageDecoder has normally taken every complete frame off already; drain anyway.
    int before;
    do {
      before = in.readableBytes();
      decode(ctx, in, out);
    } while (in.isReadable() && in.readableBytes() < before);
    if (in.isReadable()) {
      // Skipping the leftover makes a second end-of-stream call (after an input shutdown, then the
      // close) see nothing, so a connection is counted once.
      counters.truncatedAtClose++;
      in.skipBytes(in.readableBytes());
    }
  }
}
