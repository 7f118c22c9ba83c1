package org.rivulet.elements;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.rivulet.elements.error.KurentoError;
import org.rivulet.elements.error.KurentoException;

/**
 * Kurento's MediaElement: a node of the media graph with inputs and outputs per media type and
 * description, and the {@code connect}/{@code disconnect} operations that link them.
 *
 * <p>Graph rules, as Kurento's: an output feeds any number of inputs; an input takes one source per
 * media type and description, so connecting a new source replaces the old connection. Connecting an
 * element to itself is allowed (loopback); elements of different pipelines cannot be connected.
 * {@code connect(sink)} with no media type links AUDIO, VIDEO and DATA. Every new link raises
 * {@code ElementConnected} on the source, every removed one {@code ElementDisconnected}.
 */
public abstract class MediaElement extends MediaObject {
  private final MediaPipeline pipeline;
  /** Links where this element is the source. */
  private final List<Connection> sinks = new ArrayList<>();
  private final MediaFlow flowIn = new MediaFlow(this, "MediaFlowInStateChanged");
  private final MediaFlow flowOut = new MediaFlow(this, "MediaFlowOutStateChanged");
  /**
   * Per media type, where the next fan-out starts in {@link #sinks}: just after the sink this
   * type's last one served first (round-robin among the sinks of that type).
   */
  private final int[] fanOutStart = new int[MediaType.values().length];
  /** Set while this element forwards a keyframe request, to stop it going round a cycle. */
  private boolean forwardingKeyframeRequest;
  /** Set while this element asks its sinks for their estimates, for the same reason. */
  private boolean estimating;
  /** Links where this element is the sink. */
  private final List<Connection> sources = new ArrayList<>();
  /** Average input latency per media type, nanoseconds (EWMA), while latencyStats is on. */
  private final double[] inputLatency = new double[MediaType.values().length];
  /** Weight of a new sample in the average (about the last 30 packets). */
  private static final double LATENCY_WEIGHT = 1.0 / 32;

  protected MediaElement(ElementContext context, String type, MediaPipeline pipeline) {
    super(context, type, pipeline, null);
    this.pipeline = pipeline;
    defineProperty("encoderBitrate",
        context.config().intValue("MediaElement", "encoderBitrate", 300_000));
    defineProperty("minEncoderBitrate",
        context.config().intValue("MediaElement", "minEncoderBitrate", 0));
    defineProperty("maxEncoderBitrate",
        context.config().intValue("MediaElement", "maxEncoderBitrate", 0));
  }

  @Override
  public final MediaPipeline getMediaPipeline() {
    return pipeline;
  }

  @Override
  public final Executor executor() {
    return pipeline.loop();
  }

  @Override
  protected void checkProperty(String property, Object value) {
    switch (property) {
      case "encoderBitrate", "minEncoderBitrate", "maxEncoderBitrate" ->
          requireRange(property, value, 0, Integer.MAX_VALUE);
      default -> super.checkProperty(property, value);
    }
  }

  @Override
  public Object invoke(String operation, Args args) {
    switch (operation) {
      case "connect":
        connect(args.object("sink", MediaElement.class), MediaType.of(args.string("mediaType")),
            args.string("sourceMediaDescription"), args.string("sinkMediaDescription"));
        return null;
      case "disconnect":
        disconnect(args.object("sink", MediaElement.class), MediaType.of(args.string("mediaType")),
            args.string("sourceMediaDescription"), args.string("sinkMediaDescription"));
        return null;
      case "getSourceConnections":
        return structs(filter(sources, MediaType.of(args.string("mediaType")),
            args.string("description"), false));
      case "getSinkConnections":
        return structs(filter(sinks, MediaType.of(args.string("mediaType")),
            args.string("description"), true));
      case "isMediaFlowingIn":
        return isMediaFlowingIn(MediaType.of(args.string("mediaType")),
            args.string("sinkMediaDescription", Connection.DEFAULT_DESCRIPTION));
      case "isMediaFlowingOut":
        return isMediaFlowingOut(MediaType.of(args.string("mediaType")),
            args.string("sourceMediaDescription", Connection.DEFAULT_DESCRIPTION));
      case "getStats":
        return stats(MediaType.of(args.string("mediaType")));
      case "isMediaTranscoding":
        // Nothing in this build transcodes: media passes through encoded.
        return false;
      case "getGstreamerDot":
        return PipelineDot.render(pipeline);
      default:
        return super.invoke(operation, args);
    }
  }

  /** Whether media of this type arrives at the input with this description. */
  public boolean isMediaFlowingIn(MediaType type, String description) {
    return Connection.DEFAULT_DESCRIPTION.equals(description) && flowIn.isFlowing(type);
  }

  /** Whether media of this type leaves through the output with this description. */
  public boolean isMediaFlowingOut(MediaType type, String description) {
    return Connection.DEFAULT_DESCRIPTION.equals(description) && flowOut.isFlowing(type);
  }

  // ---------------------------------------------------------------- media

  /**
   * Sends an RTP packet out of this element to every sink connected for its media type, each
   * getting a reference of its own to the same buffer ({@code retain()}: no copy, and no object
   * per sink). The buffer is shared and read-only from here on: see {@link #receiveRtp}. Takes
   * ownership of {@code rtp}. Runs on the pipeline's loop.
   *
   * <p>Why not a retained duplicate per sink: a viewer's send history keeps its reference for a
   * second, so a duplicate per sink was one long-lived object per packet and viewer, which every
   * young collection copied (at 500 viewers, 75,000 of them and 15 ms pauses).
   *
   * <p>Each packet starts one sink of its type further along the list, round-robin. The loop's
   * transports send their datagrams in the order the sinks were handed them
   * ({@code DatagramBatcher}), so a fixed order served the same viewer last every time: with a
   * keyframe's packets for a hundred viewers taking 4-5 ms of the loop, the last viewer's p99 was
   * 6-9 ms while the first's was 1-2 ms. Turn by turn, every viewer waits as long on average and
   * none always waits longest.
   */
  protected final void emitRtp(MediaType type, RtpFormat format, ByteBuf rtp) {
    try {
      int n = sinks.size();
      int t = type.ordinal();
      int start = fanOutStart[t] < n ? fanOutStart[t] : 0;
      int first = -1;
      for (int k = 0; k < n; k++) {
        int i = start + k < n ? start + k : start + k - n;
        Connection c = sinks.get(i);
        if (c.mediaType() == type) {
          if (first < 0) {
            first = i;
          }
          c.sink().acceptRtp(type, format, rtp.retain());
        }
      }
      if (first >= 0) {
        fanOutStart[t] = first + 1;
        flowOut.packet(type);
      }
    } finally {
      rtp.release();
    }
  }

  private void acceptRtp(MediaType type, RtpFormat format, ByteBuf rtp) {
    if (isReleased()) {
      rtp.release();
      return;
    }
    flowIn.packet(type);
    long ingress = pipeline.latencyStats() ? pipeline.ingressNanos() : 0;
    if (ingress != 0) {
      double sample = System.nanoTime() - ingress;
      int i = type.ordinal();
      inputLatency[i] = inputLatency[i] == 0 ? sample
          : inputLatency[i] + LATENCY_WEIGHT * (sample - inputLatency[i]);
    }
    receiveRtp(type, format, rtp);
  }

  /**
   * Kurento's input latency of this element, per media type that has arrived: the time from a
   * packet's arrival at the pipeline (decrypted by the endpoint that received it) to its arrival
   * at this element's input, averaged. Empty unless the pipeline's latencyStats is on.
   */
  protected final List<org.rivulet.elements.stats.MediaLatency> inputLatencies() {
    List<org.rivulet.elements.stats.MediaLatency> out = new ArrayList<>();
    for (MediaType t : List.of(MediaType.AUDIO, MediaType.VIDEO)) {
      if (inputLatency[t.ordinal()] > 0) {
        out.add(new org.rivulet.elements.stats.MediaLatency(
            "sink_" + t.name().toLowerCase(java.util.Locale.ROOT) + "_default", t,
            inputLatency[t.ordinal()]));
      }
    }
    return out;
  }

  /**
   * Kurento's {@code getStats}: this element's entries, filtered by media type (null for all).
   * The element entry (with its input latency) is there while the pipeline's latencyStats is on.
   */
  protected Map<String, Struct> stats(MediaType type) {
    org.rivulet.elements.stats.KurentoStats stats = org.rivulet.elements.stats.KurentoStats
        .forElement(getId(), System.currentTimeMillis());
    if (pipeline.latencyStats()) {
      stats.latencies(inputLatencies(), List.of());
    }
    return stats.build(type);
  }

  /**
   * An RTP packet arriving at this element's input from a connected source. Takes ownership of
   * one reference to a buffer that other sinks share: read it with absolute gets and do not change
   * its indices or bytes (an element that must, works on a copy or a {@code duplicate()}). The
   * default drops it.
   */
  protected void receiveRtp(MediaType type, RtpFormat format, ByteBuf rtp) {
    rtp.release();
  }

  /** Notes media arriving from outside the graph (an endpoint's network side). */
  protected final void noteMediaIn(MediaType type) {
    flowIn.packet(type);
  }

  /** Notes media leaving towards the outside (an endpoint's network side). */
  protected final void noteMediaOut(MediaType type) {
    flowOut.packet(type);
  }

  /**
   * Asks every source connected for this media type for a keyframe (PLI/FIR travel upstream). The
   * graph may have cycles (an endpoint connected to itself, two endpoints connected both ways), so a
   * request that comes back to an element already forwarding it stops there.
   */
  protected final void requestKeyframeUpstream(MediaType type) {
    if (forwardingKeyframeRequest) {
      return;
    }
    forwardingKeyframeRequest = true;
    try {
      for (Connection c : List.copyOf(sources)) {
        if (c.mediaType() == type) {
          c.source().onKeyframeRequest(type);
        }
      }
    } finally {
      forwardingKeyframeRequest = false;
    }
  }

  /**
   * The bitrate at which video arriving at this element's input can go on to its receivers
   * (bits/s), Long.MAX_VALUE when nothing bounds it. A publisher's endpoint sends the minimum over
   * its sinks to its peer in REMB. The default is {@link #downstreamVideoEstimate()}; an endpoint
   * adds its own peer's estimate and send limits.
   */
  protected long videoSendEstimate() {
    return downstreamVideoEstimate();
  }

  /** The minimum {@link #videoSendEstimate()} of this element's video sinks; cycles stop. */
  protected final long downstreamVideoEstimate() {
    if (estimating) {
      return Long.MAX_VALUE;
    }
    estimating = true;
    try {
      long min = Long.MAX_VALUE;
      for (Connection c : sinks) {
        if (c.mediaType() == MediaType.VIDEO) {
          min = Math.min(min, c.sink().videoSendEstimate());
        }
      }
      return min;
    } finally {
      estimating = false;
    }
  }

  /** A sink asks this element for a keyframe; the default passes the request further upstream. */
  protected void onKeyframeRequest(MediaType type) {
    requestKeyframeUpstream(type);
  }

  /** Connects per the class comment's rules. Runs on the pipeline's loop. */
  public final void connect(MediaElement sink, MediaType type, String sourceDescription,
      String sinkDescription) {
    if (sink.getMediaPipeline() != pipeline) {
      throw new KurentoException(KurentoError.CONNECT_ERROR,
          "Cannot connect " + getId() + " to " + sink.getId() + ": they are in different pipelines");
    }
    if (sink.isReleased()) {
      throw KurentoException.objectNotFound(sink.getId());
    }
    String srcDesc = sourceDescription == null ? Connection.DEFAULT_DESCRIPTION : sourceDescription;
    String sinkDesc = sinkDescription == null ? Connection.DEFAULT_DESCRIPTION : sinkDescription;
    if (type == null) {
      connectOne(sink, MediaType.AUDIO, srcDesc, sinkDesc);
      connectOne(sink, MediaType.VIDEO, srcDesc, sinkDesc);
      connectOne(sink, MediaType.DATA, srcDesc, sinkDesc);
    } else {
      connectOne(sink, type, srcDesc, sinkDesc);
    }
  }

  private void connectOne(MediaElement sink, MediaType type, String srcDesc, String sinkDesc) {
    Connection wanted = new Connection(this, sink, type, srcDesc, sinkDesc);
    if (sinks.contains(wanted)) {
      return;
    }
    for (Connection existing : List.copyOf(sink.sources)) {
      if (existing.mediaType() == type && existing.sinkDescription().equals(sinkDesc)) {
        existing.source().unlink(existing);
      }
    }
    sinks.add(wanted);
    sink.sources.add(wanted);
    onSinkConnected(wanted);
    sink.onSourceConnected(wanted);
    if (type == MediaType.VIDEO) {
      // A new video sink can only start decoding at a keyframe.
      onKeyframeRequest(MediaType.VIDEO);
    }
    fire("ElementConnected", Map.of("sink", sink, "mediaType", type.name(),
        "sourceMediaDescription", srcDesc, "sinkMediaDescription", sinkDesc));
  }

  /** Removes the matching links; a null type or description matches any. */
  public final void disconnect(MediaElement sink, MediaType type, String sourceDescription,
      String sinkDescription) {
    for (Connection c : List.copyOf(sinks)) {
      if (c.sink() == sink && (type == null || c.mediaType() == type)
          && (sourceDescription == null || c.sourceDescription().equals(sourceDescription))
          && (sinkDescription == null || c.sinkDescription().equals(sinkDescription))) {
        unlink(c);
      }
    }
  }

  private void unlink(Connection c) {
    if (!sinks.remove(c)) {
      return;
    }
    c.sink().sources.remove(c);
    onSinkDisconnected(c);
    c.sink().onSourceDisconnected(c);
    if (!isReleased()) {
      fire("ElementDisconnected", Map.of("sink", c.sink(), "mediaType", c.mediaType().name(),
          "sourceMediaDescription", c.sourceDescription(),
          "sinkMediaDescription", c.sinkDescription()));
    }
  }

  /** Links where this element is the source. */
  public final List<Connection> sinkConnections() {
    return List.copyOf(sinks);
  }

  /** Links where this element is the sink. */
  public final List<Connection> sourceConnections() {
    return List.copyOf(sources);
  }

  /** Hooks for media routing: a link from this element was made or removed. */
  protected void onSinkConnected(Connection connection) {
  }

  protected void onSinkDisconnected(Connection connection) {
  }

  /** Hooks for media routing: a link into this element was made or removed. */
  protected void onSourceConnected(Connection connection) {
  }

  protected void onSourceDisconnected(Connection connection) {
  }

  @Override
  protected void onRelease() {
    flowIn.stop();
    flowOut.stop();
    for (Connection c : List.copyOf(sinks)) {
      unlink(c);
    }
    for (Connection c : List.copyOf(sources)) {
      c.source().unlink(c);
    }
  }

  private static List<Connection> filter(List<Connection> links, MediaType type, String description,
      boolean bySourceDescription) {
    List<Connection> out = new ArrayList<>();
    for (Connection c : links) {
      String d = bySourceDescription ? c.sourceDescription() : c.sinkDescription();
      if ((type == null || c.mediaType() == type) && (description == null || d.equals(description))) {
        out.add(c);
      }
    }
    return out;
  }

  private static List<Struct> structs(List<Connection> links) {
    List<Struct> out = new ArrayList<>(links.size());
    for (Connection c : links) {
      out.add(c.toStruct());
    }
    return out;
  }
}
