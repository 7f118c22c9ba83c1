package org.rivulet.elements;

import io.netty.buffer.ByteBuf;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Kurento's Hub: a media object that joins many {@link HubPort}s (Composite, Mixer, Dispatcher...).
 * Releasing a hub releases its ports.
 */
public abstract class Hub extends MediaObject {
  private final MediaPipeline pipeline;
  private final Set<HubPort> ports = new LinkedHashSet<>();
  /** The ports as an array, rebuilt when they change: routing reads it for every packet. */
  private HubPort[] portArray = new HubPort[0];

  protected Hub(ElementContext context, String type, MediaPipeline pipeline) {
    super(context, type, pipeline, null);
    this.pipeline = pipeline;
  }

  @Override
  public final MediaPipeline getMediaPipeline() {
    return pipeline;
  }

  @Override
  public final Executor executor() {
    return pipeline.loop();
  }

  void addPort(HubPort port) {
    ports.add(port);
    portArray = ports.toArray(new HubPort[0]);
    onPortAdded(port);
  }

  void removePort(HubPort port) {
    if (ports.remove(port)) {
      portArray = ports.toArray(new HubPort[0]);
      onPortRemoved(port);
    }
  }

  public final List<HubPort> ports() {
    return List.copyOf(ports);
  }

  /** The current ports without copying; callers must not modify the array. */
  protected final HubPort[] portArray() {
    return portArray;
  }

  /** Hooks for the hub's media logic. */
  protected void onPortAdded(HubPort port) {
  }

  protected void onPortRemoved(HubPort port) {
  }

  /**
   * Media that entered the hub through {@code from}. Takes ownership; the default drops it (a hub
   * that routes nothing yet). Runs on the pipeline's loop.
   */
  protected void route(HubPort from, MediaType type, RtpFormat format, ByteBuf rtp) {
    rtp.release();
  }

  /** A sink of port {@code at} wants a keyframe; the default asks nobody. */
  protected void keyframeRequested(HubPort at, MediaType type) {
  }

  /**
   * The minimum video estimate of the ports that media entering {@code from} goes out of;
   * Long.MAX_VALUE (the default, for hubs that route nothing) when none.
   */
  protected long videoEstimateFrom(HubPort from) {
    return Long.MAX_VALUE;
  }

  /** What the receivers of the media leaving {@code to} can take. */
  protected static long estimateOut(HubPort to) {
    return to.estimateOut();
  }

  /** Sends media out of {@code to}, taking ownership: each target gets its own duplicate. */
  protected static void deliver(HubPort to, MediaType type, RtpFormat format, ByteBuf rtp) {
    to.emitFromHub(type, format, rtp);
  }

  /** Asks whatever feeds {@code port} for a keyframe. */
  protected static void requestKeyframe(HubPort port, MediaType type) {
    port.requestKeyframeFromSource(type);
  }

  @Override
  public Object invoke(String operation, Args args) {
    switch (operation) {
      case "getGstreamerDot":
        return PipelineDot.render(pipeline);
      default:
        return super.invoke(operation, args);
    }
  }

  @Override
  protected void onRelease() {
    for (HubPort port : List.copyOf(ports)) {
      port.release();
    }
  }
}
