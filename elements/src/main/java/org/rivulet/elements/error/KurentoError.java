package org.rivulet.elements.error;

/**
 * Kurento's error codes (KMS {@code KurentoException.hpp} and {@code JsonRpcException.hpp}), with the
 * {@code data.type} name each one carries on the wire. Code anywhere in the server throws
 * {@link KurentoException} with one of these; only the RPC layer turns it into JSON.
 */
public enum KurentoError {
  /** Malformed JSON text. */
  PARSE_ERROR(-32700, "PARSE_ERROR"),
  /** Not a JSON-RPC 2.0 request object. */
  INVALID_REQUEST(-32600, "INVALID_REQUEST"),
  /** Unknown JSON-RPC method (KMS sends no data.type for it). */
  METHOD_NOT_FOUND(-32601, null),
  /** {@code params} missing or not an object. */
  INVALID_PARAMS(-32602, "INVALID_PARAMS"),
  /** A bug on our side; the message says what failed. */
  INTERNAL_ERROR(-32603, null),
  /** A required protocol field missing or of the wrong JSON type (KMS sends no data.type). */
  SERVER_ERROR(-32000, null),
  /** A parameter missing, of the wrong type or with an invalid value. */
  MARSHALL_ERROR(40001, "MARSHALL_ERROR"),
  /** A complex value whose {@code __type__} is not the expected type or a subtype. */
  UNEXPECTED_ERROR(40003, "UNEXPECTED_ERROR"),
  /** Elements could not be connected. */
  CONNECT_ERROR(40004, "CONNECT_ERROR"),
  UNSUPPORTED_MEDIA_TYPE(40005, "UNSUPPORTED_MEDIA_TYPE"),
  /** The operation exists in Kurento's API but Rivulet does not provide it (yet). */
  NOT_IMPLEMENTED(40006, "NOT_IMPLEMENTED"),
  /** {@code connect} with a session id the server does not know. Both clients branch on it. */
  INVALID_SESSION(40007, "INVALID_SESSION"),
  /** Unknown operation, bad transaction ids or {@code newref}s. */
  MALFORMED_TRANSACTION(40008, "MALFORMED_TRANSACTION"),
  NOT_ENOUGH_RESOURCES(40009, "NOT_ENOUGH_RESOURCES"),
  MEDIA_OBJECT_TYPE_NOT_FOUND(40100, "MEDIA_OBJECT_TYPE_NOT_FOUND"),
  /** Unknown or released object id. */
  MEDIA_OBJECT_NOT_FOUND(40101, "MEDIA_OBJECT_NOT_FOUND"),
  MEDIA_OBJECT_METHOD_NOT_FOUND(40105, "MEDIA_OBJECT_METHOD_NOT_FOUND"),
  /** Subscription to an event the object's class does not declare. */
  MEDIA_OBJECT_EVENT_NOT_SUPPORTED(40106, "MEDIA_OBJECT_EVENT_NOT_SUPPORTED"),
  MEDIA_OBJECT_ILLEGAL_PARAM_ERROR(40107, "MEDIA_OBJECT_ILLEGAL_PARAM_ERROR"),
  /** Unknown factory in {@code create}. */
  MEDIA_OBJECT_NOT_AVAILABLE(40108, "MEDIA_OBJECT_NOT_AVAILABLE"),
  /** A {@code newref:} id used outside a transaction. */
  MEDIA_OBJECT_NOT_FOUND_TRANSACTION_NO_COMMIT(40109, "MEDIA_OBJECT_NOT_FOUND_TRANSACTION_NO_COMMIT"),
  MEDIA_OBJECT_TAG_KEY_NOT_FOUND(40110, "MEDIA_OBJECT_TAG_KEY_NOT_FOUND"),
  MEDIA_OBJECT_OPERATION_NOT_SUPPORTED(40111, "MEDIA_OBJECT_OPERATION_NOT_SUPPORTED"),
  SDP_PARSE_ERROR(40201, "SDP_PARSE_ERROR"),
  SDP_END_POINT_NO_LOCAL_SDP_ERROR(40202, "SDP_END_POINT_NO_LOCAL_SDP_ERROR"),
  SDP_END_POINT_NO_REMOTE_SDP_ERROR(40203, "SDP_END_POINT_NO_REMOTE_SDP_ERROR"),
  SDP_END_POINT_GENERATE_OFFER_ERROR(40204, "SDP_END_POINT_GENERATE_OFFER_ERROR"),
  SDP_END_POINT_PROCESS_OFFER_ERROR(40205, "SDP_END_POINT_PROCESS_OFFER_ERROR"),
  SDP_END_POINT_PROCESS_ANSWER_ERROR(40206, "SDP_END_POINT_PROCESS_ANSWER_ERROR"),
  SDP_END_POINT_ALREADY_NEGOTIATED(40208, "SDP_END_POINT_ALREADY_NEGOTIATED"),
  SDP_END_POINT_NOT_OFFER_GENERATED(40209, "SDP_END_POINT_NOT_OFFER_GENERATED"),
  SDP_END_POINT_ANSWER_ALREADY_PROCCESED(40210, "SDP_END_POINT_ANSWER_ALREADY_PROCCESED"),
  ICE_GATHER_CANDIDATES_ERROR(40400, "ICE_GATHER_CANDIDATES_ERROR"),
  ICE_ADD_CANDIDATE_ERROR(40401, "ICE_ADD_CANDIDATE_ERROR"),
  /** KMS's code for getKmd of an unknown module; it has no name in KMS, hence UNDEFINED. */
  UNDEFINED(40500, "UNDEFINED"),
  URI_PATH_FILE_NOT_FOUND(40600, "URI_PATH_FILE_NOT_FOUND"),
  PLAYER_SEEK_FAIL(40700, "PLAYER_SEEK_FAIL");

  private final int code;
  private final String type;

  KurentoError(int code, String type) {
    this.code = code;
    this.type = type;
  }

  public int code() {
    return code;
  }

  /** The {@code data.type} string, or null for plain JSON-RPC errors that carry no data. */
  public String type() {
    return type;
  }
}
