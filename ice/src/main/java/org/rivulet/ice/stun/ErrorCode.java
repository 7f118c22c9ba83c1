package org.rivulet.ice.stun;

import io.netty.buffer.ByteBuf;

/**
 * ERROR-CODE (RFC 8489 section 14.8): the code and reason phrase of an error response.
 *
 * <pre>
 *  +--------+--------+--------+--------+
 *  |  reserved (21 bits)  |class| number |   class = code / 100 (3 to 6), number = code % 100
 *  +--------+--------+--------+--------+
 *  |  reason phrase, UTF-8 ...         |
 *  +-----------------------------------+
 * </pre>
 *
 * <p>The reserved bits are written as zero and ignored on reading, as section 14.8 asks.
 *
 * @param code the error code, 300 to 699
 * @param reason the reason phrase, for diagnostics; may be empty
 */
public record ErrorCode(int code, String reason) implements StunAttribute {

  /** 300, RFC 8489 section 14.8. */
  public static final ErrorCode TRY_ALTERNATE = new ErrorCode(300, "Try Alternate");
  /** 400: malformed request, for example a Binding request without PRIORITY (RFC 8489 section 14.8). */
  public static final ErrorCode BAD_REQUEST = new ErrorCode(400, "Bad Request");
  /** 401: bad or missing MESSAGE-INTEGRITY or USERNAME (RFC 8489 section 14.8). */
  public static final ErrorCode UNAUTHENTICATED = new ErrorCode(401, "Unauthenticated");
  /** 420: sent with {@link UnknownAttributes} (RFC 8489 section 14.8). */
  public static final ErrorCode UNKNOWN_ATTRIBUTE = new ErrorCode(420, "Unknown Attribute");
  /** 438, RFC 8489 section 14.8. */
  public static final ErrorCode STALE_NONCE = new ErrorCode(438, "Stale Nonce");
  /** 487: both agents claim the same ICE role (RFC 8445 section 7.3.1.1). */
  public static final ErrorCode ROLE_CONFLICT = new ErrorCode(487, "Role Conflict");
  /** 500, RFC 8489 section 14.8. */
  public static final ErrorCode SERVER_ERROR = new ErrorCode(500, "Server Error");

  /** Smallest valid code: class 3, number 0. */
  public static final int MIN_CODE = 300;
  /** Largest valid code: class 6, number 99. */
  public static final int MAX_CODE = 699;

  public ErrorCode {
    if (code < MIN_CODE || code > MAX_CODE) {
      throw new IllegalArgumentException("STUN error codes run from 300 to 699, not " + code);
    }
    StunText.requireWellFormed(reason, "ERROR-CODE reason");
  }

  /** The hundreds digit, 3 to 6. */
  public int errorClass() {
    return code / 100;
  }

  /** The code modulo 100. */
  public int number() {
    return code % 100;
  }

  @Override
  public int type() {
    return StunAttributeType.ERROR_CODE;
  }

  @Override
  public int valueLength() {
    return 4 + StunText.length(reason);
  }

  @Override
  public void writeValue(ByteBuf out, TransactionId transactionId) {
    out.writeShort(0);
    out.writeByte(errorClass());
    out.writeByte(number());
    StunText.write(out, reason);
  }
}
