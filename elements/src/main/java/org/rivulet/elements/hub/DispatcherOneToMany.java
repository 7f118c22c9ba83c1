package org.rivulet.elements.hub;

import org.rivulet.elements.ElementContext;
import org.rivulet.elements.Hub;
import org.rivulet.elements.MediaPipeline;

/** Kurento's DispatcherOneToMany: sends the media of one source port to every other port. */
public class DispatcherOneToMany extends Hub {
  public DispatcherOneToMany(ElementContext context, MediaPipeline pipeline) {
    super(context, "DispatcherOneToMany", pipeline);
    register();
  }
}
