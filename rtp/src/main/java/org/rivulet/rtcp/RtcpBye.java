package org.rivulet.rtcp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Goodbye, PT=203 (RFC 3550 section 6.6): the listed sources are leaving, optionally with a reason.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|    SC   |   PT=BYE=203  |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           SSRC/CSRC                           |  SC times
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * :                              ...                              :
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |     length    |       reason for leaving ...  | zero padding  |  optional
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The reason is kept as bytes so that it writes back exactly; an empty reason is the same as none.
 * The reason length is checked against the bytes present (PJSIP CVE-2021-43804).
 *
 * @param ssrcs at most {@value #MAX_SSRCS}; none is valid, if useless
 * @param reason the reason's bytes, or {@code null} for none
 */
public record RtcpBye(List<Integer> ssrcs, byte[] reason) implements RtcpPacket {

  /** The 5-bit SC field's limit. */
  public static final int MAX_SSRCS = 31;

  /**
   * Copies the list and the reason, turning an empty reason into none.
   *
   * @throws IllegalArgumentException if there are more than 31 SSRCs or the reason is longer than
   *     255 bytes
   */
  public RtcpBye {
    ssrcs = List.copyOf(ssrcs);
    RtcpHeader.checkRange(ssrcs.size(), MAX_SSRCS, "BYE SSRCs");
    if (reason != null) {
      RtcpHeader.checkRange(reason.length, 255, "BYE reason length");
      reason = reason.length == 0 ? null : reason.clone();
    }
  }

  /** A BYE for the given sources with a UTF-8 reason ({@code null} for none). */
  public static RtcpBye of(List<Integer> ssrcs, String reason) {
    return new RtcpBye(ssrcs, reason == null ? null : reason.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Parses the body after the common header ({@code length} bytes at absolute {@code index}, padding
   * removed; {@code count} is SC).
   *
   * @return the packet, or {@code null} if fewer than SC SSRCs are present or the reason's length
   *     runs past the body
   */
  static RtcpBye parse(ByteBuf buf, int index, int length, int count) {
    if (length < 4 * count) {
      return null;
    }
    List<Integer> ssrcs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ssrcs.add(buf.getInt(index + 4 * i));
    }
    byte[] reason = null;
    int rest = length - 4 * count;
    if (rest > 0) {
      int reasonIndex = index + 4 * count;
      int reasonLength = buf.getUnsignedByte(reasonIndex);
      if (reasonLength > rest - 1) {
        return null;
      }
      reason = new byte[reasonLength];
      buf.getBytes(reasonIndex + 1, reason);
    }
    return new RtcpBye(ssrcs, reason);
  }

  /** A copy of the reason's bytes, or {@code null}. */
  @Override
  public byte[] reason() {
    return reason == null ? null : reason.clone();
  }

  /** The reason decoded as UTF-8, or {@code null}. */
  public String reasonText() {
    return reason == null ? null : new String(reason, StandardCharsets.UTF_8);
  }

  @Override
  public int packetType() {
    return BYE;
  }

  @Override
  public int encodedLength() {
    int length = RtcpHeader.LENGTH + 4 * ssrcs.size();
    return reason == null ? length : length + RtcpHeader.align(1 + reason.length);
  }

  @Override
  public void writeTo(ByteBuf out) {
    RtcpHeader.write(out, ssrcs.size(), BYE, encodedLength());
    for (int ssrc : ssrcs) {
      out.writeInt(ssrc);
    }
    if (reason != null) {
      out.writeByte(reason.length);
      out.writeBytes(reason);
      out.writeZero(RtcpHeader.align(1 + reason.length) - 1 - reason.length);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RtcpBye other && ssrcs.equals(other.ssrcs)
        && Arrays.equals(reason, other.reason);
  }

  @Override
  public int hashCode() {
    return 31 * ssrcs.hashCode() + Arrays.hashCode(reason);
  }

  @Override
  public String toString() {
    return "RtcpBye[ssrcs=" + ssrcs + ", reason=" + reasonText() + ']';
  }
}
