package org.rivulet.elements.error;

/** An error that reaches the client as a JSON-RPC error with a Kurento code. */
public class KurentoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final KurentoError error;

  public KurentoException(KurentoError error, String message) {
    super(message, null, false, false);
    this.error = error;
  }

  public KurentoException(KurentoError error, String message, Throwable cause) {
    super(message, cause, false, false);
    this.error = error;
  }

  public KurentoError error() {
    return error;
  }

  /** A missing or mistyped parameter (40001), worded as KMS words it. */
  public static KurentoException marshall(String message) {
    return new KurentoException(KurentoError.MARSHALL_ERROR, message);
  }

  /** An unknown or released object (40101), worded as KMS words it. */
  public static KurentoException objectNotFound(String id) {
    return new KurentoException(KurentoError.MEDIA_OBJECT_NOT_FOUND, "Object '" + id + "' not found");
  }
}
