package org.rivulet.rtp.ext;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Map;
import org.rivulet.rtp.RtpPacket;

/**
 * The header extensions a forwarder carries from a sender to its receivers: the audio level of RFC
 * 6464 (what active-speaker detection reads) and 3GPP's coordination of video orientation (without
 * it a phone's rotated camera arrives sideways). An id means what the SDP of its own session says
 * (RFC 8285 section 6), so the forwarder renames them twice.
 *
 * <p>A receiving session renames the elements of each packet it accepts, in place, to fixed
 * internal ids ({@link #normalize}) and blanks every other element into padding; the packet then
 * travels the pipeline meaning the same thing for every element. A sending session appends its
 * copy with those internal elements under the ids its own peer negotiated ({@link #write}), next to
 * its own element (abs-send-time), in the one-byte form (RFC 8285 section 4.2).
 *
 * <p>Stateless. On the packet path it allocates no buffer; each call walks the extension block
 * through a visitor lambda ({@link HeaderExtensions#forEach}).
 */
public final class ForwardedExtensions {
  /** 3GPP TS 26.114 coordination of video orientation (one byte: camera, flip, rotation). */
  public static final String VIDEO_ORIENTATION_URI = "urn:3gpp:video-orientation";

  /** The URIs forwarded, in internal-id order: the internal id of {@code URIS.get(i)} is i + 1. */
  public static final List<String> URIS = List.of(AudioLevel.URI, VIDEO_ORIENTATION_URI);

  /** The largest one-byte element a receiver can be sent (RFC 8285 section 4.2). */
  private static final int MAX_ONE_BYTE_LENGTH = 16;

  private ForwardedExtensions() {
  }

  /** The internal id of {@code uri}, or 0 when it is not forwarded. */
  public static int internalId(String uri) {
    return URIS.indexOf(uri) + 1;
  }

  /**
   * For a receiving session: a table from the ids it negotiated (0..255) to internal ids, 0 where
   * an element is not forwarded.
   *
   * @param negotiated URI to id, as the session's SDP agreed them
   */
  public static int[] toInternal(Map<String, Integer> negotiated) {
    int[] table = new int[HeaderExtensions.MAX_TWO_BYTE_ID + 1];
    negotiated.forEach((uri, id) -> {
      if (id > 0 && id <= HeaderExtensions.MAX_TWO_BYTE_ID) {
        table[id] = internalId(uri);
      }
    });
    return table;
  }

  /**
   * For a sending session: a table from internal ids to the one-byte ids its peer negotiated, 0
   * where the peer did not negotiate that extension (or only with a two-byte id).
   */
  public static int[] fromInternal(Map<String, Integer> negotiated) {
    int[] table = new int[URIS.size() + 1];
    negotiated.forEach((uri, id) -> {
      int internal = internalId(uri);
      if (internal > 0 && id > 0 && id <= HeaderExtensions.MAX_ONE_BYTE_ID) {
        table[internal] = id;
      }
    });
    return table;
  }

  /**
   * Renames, in place, each element the table knows to its internal id and overwrites every other
   * element (header and data) with padding bytes, which both forms skip. Elements after a malformed
   * one are left alone: {@link #write} never reaches them either.
   */
  public static void normalize(RtpPacket packet, int[] toInternal) {
    if (!packet.hasExtension()) {
      return;
    }
    ByteBuf buf = packet.buffer();
    boolean oneByte = HeaderExtensions.isOneByte(packet);
    int headerBytes = oneByte ? 1 : 2;
    HeaderExtensions.forEach(packet, (id, dataIndex, dataLength) -> {
      int internal = id < toInternal.length ? toInternal[id] : 0;
      int header = dataIndex - headerBytes;
      if (internal == 0) {
        buf.setZero(header, headerBytes + dataLength);
      } else if (oneByte) {
        buf.setByte(header, (internal << 4) | (dataLength - 1));
      } else {
        buf.setByte(header, internal);
      }
      return true;
    });
  }

  /**
   * Appends {@code packet} (normalized) to {@code out}: its fixed header and CSRCs, then a one-byte
   * extension block with each internal element the receiver negotiated, under the receiver's id,
   * and one element of the forwarder's own ({@code ownId} 0 for none: the low {@code ownSize}
   * bytes of {@code ownValue}, big-endian), then payload and padding. With no element at all the
   * packet goes without an extension block (X cleared).
   *
   * @return the bytes appended
   */
  public static int write(RtpPacket packet, ByteBuf out, int[] fromInternal, int ownId,
      int ownValue, int ownSize) {
    if (ownId < 0 || ownId > HeaderExtensions.MAX_ONE_BYTE_ID || ownSize < 0 || ownSize > 4
        || (ownId > 0 && ownSize == 0)) {
      throw new IllegalArgumentException("own element: id " + ownId + ", size " + ownSize);
    }
    int start = out.writerIndex();
    ByteBuf in = packet.buffer();
    int offset = packet.offset();
    int fixed = 12 + 4 * packet.csrcCount();
    out.writeByte(in.getUnsignedByte(offset) | 0x10);
    out.writeBytes(in, offset + 1, fixed - 1);
    int blockHeader = out.writerIndex();
    out.writeShort(HeaderExtensions.ONE_BYTE_PROFILE).writeShort(0);
    int elements = out.writerIndex();
    if (packet.hasExtension()) {
      HeaderExtensions.forEach(packet, (id, dataIndex, dataLength) -> {
        int target = id < fromInternal.length ? fromInternal[id] : 0;
        if (target > 0 && dataLength >= 1 && dataLength <= MAX_ONE_BYTE_LENGTH) {
          out.writeByte((target << 4) | (dataLength - 1));
          out.writeBytes(in, dataIndex, dataLength);
        }
        return true;
      });
    }
    if (ownId > 0) {
      out.writeByte((ownId << 4) | (ownSize - 1));
      for (int i = ownSize - 1; i >= 0; i--) {
        out.writeByte(ownValue >>> (8 * i));
      }
    }
    int length = out.writerIndex() - elements;
    if (length == 0) {
      // Nothing to carry: no block, X cleared.
      out.writerIndex(blockHeader);
      out.setByte(start, out.getUnsignedByte(start) & ~0x10);
    } else {
      int words = (length + 3) / 4;
      out.writeZero(4 * words - length);
      out.setShort(blockHeader + 2, words);
    }
    int header = packet.headerLength();
    out.writeBytes(in, offset + header, packet.length() - header);
    return out.writerIndex() - start;
  }
}
