package org.rivulet.elements;

/** Kurento's HubPort: the element through which media enters and leaves a {@link Hub}. */
public class HubPort extends MediaElement {
  private final Hub hub;

  public HubPort(ElementContext context, Hub hub) {
    super(context, "HubPort", hub.getMediaPipeline());
    this.hub = hub;
    register();
    hub.addPort(this);
  }

  public Hub hub() {
    return hub;
  }

  @Override
  protected void onRelease() {
    super.onRelease();
    hub.removePort(this);
  }
}
