package org.rivulet.server.it.browser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@code RTCPeerConnection} in the test page, driven from Java. A page can hold several (each
 * has a name), which lets a test connect two of them to each other with Java doing the signalling,
 * exactly as it will between the browser and the server.
 */
public final class PagePeer {
  private final Browser browser;
  private final String name;

  PagePeer(Browser browser, String name) {
    this.browser = browser;
    this.name = name;
  }

  public String name() {
    return name;
  }

  /**
   * Captures the fake camera and/or microphone ({@code getUserMedia}), adds the tracks, creates an
   * offer and sets it as the local description; returns the offer's SDP.
   */
  public String createOffer(boolean audio, boolean video) {
    return (String) browser.call("offer", name, audio, video);
  }

  /** An offer with receive-only transceivers, as a viewer (player, one-to-many) sends. */
  public String createReceiveOnlyOffer(boolean audio, boolean video) {
    return (String) browser.call("receiveOnlyOffer", name, audio, video);
  }

  /** Sets the answer to this peer connection's offer. */
  public void setRemoteAnswer(String sdp) {
    browser.call("answer", name, sdp);
  }

  /** Answers an offer (the server-offers case) without sending media; returns the answer's SDP. */
  public String setRemoteOffer(String sdp) {
    return setRemoteOffer(sdp, false, false);
  }

  /** Answers an offer, sending the fake camera and/or microphone; returns the answer's SDP. */
  public String setRemoteOffer(String sdp, boolean audio, boolean video) {
    return (String) browser.call("acceptOffer", name, sdp, audio, video);
  }

  /** A remote candidate, as the server's {@code IceCandidateFound} event carries it. */
  public void addIceCandidate(String candidate, String sdpMid, int sdpMLineIndex) {
    addIceCandidate(new BrowserCandidate(candidate, sdpMid, sdpMLineIndex));
  }

  /** A remote candidate or the end-of-candidates marker. */
  public void addIceCandidate(BrowserCandidate candidate) {
    Map<String, Object> js = new LinkedHashMap<>();
    if (candidate.isEndOfCandidates()) {
      js.put("end", true);
    } else {
      js.put("candidate", candidate.candidate());
      js.put("sdpMid", candidate.sdpMid());
      js.put("sdpMLineIndex", candidate.sdpMLineIndex());
    }
    browser.call("addCandidate", name, js);
  }

  /**
   * The candidates this peer connection gathered since the last call, in order; the last one is
   * {@link BrowserCandidate#END_OF_CANDIDATES} once gathering is complete.
   */
  public List<BrowserCandidate> takeLocalCandidates() {
    List<BrowserCandidate> out = new ArrayList<>();
    for (Object o : (List<?>) browser.call("takeCandidates", name)) {
      Map<?, ?> c = (Map<?, ?>) o;
      if (Boolean.TRUE.equals(c.get("end"))) {
        out.add(BrowserCandidate.END_OF_CANDIDATES);
      } else {
        Number index = (Number) c.get("sdpMLineIndex");
        out.add(new BrowserCandidate((String) c.get("candidate"), (String) c.get("sdpMid"),
            index == null ? -1 : index.intValue()));
      }
    }
    return out;
  }

  /**
   * Collects candidates until gathering is complete or {@code within} has passed; the list ends
   * with {@link BrowserCandidate#END_OF_CANDIDATES} only if gathering completed.
   */
  public List<BrowserCandidate> gatherLocalCandidates(Duration within) {
    List<BrowserCandidate> all = new ArrayList<>();
    Poll.until(() -> all.addAll(takeLocalCandidates()),
        added -> !all.isEmpty() && all.get(all.size() - 1).isEndOfCandidates(), within);
    return all;
  }

  /** A snapshot of {@code pc.getStats()}: what came in and over which candidate pair. */
  public InboundRtp inboundRtp() {
    Map<?, ?> s = (Map<?, ?>) browser.call("inbound", name);
    return new InboundRtp(number(s, "framesDecoded"), number(s, "videoPackets"),
        number(s, "audioPackets"), number(s, "audioBytes"), number(s, "videoNacks"),
        number(s, "videoRetransmitted"), number(s, "videoLost"),
        (String) s.get("selectedLocalAddress"), (String) s.get("selectedRemoteAddress"),
        (String) s.get("selectedRemoteType"));
  }

  private static long number(Map<?, ?> map, String key) {
    Object value = map.get(key);
    return value == null ? 0 : ((Number) value).longValue();
  }

  public long framesDecoded() {
    return inboundRtp().framesDecoded();
  }

  public long audioPacketsReceived() {
    return inboundRtp().audioPacketsReceived();
  }

  public long audioBytesReceived() {
    return inboundRtp().audioBytesReceived();
  }

  /** {@code pc.iceConnectionState}: new, checking, connected, completed, failed, ... */
  public String iceConnectionState() {
    return state("ice");
  }

  /** {@code pc.connectionState}: new, connecting, connected, disconnected, failed, closed. */
  public String connectionState() {
    return state("connection");
  }

  /** {@code pc.iceGatheringState}: new, gathering, complete. */
  public String iceGatheringState() {
    return state("gathering");
  }

  private String state(String which) {
    return (String) ((Map<?, ?>) browser.call("states", name)).get(which);
  }

  /**
   * What this peer sends: its video {@code outbound-rtp} (targetBitrate, framesPerSecond,
   * framesSent, qualityLimitationReason, frameWidth) and the selected pair's
   * availableOutgoingBitrate, the sender's bandwidth estimate.
   */
  public Map<?, ?> outboundVideo() {
    return (Map<?, ?>) browser.call("outbound", name);
  }

  /** Closes this peer connection (the page forgets it; a new one may reuse the name). */
  public void close() {
    browser.call("close", name);
  }

  /**
   * The longest time, sampled every 100 ms over {@code span}, during which the decoded-frame count
   * did not go up: what a viewer perceives as a freeze.
   */
  public Duration longestStallDuring(Duration span) {
    StallWatch watch = new StallWatch(this);
    watch.sampleFor(span);
    return watch.longest(0);
  }

  /** Waits until at least {@code atLeast} frames are decoded; returns the last count seen. */
  public long awaitFramesDecoded(long atLeast, Duration within) {
    return Poll.until(this::framesDecoded, n -> n >= atLeast, within);
  }

  /** Waits until at least {@code atLeast} audio packets arrived; returns the last count seen. */
  public long awaitAudioPacketsReceived(long atLeast, Duration within) {
    return Poll.until(this::audioPacketsReceived, n -> n >= atLeast, within);
  }

  /** Waits for one of the given connection states; returns the last state seen. */
  public String awaitConnectionState(Set<String> wanted, Duration within) {
    return Poll.until(this::connectionState, wanted::contains, within);
  }

  /**
   * Whether video keeps flowing: the decoded-frame count, sampled once a second for
   * {@code span}, went up between every two samples. A second without a single decoded frame
   * means the stream stalled.
   */
  public boolean framesDecodedRisingFor(Duration span) {
    long last = framesDecoded();
    long samples = Math.max(1, span.toSeconds());
    for (long i = 0; i < samples; i++) {
      Poll.sleep(Duration.ofSeconds(1));
      long now = framesDecoded();
      if (now <= last) {
        return false;
      }
      last = now;
    }
    return true;
  }
}
