package org.rivulet.elements;

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
    onPortAdded(port);
  }

  void removePort(HubPort port) {
    if (ports.remove(port)) {
      onPortRemoved(port);
    }
  }

  public final List<HubPort> ports() {
    return List.copyOf(ports);
  }

  /** Hooks for the hub's media logic. */
  protected void onPortAdded(HubPort port) {
  }

  protected void onPortRemoved(HubPort port) {
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
