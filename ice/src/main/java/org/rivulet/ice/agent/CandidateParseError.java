package org.rivulet.ice.agent;

/**
 * Why {@link CandidateSyntax#parse} did not produce a {@link RemoteCandidate}. Some are plain syntax errors;
 * {@link #MDNS_HOSTNAME} and {@link #HOSTNAME} are well-formed candidates that Rivulet ignores because it
 * does not resolve names (RELIABILITY.md B2 item 19, as Jitsi Videobridge's default).
 */
public enum CandidateParseError {
  /** Longer than {@link CandidateSyntax#MAX_LENGTH} characters. */
  TOO_LONG,
  /** A control character other than a tab, or a non-ASCII character. */
  BAD_CHARACTER,
  /** Fewer than the eight fields up to the candidate type (RFC 8839 section 5.1). */
  TOO_FEW_FIELDS,
  /** More than {@link CandidateSyntax#MAX_FIELDS} fields. */
  TOO_MANY_FIELDS,
  /** The foundation is empty, longer than 32 characters, or has a character outside ice-char. */
  BAD_FOUNDATION,
  /** The component id is not a number from 1 to 256. */
  BAD_COMPONENT,
  /** A transport other than UDP and TCP (for example TLS or SCTP). */
  UNSUPPORTED_TRANSPORT,
  /** The priority is not a number from 1 to 2^31 - 1 (RFC 8445 section 5.1.2). */
  BAD_PRIORITY,
  /** The connection address is neither an IP literal nor a host name. */
  BAD_ADDRESS,
  /** The connection address is an mDNS name ({@code <uuid>.local}, draft-ietf-mmusic-mdns-ice-candidates). */
  MDNS_HOSTNAME,
  /** The connection address is a DNS name; Rivulet does not resolve it. */
  HOSTNAME,
  /** The port is not a number from 0 to 65535. */
  BAD_PORT,
  /** The seventh field is not {@code typ}. */
  MISSING_TYP,
  /** The candidate type is not host, srflx, prflx or relay. */
  BAD_TYPE,
  /** An extension name without a value. */
  DANGLING_EXTENSION,
  /** {@code rport} is not a number from 0 to 65535. */
  BAD_RELATED_PORT,
  /** {@code tcptype} is not active, passive or so, or is missing from a TCP candidate. */
  BAD_TCP_TYPE
}
