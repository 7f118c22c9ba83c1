package org.rivulet.elements.filter;

import org.rivulet.elements.ElementContext;
import org.rivulet.elements.MediaPipeline;

/** Kurento's FaceOverlayFilter: draws an image over the faces it detects. */
public class FaceOverlayFilter extends Filter {
  public FaceOverlayFilter(ElementContext context, MediaPipeline pipeline) {
    super(context, "FaceOverlayFilter", pipeline);
    register();
  }
}
