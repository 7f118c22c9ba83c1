package org.rivulet.rtcp;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Sender report, PT=200 (RFC 3550 section 6.4.1): the sender's clocks and counters, then one
 * reception report block per source it receives.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|    RC   |   PT=SR=200   |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         SSRC of sender                        |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |              NTP timestamp, most significant word             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |             NTP timestamp, least significant word             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         RTP timestamp                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     sender's packet count                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      sender's octet count                     |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |              RC report blocks, 24 bytes each                  |  RtcpReportBlock
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                  profile-specific extensions                  |  ignored
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Profile-specific extensions after the blocks are skipped when parsing and not written.
 *
 * @param senderSsrc SSRC of the sender
 * @param ntpTimestamp the 64-bit NTP timestamp, seconds in the high word
 * @param rtpTimestamp the same instant in RTP timestamp units (unsigned 32 bits)
 * @param packetCount packets sent since starting (unsigned 32 bits, wraps)
 * @param octetCount payload octets sent since starting (unsigned 32 bits, wraps)
 * @param reportBlocks at most {@value RtcpReceiverReport#MAX_REPORT_BLOCKS}
 */
public record RtcpSenderReport(int senderSsrc, long ntpTimestamp, long rtpTimestamp,
    long packetCount, long octetCount, List<RtcpReportBlock> reportBlocks) implements RtcpPacket {

  private static final int SENDER_INFO_LENGTH = 24;

  /**
   * Checks ranges and copies the block list.
   *
   * @throws IllegalArgumentException if a value does not fit its wire field or there are more
   *     than 31 blocks
   */
  public RtcpSenderReport {
    RtcpHeader.checkUnsigned32(rtpTimestamp, "RTP timestamp");
    RtcpHeader.checkUnsigned32(packetCount, "packet count");
    RtcpHeader.checkUnsigned32(octetCount, "octet count");
    reportBlocks = List.copyOf(reportBlocks);
    RtcpHeader.checkRange(reportBlocks.size(), RtcpReceiverReport.MAX_REPORT_BLOCKS, "report blocks");
  }

  /**
   * Parses the body after the common header: {@code length} bytes at absolute {@code index}, padding
   * already removed, with {@code count} the RC field.
   *
   * @return the report, or {@code null} if the body is shorter than RC blocks need (Janus check_sr)
   */
  static RtcpSenderReport parse(ByteBuf buf, int index, int length, int count) {
    if (length < SENDER_INFO_LENGTH + count * RtcpReportBlock.LENGTH) {
      return null;
    }
    List<RtcpReportBlock> blocks = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      blocks.add(RtcpReportBlock.read(buf, index + SENDER_INFO_LENGTH + i * RtcpReportBlock.LENGTH));
    }
    return new RtcpSenderReport(buf.getInt(index), buf.getLong(index + 4),
        buf.getUnsignedInt(index + 12), buf.getUnsignedInt(index + 16),
        buf.getUnsignedInt(index + 20), blocks);
  }

  @Override
  public int packetType() {
    return SR;
  }

  @Override
  public int encodedLength() {
    return RtcpHeader.LENGTH + SENDER_INFO_LENGTH + reportBlocks.size() * RtcpReportBlock.LENGTH;
  }

  @Override
  public void writeTo(ByteBuf out) {
    RtcpHeader.write(out, reportBlocks.size(), SR, encodedLength());
    out.writeInt(senderSsrc);
    out.writeLong(ntpTimestamp);
    out.writeInt((int) rtpTimestamp);
    out.writeInt((int) packetCount);
    out.writeInt((int) octetCount);
    for (RtcpReportBlock block : reportBlocks) {
      block.writeTo(out);
    }
  }
}
