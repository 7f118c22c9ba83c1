package org.rivulet.elements.filter;

import org.rivulet.elements.ElementContext;
import org.rivulet.elements.MediaElement;
import org.rivulet.elements.MediaPipeline;

/** Kurento's Filter: an element that processes the media passing through it. */
public abstract class Filter extends MediaElement {
  protected Filter(ElementContext context, String type, MediaPipeline pipeline) {
    super(context, type, pipeline);
  }
}
