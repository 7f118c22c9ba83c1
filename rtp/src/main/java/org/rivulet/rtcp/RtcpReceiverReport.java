package org.rivulet.rtcp;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Receiver report, PT=201 (RFC 3550 section 6.4.2): reception report blocks from a participant
 * that is not sending (or from a sender with more than 31 sources to report on).
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|    RC   |   PT=RR=201   |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     SSRC of packet sender                     |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |              RC report blocks, 24 bytes each                  |  RtcpReportBlock
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                  profile-specific extensions                  |  ignored
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param senderSsrc SSRC of the reporter
 * @param reportBlocks at most {@value #MAX_REPORT_BLOCKS}
 */
public record RtcpReceiverReport(int senderSsrc, List<RtcpReportBlock> reportBlocks)
    implements RtcpPacket {

  /** The 5-bit RC field's limit. */
  public static final int MAX_REPORT_BLOCKS = 31;

  /**
   * Copies the block list.
   *
   * @throws IllegalArgumentException if there are more than 31 blocks
   */
  public RtcpReceiverReport {
    reportBlocks = List.copyOf(reportBlocks);
    RtcpHeader.checkRange(reportBlocks.size(), MAX_REPORT_BLOCKS, "report blocks");
  }

  /**
   * Parses the body after the common header ({@code length} bytes at absolute {@code index}, padding
   * removed; {@code count} is RC).
   *
   * @return the report, or {@code null} if the body is shorter than RC blocks need (Janus check_rr)
   */
  static RtcpReceiverReport parse(ByteBuf buf, int index, int length, int count) {
    if (length < 4 + count * RtcpReportBlock.LENGTH) {
      return null;
    }
    List<RtcpReportBlock> blocks = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      blocks.add(RtcpReportBlock.read(buf, index + 4 + i * RtcpReportBlock.LENGTH));
    }
    return new RtcpReceiverReport(buf.getInt(index), blocks);
  }

  @Override
  public int packetType() {
    return RR;
  }

  @Override
  public int encodedLength() {
    return RtcpHeader.LENGTH + 4 + reportBlocks.size() * RtcpReportBlock.LENGTH;
  }

  @Override
  public void writeTo(ByteBuf out) {
    RtcpHeader.write(out, reportBlocks.size(), RR, encodedLength());
    out.writeInt(senderSsrc);
    for (RtcpReportBlock block : reportBlocks) {
      block.writeTo(out);
    }
  }
}
