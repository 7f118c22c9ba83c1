package org.rivulet.elements.hub;

import org.rivulet.elements.Args;
import org.rivulet.elements.ElementContext;
import org.rivulet.elements.Hub;
import org.rivulet.elements.MediaPipeline;
import org.rivulet.elements.error.KurentoError;
import org.rivulet.elements.error.KurentoException;

/** Kurento's Composite: tiles the video of its ports into one picture and mixes their audio. */
public class Composite extends Hub {
  private final int width;
  private final int height;
  private final int framerate;

  public Composite(ElementContext context, MediaPipeline pipeline, Args params) {
    super(context, "Composite", pipeline);
    this.width = positive(params, "width", 800);
    this.height = positive(params, "height", 600);
    this.framerate = positive(params, "framerate", 15);
    register();
  }

  private static int positive(Args params, String name, int defaultValue) {
    int v = params.integer(name, defaultValue);
    if (v <= 0) {
      throw new KurentoException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR,
          "'" + name + "' must be positive, got " + v);
    }
    return v;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public int framerate() {
    return framerate;
  }
}
