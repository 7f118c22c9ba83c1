package org.rivulet.elements.filter;

import org.rivulet.elements.ElementContext;
import org.rivulet.elements.MediaPipeline;

/** Kurento's ImageOverlayFilter: draws images over the video. */
public class ImageOverlayFilter extends Filter {
  public ImageOverlayFilter(ElementContext context, MediaPipeline pipeline) {
    super(context, "ImageOverlayFilter", pipeline);
    register();
  }
}
