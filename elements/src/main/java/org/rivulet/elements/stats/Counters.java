package org.rivulet.elements.stats;

import org.rivulet.elements.MediaType;

/** Argument checks the stats records share. */
final class Counters {
  /** The largest SSRC: SSRCs are unsigned 32-bit numbers. */
  static final long MAX_SSRC = 0xFFFF_FFFFL;

  private Counters() {
  }

  static void nonNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative: " + value);
    }
  }

  static void ssrc(long ssrc) {
    if (ssrc < 0 || ssrc > MAX_SSRC) {
      throw new IllegalArgumentException("an SSRC is an unsigned 32-bit number: " + ssrc);
    }
  }

  /** RTCP's 8-bit fraction lost (RFC 3550 section 6.4.1): lost packets per 256. */
  static void fractionLost(int fraction) {
    if (fraction < 0 || fraction > 255) {
      throw new IllegalArgumentException("fraction lost is 0 to 255 (per 256): " + fraction);
    }
  }

  /** RTP streams are audio or video; data travels over SCTP. */
  static void rtpKind(MediaType kind) {
    if (kind != MediaType.AUDIO && kind != MediaType.VIDEO) {
      throw new IllegalArgumentException("an RTP stream is AUDIO or VIDEO: " + kind);
    }
  }
}
