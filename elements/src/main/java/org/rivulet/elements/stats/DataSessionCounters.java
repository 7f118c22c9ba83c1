package org.rivulet.elements.stats;

import java.util.List;

/**
 * The endpoint's SCTP association when data channels were negotiated: Kurento's
 * {@code RTCPeerConnectionStats} (type {@code session}) and one {@code RTCDataChannelStats} per
 * channel.
 *
 * @param channelsOpened channels that reached the open state
 * @param channelsClosed channels that were closed
 * @param channels the channels to report
 */
public record DataSessionCounters(long channelsOpened, long channelsClosed,
    List<DataChannelCounters> channels) {
  public DataSessionCounters {
    Counters.nonNegative(channelsOpened, "channelsOpened");
    Counters.nonNegative(channelsClosed, "channelsClosed");
    channels = List.copyOf(channels);
  }
}
