package org.rivulet.rtp.codec;

import io.netty.buffer.ByteBuf;

/**
 * Tells from one RTP payload whether it starts a frame, and whether that frame is a keyframe a
 * decoder can start from, for VP8, VP9 and H.264. A forwarder uses it to know when a new subscriber
 * or a switched layer can begin, and when a requested keyframe (PLI/FIR) has arrived.
 *
 * <p>Every method looks only at bytes in {@code [payloadOffset, payloadOffset + payloadLength)},
 * checks each field's length before reading it, takes no ownership and moves no index. Malformed
 * payloads, ranges outside the buffer, a {@code null} buffer and encodings other than {@code VP8},
 * {@code VP9} and {@code H264} (compared ignoring case, as in SDP rtpmap) all give {@code false};
 * nothing here throws.
 */
public final class Keyframes {

  // H.264 NAL unit types (RFC 6184 section 5.2, ITU-T H.264 table 7-1).
  private static final int NAL_IDR = 5;
  private static final int NAL_SPS = 7;
  private static final int NAL_STAP_A = 24;
  private static final int NAL_FU_A = 28;

  private Keyframes() {}

  /**
   * Whether this payload is the first packet of a keyframe: VP8 first partition start with the
   * inverse key frame bit P = 0; VP9 start of a non-predicted layer frame of spatial layer 0; H.264
   * IDR slice or SPS, alone, inside a STAP-A, or at the start of an FU-A.
   */
  public static boolean isKeyframeStart(
      String encodingName, ByteBuf buf, int payloadOffset, int payloadLength) {
    if (!inBounds(buf, payloadOffset, payloadLength)) {
      return false;
    }
    return switch (codec(encodingName)) {
      case VP8 -> vp8(buf, payloadOffset, payloadLength, true);
      case VP9 -> vp9(buf, payloadOffset, payloadLength, true);
      case H264 -> h264(buf, payloadOffset, payloadLength, true);
      case OTHER -> false;
    };
  }

  /**
   * Whether this payload is the first packet of a frame: VP8 S = 1 with partition 0; VP9 B = 1 (the
   * start of a layer frame, so each spatial layer of a picture has one); H.264 a single NAL unit, a
   * STAP-A, or an FU-A with S = 1 (each NAL unit of an access unit counts).
   */
  public static boolean isFrameStart(
      String encodingName, ByteBuf buf, int payloadOffset, int payloadLength) {
    if (!inBounds(buf, payloadOffset, payloadLength)) {
      return false;
    }
    return switch (codec(encodingName)) {
      case VP8 -> vp8(buf, payloadOffset, payloadLength, false);
      case VP9 -> vp9(buf, payloadOffset, payloadLength, false);
      case H264 -> h264(buf, payloadOffset, payloadLength, false);
      case OTHER -> false;
    };
  }

  private enum Codec { VP8, VP9, H264, OTHER }

  private static Codec codec(String encodingName) {
    if ("VP8".equalsIgnoreCase(encodingName)) {
      return Codec.VP8;
    }
    if ("VP9".equalsIgnoreCase(encodingName)) {
      return Codec.VP9;
    }
    if ("H264".equalsIgnoreCase(encodingName)) {
      return Codec.H264;
    }
    return Codec.OTHER;
  }

  private static boolean inBounds(ByteBuf buf, int offset, int length) {
    return buf != null && offset >= 0 && length >= 0 && offset <= buf.capacity() - length;
  }

  private static boolean vp8(ByteBuf buf, int off, int len, boolean keyframe) {
    int descriptor = vp8DescriptorLength(buf, off, len);
    if (descriptor < 0 || descriptor >= len) {
      return false; // no VP8 payload byte after the descriptor
    }
    int first = buf.getUnsignedByte(off);
    boolean partitionStart = (first & 0x10) != 0 && (first & 0x07) == 0; // S = 1, PID = 0
    if (!keyframe || !partitionStart) {
      return partitionStart;
    }
    // RFC 7741 section 4.3: the payload header starts with |Size0|H|VER|P|, P = 0 for key frames.
    return (buf.getUnsignedByte(off + descriptor) & 0x01) == 0;
  }

  /**
   * Length of the VP8 payload descriptor (RFC 7741 section 4.2), or -1 when it does not fit.
   * <pre>
   *     |X|R|N|S|R| PID |   then if X:   |I|L|T|K| RSV |
   *  I: |M| PictureID   |   (and a second PictureID byte if M)
   *  L: |   TL0PICIDX   |
   *  T/K: |TID|Y| KEYIDX|   (one byte shared by T and K)
   * </pre>
   */
  private static int vp8DescriptorLength(ByteBuf buf, int off, int len) {
    if (len < 1) {
      return -1;
    }
    if ((buf.getUnsignedByte(off) & 0x80) == 0) {
      return 1;
    }
    if (len < 2) {
      return -1;
    }
    int extension = buf.getUnsignedByte(off + 1);
    int n = 2;
    if ((extension & 0x80) != 0) {
      if (n >= len) {
        return -1;
      }
      n += (buf.getUnsignedByte(off + n) & 0x80) != 0 ? 2 : 1;
    }
    if ((extension & 0x40) != 0) {
      n++;
    }
    if ((extension & 0x30) != 0) {
      n++;
    }
    return n <= len ? n : -1;
  }

  private static boolean vp9(ByteBuf buf, int off, int len, boolean keyframe) {
    int descriptor = vp9DescriptorLength(buf, off, len);
    if (descriptor < 0 || descriptor >= len) {
      return false; // malformed, or a descriptor with no frame data
    }
    int flags = buf.getUnsignedByte(off);
    boolean layerFrameStart = (flags & 0x08) != 0; // B
    if (!keyframe || !layerFrameStart) {
      return layerFrameStart;
    }
    if ((flags & 0x40) != 0) {
      return false; // P: inter-picture predicted
    }
    if ((flags & 0x20) == 0) {
      return true; // no layer indices: a single spatial layer
    }
    int layerIndex = 1;
    if ((flags & 0x80) != 0) {
      layerIndex += (buf.getUnsignedByte(off + 1) & 0x80) != 0 ? 2 : 1;
    }
    return (buf.getUnsignedByte(off + layerIndex) & 0x0e) == 0; // |TID|U|SID|D|, SID = 0
  }

  /**
   * Length of the VP9 payload descriptor (draft-ietf-payload-vp9-16, now RFC 9628, section 4.2), or
   * -1 when it does not fit or has more than three P_DIFF bytes.
   * <pre>
   *       |I|P|L|F|B|E|V|Z|
   *  I:   |M| PICTURE ID  |      (and an extended PID byte if M)
   *  L:   |TID|U| SID |D|       (and TL0PICIDX when F = 0, non-flexible mode)
   *  P,F: | P_DIFF      |N|      up to 3 times
   *  V:   scalability structure, section 4.2.1
   * </pre>
   */
  private static int vp9DescriptorLength(ByteBuf buf, int off, int len) {
    if (len < 1) {
      return -1;
    }
    int flags = buf.getUnsignedByte(off);
    boolean flexible = (flags & 0x10) != 0;
    int n = 1;
    if ((flags & 0x80) != 0) {
      if (n >= len) {
        return -1;
      }
      n += (buf.getUnsignedByte(off + n) & 0x80) != 0 ? 2 : 1;
    }
    if ((flags & 0x20) != 0) {
      n += flexible ? 1 : 2;
    }
    if ((flags & 0x40) != 0 && flexible) {
      for (int diffs = 1; ; diffs++) {
        if (n >= len) {
          return -1;
        }
        boolean more = (buf.getUnsignedByte(off + n++) & 0x01) != 0;
        if (!more) {
          break;
        }
        if (diffs == 3) {
          return -1;
        }
      }
    }
    if ((flags & 0x02) != 0) {
      n = vp9ScalabilityStructureEnd(buf, off, len, n);
    }
    return n >= 0 && n <= len ? n : -1;
  }

  /**
   * End of the scalability structure starting at {@code n} (RFC 9628 section 4.2.1), or -1:
   * {@code |N_S|Y|G|-|-|-|}, then WIDTH and HEIGHT (2 bytes each) per spatial layer if Y, then
   * N_G if G and N_G pictures of {@code |TID|U|R|-|-|} followed by R P_DIFF bytes.
   */
  private static int vp9ScalabilityStructureEnd(ByteBuf buf, int off, int len, int n) {
    if (n >= len) {
      return -1;
    }
    int header = buf.getUnsignedByte(off + n++);
    if ((header & 0x10) != 0) {
      n += 4 * ((header >>> 5) + 1);
    }
    if ((header & 0x08) != 0) {
      if (n >= len) {
        return -1;
      }
      int pictures = buf.getUnsignedByte(off + n++);
      for (int i = 0; i < pictures; i++) {
        if (n >= len) {
          return -1;
        }
        n += 1 + ((buf.getUnsignedByte(off + n) >>> 2) & 0x03);
      }
    }
    return n;
  }

  private static boolean h264(ByteBuf buf, int off, int len, boolean keyframe) {
    if (len < 1) {
      return false;
    }
    int type = buf.getUnsignedByte(off) & 0x1f; // |F|NRI|Type| (RFC 6184 section 5.3)
    if (type >= 1 && type <= 23) {
      return !keyframe || isKeyNal(type); // single NAL unit packet (section 5.6)
    }
    if (type == NAL_STAP_A) {
      return stapA(buf, off, len, keyframe);
    }
    if (type == NAL_FU_A) {
      // Section 5.8: FU indicator, then FU header |S|E|R|Type| of the fragmented NAL unit.
      if (len < 2) {
        return false;
      }
      int header = buf.getUnsignedByte(off + 1);
      int fragmented = header & 0x1f;
      boolean start = (header & 0x80) != 0 && fragmented >= 1 && fragmented <= 23;
      return start && (!keyframe || isKeyNal(fragmented));
    }
    return false; // STAP-B, MTAP, FU-B: not in packetization modes 0 and 1; reserved types
  }

  /**
   * A STAP-A (RFC 6184 section 5.7.1): after the header byte, aggregation units of a 16-bit size
   * and that many bytes of NAL unit, exactly filling the payload. A keyframe when any unit is an
   * SPS or an IDR slice.
   */
  private static boolean stapA(ByteBuf buf, int off, int len, boolean keyframe) {
    int pos = off + 1;
    int end = off + len;
    boolean units = false;
    boolean key = false;
    while (pos < end) {
      if (end - pos < 2) {
        return false;
      }
      int size = buf.getUnsignedShort(pos);
      pos += 2;
      if (size == 0 || size > end - pos) {
        return false;
      }
      key |= isKeyNal(buf.getUnsignedByte(pos) & 0x1f);
      units = true;
      pos += size;
    }
    return units && (!keyframe || key);
  }

  private static boolean isKeyNal(int type) {
    return type == NAL_IDR || type == NAL_SPS;
  }
}
