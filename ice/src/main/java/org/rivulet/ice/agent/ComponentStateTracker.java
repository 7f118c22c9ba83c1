package org.rivulet.ice.agent;

/**
 * The component's {@link IceComponentState}, reported to the listener on every change and only then.
 * Single-threaded.
 */
final class ComponentStateTracker {

  private final IceAgentListener listener;
  private IceComponentState state = IceComponentState.DISCONNECTED;

  ComponentStateTracker(IceAgentListener listener) {
    this.listener = listener;
  }

  IceComponentState state() {
    return state;
  }

  /** Moves to {@code next}; tells the listener if that is a change. */
  void moveTo(IceComponentState next) {
    if (next != state) {
      IceComponentState previous = state;
      state = next;
      listener.onComponentStateChanged(previous, next);
    }
  }
}
