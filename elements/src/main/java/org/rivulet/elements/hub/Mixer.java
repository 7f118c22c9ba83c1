package org.rivulet.elements.hub;

import org.rivulet.elements.ElementContext;
import org.rivulet.elements.Hub;
import org.rivulet.elements.MediaPipeline;

/** Kurento's Mixer: mixes the media of its ports per media type. */
public class Mixer extends Hub {
  public Mixer(ElementContext context, MediaPipeline pipeline) {
    super(context, "Mixer", pipeline);
    register();
  }
}
