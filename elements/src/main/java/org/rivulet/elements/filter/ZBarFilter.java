package org.rivulet.elements.filter;

import org.rivulet.elements.ElementContext;
import org.rivulet.elements.MediaPipeline;

/** Kurento's ZBarFilter: detects bar codes and QR codes in the video and raises CodeFound. */
public class ZBarFilter extends Filter {
  public ZBarFilter(ElementContext context, MediaPipeline pipeline) {
    super(context, "ZBarFilter", pipeline);
    register();
  }
}
