package org.rivulet.elements;

import io.netty.channel.EventLoop;
import java.util.concurrent.Executor;

/**
 * Kurento's MediaPipeline: the container of elements and hubs, bound to one event loop on which all
 * of its media and state live (pipeline affinity, see ARCHITECTURE.md).
 */
public class MediaPipeline extends MediaObject {
  private final EventLoop loop;

  public MediaPipeline(ElementContext context) {
    super(context, "MediaPipeline", null, null);
    this.loop = context.mediaLoops().next();
    defineProperty("latencyStats", false);
    register();
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
