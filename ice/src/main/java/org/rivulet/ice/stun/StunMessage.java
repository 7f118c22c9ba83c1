package org.rivulet.ice.stun;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A STUN message (RFC 8489 section 5): class, method, transaction id and attributes.
 *
 * <pre>
 *  byte  0        1        2        3
 *       +--------+--------+--------+--------+
 *       |00| message type |  message length |  type: see StunMessageType; length: bytes after the header,
 *       +--------+--------+--------+--------+        a multiple of 4
 *       |     magic cookie 0x2112A442       |
 *       +--------+--------+--------+--------+
 *       |                                   |
 *       |   transaction id (96 bits)        |
 *       |                                   |
 *       +--------+--------+--------+--------+
 *       |   attributes (StunAttribute) ...  |
 *       +-----------------------------------+
 * </pre>
 *
 * <p>An instance is immutable and holds no buffer. It comes from {@link StunDecoder#decode} or from a
 * {@link Builder}, and {@link StunEncoder} writes it.
 *
 * <p>MESSAGE-INTEGRITY and FINGERPRINT are not in {@link #attributes()}. For a decoded message,
 * {@link #hasMessageIntegrity()} and {@link #hasFingerprint()} say whether they were present, and
 * {@link MessageIntegrity#verify} and {@link Fingerprint#verify} check them against the bytes the message
 * was decoded from. Attributes that followed MESSAGE-INTEGRITY, other than FINGERPRINT, are not in
 * {@link #attributes()} either: RFC 8489 section 14.5 says to ignore them. For a built message both flags
 * are false; the encoder appends the two attributes when asked to.
 */
public final class StunMessage {

  /** Length of the header, in bytes. */
  public static final int HEADER_LENGTH = 20;

  /** The magic cookie (RFC 8489 section 5). */
  public static final int MAGIC_COOKIE = 0x2112A442;

  private final StunClass messageClass;
  private final int method;
  private final TransactionId transactionId;
  private final List<StunAttribute> attributes;
  private final List<Integer> unknownComprehensionRequired;
  // Where the decoder found MESSAGE-INTEGRITY and FINGERPRINT, as offsets from the start of the message,
  // and how long the message was; -1 when absent or when the message was built rather than decoded.
  private final int integrityOffset;
  private final int fingerprintOffset;
  private final int decodedLength;

  StunMessage(StunClass messageClass, int method, TransactionId transactionId,
      List<StunAttribute> attributes, int integrityOffset, int fingerprintOffset, int decodedLength) {
    this.messageClass = Objects.requireNonNull(messageClass, "messageClass");
    if (method < 0 || method > StunMethod.MAX) {
      throw new IllegalArgumentException("STUN methods are 12 bits, not " + method);
    }
    this.method = method;
    this.transactionId = Objects.requireNonNull(transactionId, "transactionId");
    this.attributes = attributes;
    this.unknownComprehensionRequired = unknownComprehensionRequired(attributes);
    this.integrityOffset = integrityOffset;
    this.fingerprintOffset = fingerprintOffset;
    this.decodedLength = decodedLength;
  }

  /** Starts a message of any class. */
  public static Builder builder(StunClass messageClass, int method, TransactionId transactionId) {
    return new Builder(messageClass, method, transactionId);
  }

  /** Starts a request; the id should come from {@link TransactionId#random}. */
  public static Builder request(int method, TransactionId transactionId) {
    return new Builder(StunClass.REQUEST, method, transactionId);
  }

  /** Starts an indication; the id should come from {@link TransactionId#random}. */
  public static Builder indication(int method, TransactionId transactionId) {
    return new Builder(StunClass.INDICATION, method, transactionId);
  }

  /**
   * Starts the success response to {@code request}: same method and transaction id (RFC 8489 section
   * 6.3.1.1).
   */
  public static Builder successResponse(StunMessage request) {
    requireRequest(request);
    return new Builder(StunClass.SUCCESS_RESPONSE, request.method, request.transactionId);
  }

  /**
   * Starts the error response to {@code request}, with {@code error} as its first attribute (RFC 8489
   * section 6.3.1.1). For 420, add {@code new UnknownAttributes(request.unknownComprehensionRequired())}.
   */
  public static Builder errorResponse(StunMessage request, ErrorCode error) {
    requireRequest(request);
    return new Builder(StunClass.ERROR_RESPONSE, request.method, request.transactionId)
        .add(Objects.requireNonNull(error, "error"));
  }

  private static void requireRequest(StunMessage request) {
    if (request.messageClass != StunClass.REQUEST) {
      throw new IllegalArgumentException("only requests are answered, not a " + request.messageClass);
    }
  }

  public StunClass messageClass() {
    return messageClass;
  }

  /** The method, 0 to 0xFFF; see {@link StunMethod}. */
  public int method() {
    return method;
  }

  public TransactionId transactionId() {
    return transactionId;
  }

  /**
   * The attributes in wire order, duplicates included, without MESSAGE-INTEGRITY, FINGERPRINT and the
   * attributes that followed MESSAGE-INTEGRITY. Unmodifiable.
   */
  public List<StunAttribute> attributes() {
    return attributes;
  }

  /**
   * The first attribute of the given kind, or null. Later duplicates are ignored, as RFC 8489 section 14
   * allows.
   */
  public <T extends StunAttribute> T attribute(Class<T> kind) {
    for (StunAttribute attribute : attributes) {
      if (kind.isInstance(attribute)) {
        return kind.cast(attribute);
      }
    }
    return null;
  }

  /**
   * The comprehension-required attribute types (0x0000 to 0x7FFF) this package did not understand, in
   * wire order without duplicates. When a request has any, the agent answers 420 with this list in
   * {@link UnknownAttributes} (RFC 8489 section 6.3.1); a response or indication with any is discarded
   * (sections 6.3.2 to 6.3.4). Unmodifiable; empty when there are none.
   */
  public List<Integer> unknownComprehensionRequired() {
    return unknownComprehensionRequired;
  }

  /** True when the decoded message carried MESSAGE-INTEGRITY; always false for a built message. */
  public boolean hasMessageIntegrity() {
    return integrityOffset >= 0;
  }

  /** True when the decoded message carried FINGERPRINT; always false for a built message. */
  public boolean hasFingerprint() {
    return fingerprintOffset >= 0;
  }

  /** Offset of the MESSAGE-INTEGRITY attribute from the start of the message, or -1. */
  int integrityOffset() {
    return integrityOffset;
  }

  /** Offset of the FINGERPRINT attribute from the start of the message, or -1. */
  int fingerprintOffset() {
    return fingerprintOffset;
  }

  /**
   * Guards the verifiers against being handed other bytes than the ones this message was decoded from:
   * {@code buf} must hold exactly this message from its reader index.
   */
  void requireDecodedFrom(ByteBuf buf) {
    if (decodedLength < 0 || buf.readableBytes() != decodedLength
        || buf.getUnsignedShort(buf.readerIndex() + 2) != decodedLength - HEADER_LENGTH
        || !transactionId.equals(TransactionId.read(buf, buf.readerIndex() + 8))) {
      throw new IllegalArgumentException("the buffer does not hold the message " + transactionId
          + " from its reader index");
    }
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("StunMessage[")
        .append(StunMethod.name(method)).append(' ').append(messageClass)
        .append(", id=").append(transactionId)
        .append(", attributes=").append(attributes);
    if (hasMessageIntegrity()) {
      s.append(", MESSAGE-INTEGRITY");
    }
    if (hasFingerprint()) {
      s.append(", FINGERPRINT");
    }
    return s.append(']').toString();
  }

  private static List<Integer> unknownComprehensionRequired(List<StunAttribute> attributes) {
    List<Integer> types = null;
    for (StunAttribute attribute : attributes) {
      if (attribute instanceof RawAttribute raw && raw.isComprehensionRequired()) {
        if (types == null) {
          types = new ArrayList<>(2);
        }
        if (!types.contains(raw.type())) {
          types.add(raw.type());
        }
      }
    }
    return types == null ? List.of() : Collections.unmodifiableList(types);
  }

  /**
   * Collects attributes for a new message. Not thread-safe; use each builder on one thread.
   */
  public static final class Builder {

    private final StunClass messageClass;
    private final int method;
    private final TransactionId transactionId;
    private final List<StunAttribute> attributes = new ArrayList<>();

    private Builder(StunClass messageClass, int method, TransactionId transactionId) {
      this.messageClass = Objects.requireNonNull(messageClass, "messageClass");
      if (method < 0 || method > StunMethod.MAX) {
        throw new IllegalArgumentException("STUN methods are 12 bits, not " + method);
      }
      this.method = method;
      this.transactionId = Objects.requireNonNull(transactionId, "transactionId");
    }

    /** Appends an attribute; they are written in the order added. */
    public Builder add(StunAttribute attribute) {
      attributes.add(Objects.requireNonNull(attribute, "attribute"));
      return this;
    }

    /** The message; the builder may be used again afterwards. */
    public StunMessage build() {
      return new StunMessage(messageClass, method, transactionId, List.copyOf(attributes), -1, -1, -1);
    }
  }
}
