package org.rivulet.elements.stats;

import java.util.Locale;
import java.util.Objects;

/**
 * One WebRTC data channel: Kurento's {@code RTCDataChannelStats}.
 *
 * @param channelId the SCTP stream id
 * @param label the channel's label
 * @param protocol the channel's sub-protocol, empty when none
 * @param state the channel's state
 * @param messagesSent messages sent
 * @param bytesSent message payload bytes sent
 * @param messagesReceived messages received
 * @param bytesReceived message payload bytes received
 */
public record DataChannelCounters(int channelId, String label, String protocol, State state,
    long messagesSent, long bytesSent, long messagesReceived, long bytesReceived) {
  /** Kurento's {@code RTCDataChannelState}. */
  public enum State {
    CONNECTING, OPEN, CLOSING, CLOSED;

    /** The descriptor's value: the name in lower case. */
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public DataChannelCounters {
    if (channelId < 0 || channelId > 0xFFFF) {
      throw new IllegalArgumentException("an SCTP stream id is 0 to 65535: " + channelId);
    }
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(state, "state");
    Counters.nonNegative(messagesSent, "messagesSent");
    Counters.nonNegative(bytesSent, "bytesSent");
    Counters.nonNegative(messagesReceived, "messagesReceived");
    Counters.nonNegative(bytesReceived, "bytesReceived");
  }
}
