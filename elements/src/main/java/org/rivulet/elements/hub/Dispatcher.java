package org.rivulet.elements.hub;

import org.rivulet.elements.ElementContext;
import org.rivulet.elements.Hub;
import org.rivulet.elements.MediaPipeline;

/** Kurento's Dispatcher: routes the media of one port to others, switchable while media flows. */
public class Dispatcher extends Hub {
  public Dispatcher(ElementContext context, MediaPipeline pipeline) {
    super(context, "Dispatcher", pipeline);
    register();
  }
}
