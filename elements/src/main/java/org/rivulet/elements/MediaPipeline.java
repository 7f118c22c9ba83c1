package org.rivulet.elements;

import io.netty.channel.EventLoop;
import java.util.concurrent.Executor;

/**
 * Kurento's MediaPipeline: the container of elements and hubs, bound to one event loop on which all
 * of its media and state live (pipeline affinity, see ARCHITECTURE.md).
 */
public class MediaPipeline extends MediaObject {
  private final EventLoop loop;
  /**
   * When the packet now travelling through the graph arrived at this pipeline (System.nanoTime),
   * 0 when unknown. Forwarding is synchronous on the loop, so elements downstream read the value
   * the receiving endpoint set, without it travelling with the packet.
   */
  private long ingressNanos;
  private volatile boolean latencyStats;

  public MediaPipeline(ElementContext context) {
    super(context, "MediaPipeline", null, null);
    this.loop = context.mediaLoops().next();
    defineProperty("latencyStats", false);
    register();
  }

  /** Marks the arrival time of the packet a network endpoint is about to send into the graph. */
  public void markIngress(long nanos) {
    ingressNanos = nanos;
  }

  long ingressNanos() {
    return ingressNanos;
  }

  /**
   * Kurento's {@code latencyStats}: whether elements measure and report their input latency. Read
   * for every packet at every element, so kept in a field rather than looked up as a property.
   */
  public boolean latencyStats() {
    return latencyStats;
  }

  @Override
  protected void onPropertyChanged(String property, Object value) {
    if (property.equals("latencyStats")) {
      latencyStats = Boolean.TRUE.equals(value);
    }
    super.onPropertyChanged(property, value);
  }

  /** The event loop this pipeline and everything in it runs on. */
  public EventLoop loop() {
    return loop;
  }

  @Override
  public Executor executor() {
    return loop;
  }

  @Override
  public MediaPipeline getMediaPipeline() {
    return this;
  }

  @Override
  public Object invoke(String operation, Args args) {
    switch (operation) {
      case "getGstreamerDot":
        return PipelineDot.render(this);
      case "dumpGstreamerDot":
        PipelineDot.dump(this, context);
        return null;
      default:
        return super.invoke(operation, args);
    }
  }
}
