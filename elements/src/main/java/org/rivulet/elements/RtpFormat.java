package org.rivulet.elements;

/**
 * The encoding of an RTP stream as it travels between elements: what a receiving endpoint needs to
 * map the packet to its own negotiated payload type (payload types are per session, names are not).
 */
public record RtpFormat(String encoding, int clockRate, int channels) {

  /** Whether an endpoint that negotiated {@code encoding/clockRate} can send this stream as it is. */
  public boolean sameCodec(String otherEncoding, int otherClockRate) {
    return encoding.equalsIgnoreCase(otherEncoding) && clockRate == otherClockRate;
  }
}
