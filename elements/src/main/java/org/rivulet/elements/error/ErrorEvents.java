package org.rivulet.elements.error;

import java.util.Map;
import org.rivulet.transport.fault.ChannelFaults;

/**
 * The data of Kurento's {@code Error} event (core.kmd.json: {@code description}, {@code errorCode},
 * {@code type}, the code as its name).
 */
public final class ErrorEvents {
  /** The event's type name. */
  public static final String ERROR = "Error";

  private ErrorEvents() {
  }

  /** An {@code Error} event's data for {@code error}. */
  public static Map<String, Object> data(KurentoError error, String description) {
    return Map.of("description", description, "errorCode", error.code(), "type", error.type());
  }

  /**
   * The data for faults on an endpoint's sockets: no memory for a buffer is the server's
   * resources (NOT_ENOUGH_RESOURCES), anything else unexpected.
   */
  public static Map<String, Object> channelFaults(ChannelFaults.Kind kind, String description) {
    KurentoError error = kind == ChannelFaults.Kind.OUT_OF_MEMORY
        ? KurentoError.NOT_ENOUGH_RESOURCES : KurentoError.UNEXPECTED_ERROR;
    return data(error, description);
  }
}
