package org.rivulet.elements.hub;

import org.rivulet.elements.ElementContext;
import org.rivulet.elements.Hub;
import org.rivulet.elements.MediaPipeline;

/** Kurento's AlphaBlending: blends the video of its ports over a master port. */
public class AlphaBlending extends Hub {
  public AlphaBlending(ElementContext context, MediaPipeline pipeline) {
    super(context, "AlphaBlending", pipeline);
    register();
  }
}
