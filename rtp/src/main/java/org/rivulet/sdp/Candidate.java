package org.rivulet.sdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An ICE candidate, the value of {@code a=candidate} (RFC 8839 section 5.1):
 *
 * <pre>
 * candidate:842163049 1 udp 1677729535 203.0.113.7 46154 typ srflx raddr 192.168.1.5 rport 46154 generation 0
 *           \_______/ | \_/ \________/ \_________/ \___/     \___/      \_________/       \___/ \__________/
 *           foundation | transport priority  address  port  cand-type  rel-addr      rel-port  extension pairs
 *                 component-id
 * </pre>
 *
 * <p>{@link #parse(String)} also takes the {@code candidate:}-prefixed form that trickle ICE carries in
 * {@code RTCIceCandidate.candidate} and Kurento's {@code IceCandidate.candidate}: RFC 8839's
 * {@code candidate-attribute} production, name included.
 * Of the extension pairs, {@code tcptype} (RFC 6544 section 4.5) and {@code generation} (libwebrtc)
 * have fields of their own; the rest are kept in order in {@link #extensions()}.
 *
 * @param foundation 1..32 ice-chars
 * @param component 1..256 (1 is RTP, 2 is RTCP without rtcp-mux)
 * @param transport {@code UDP} or {@code TCP} as written; compare with {@link #isUdp()} and {@link #isTcp()}
 * @param priority 0..2^32-1 (RFC 8445 section 5.1.2)
 * @param address an IP address or a host name (mDNS {@code .local} names included)
 * @param port 0..65535 (TCP active candidates use 9, RFC 6544 section 4.5)
 * @param type the candidate type
 * @param relatedAddress {@code raddr}, or null
 * @param relatedPort {@code rport}, or null
 * @param tcpType {@code active}, {@code passive} or {@code so} (RFC 6544 section 4.5), or null
 * @param generation libwebrtc's {@code generation} (the ICE restart count), or null
 * @param extensions the other extension pairs, in order; names are unique
 */
public record Candidate(
    String foundation,
    int component,
    String transport,
    long priority,
    String address,
    int port,
    CandidateType type,
    String relatedAddress,
    Integer relatedPort,
    String tcpType,
    Integer generation,
    Map<String, String> extensions)
    implements SdpAttribute {

  /** The prefix of the trickle form: the attribute name and colon of RFC 8839 section 5.1. */
  public static final String PREFIX = "candidate:";

  private static final List<String> TCP_TYPES = List.of("active", "passive", "so");

  /** Checks and copies the fields. */
  public Candidate {
    if (foundation == null || foundation.isEmpty() || foundation.length() > 32) {
      throw new IllegalArgumentException("foundation must have 1..32 characters");
    }
    for (int i = 0; i < foundation.length(); i++) {
      if (!Syntax.isIceChar(foundation.charAt(i))) {
        throw new IllegalArgumentException("foundation has a character outside ice-char at " + i);
      }
    }
    Syntax.requireRange(component, 1, 256, "component id");
    Syntax.requireToken(transport, "transport");
    Syntax.requireRange(priority, 0, 0xFFFF_FFFFL, "priority");
    Syntax.requireWord(address, "connection address");
    Syntax.requireRange(port, 0, 65535, "port");
    if (type == null) {
      throw new IllegalArgumentException("candidate type missing");
    }
    if (relatedAddress != null) {
      Syntax.requireWord(relatedAddress, "raddr");
    }
    if (relatedPort != null) {
      Syntax.requireRange(relatedPort, 0, 65535, "rport");
    }
    if (tcpType != null && !TCP_TYPES.contains(tcpType)) {
      throw new IllegalArgumentException("tcptype must be active, passive or so: " + Syntax.quote(tcpType));
    }
    if (generation != null) {
      Syntax.requireRange(generation, 0, Integer.MAX_VALUE, "generation");
    }
    Map<String, String> copy = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : extensions.entrySet()) {
      String name = Syntax.requireWord(e.getKey(), "extension name");
      if (isNamedField(name)) {
        throw new IllegalArgumentException(name + " has a field of its own");
      }
      copy.put(name, Syntax.requireWord(e.getValue(), "extension value"));
    }
    extensions = Collections.unmodifiableMap(copy);
  }

  /** A host candidate with no related address and no extensions. */
  public static Candidate host(String foundation, int component, String transport, long priority, String address, int port) {
    return new Candidate(foundation, component, transport, priority, address, port, CandidateType.HOST, null, null,
        null, null, Map.of());
  }

  /**
   * Parses a candidate attribute value, with or without the {@code candidate:} prefix (an {@code a=}
   * before it is accepted too). An empty string is not a candidate: Kurento treats it as end of
   * candidates before calling this.
   *
   * @throws SdpParseException with {@link SdpParseException.Reason#BAD_CANDIDATE} and line 0
   */
  public static Candidate parse(String text) throws SdpParseException {
    if (text == null) {
      throw new SdpParseException(SdpParseException.Reason.BAD_CANDIDATE, "null");
    }
    String v = Syntax.trim(text);
    if (v.startsWith("a=")) {
      v = v.substring(2);
    }
    if (v.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      v = v.substring(PREFIX.length());
    }
    if (!Syntax.isText(v)) {
      throw new SdpParseException(SdpParseException.Reason.BAD_CANDIDATE, "control character");
    }
    return parseValue(v);
  }

  /** Parses the value of an {@code a=candidate} line, which has no prefix. */
  static Candidate parseValue(String text) throws SdpParseException {
    List<String> w = Syntax.words(text);
    SdpParseException.Reason bad = SdpParseException.Reason.BAD_CANDIDATE;
    if (w.size() < 8 || !"typ".equals(w.get(6))) {
      throw new SdpParseException(bad, "expected '<foundation> <component> <transport> <priority> <address> <port> typ <type>'");
    }
    int component = Syntax.intValue(w.get(1), 1, 256, bad, "component id");
    long priority = Syntax.longValue(w.get(3), 0, 0xFFFF_FFFFL, bad, "priority");
    int port = Syntax.intValue(w.get(5), 0, 65535, bad, "port");
    CandidateType type = CandidateType.forToken(w.get(7));
    if (type == null) {
      throw new SdpParseException(bad, "unknown candidate type " + Syntax.quote(w.get(7)));
    }
    if ((w.size() - 8) % 2 != 0) {
      throw new SdpParseException(bad, "extension name without a value");
    }
    String raddr = null;
    Integer rport = null;
    String tcpType = null;
    Integer generation = null;
    Map<String, String> ext = new LinkedHashMap<>();
    for (int i = 8; i < w.size(); i += 2) {
      String name = w.get(i);
      String value = w.get(i + 1);
      boolean repeated = ext.containsKey(name);
      switch (name) {
        case "raddr" -> {
          repeated = raddr != null;
          raddr = value;
        }
        case "rport" -> {
          repeated = rport != null;
          rport = Syntax.intValue(value, 0, 65535, bad, "rport");
        }
        case "tcptype" -> {
          repeated = tcpType != null;
          tcpType = value.toLowerCase(Locale.ROOT);
        }
        case "generation" -> {
          repeated = generation != null;
          generation = Syntax.intValue(value, 0, Integer.MAX_VALUE, bad, "generation");
        }
        default -> ext.put(name, value);
      }
      if (repeated) {
        throw new SdpParseException(bad, "extension " + Syntax.quote(name) + " repeated");
      }
    }
    String ra = raddr;
    Integer rp = rport;
    String tt = tcpType;
    Integer gen = generation;
    return Syntax.build(bad, () -> new Candidate(w.get(0), component, w.get(2), priority, w.get(4), port, type, ra, rp,
        tt, gen, ext));
  }

  private static boolean isNamedField(String name) {
    return name.equals("raddr") || name.equals("rport") || name.equals("tcptype") || name.equals("generation");
  }

  /** Whether the transport is UDP (case-insensitive, RFC 8839 section 5.1). */
  public boolean isUdp() {
    return transport.equalsIgnoreCase("UDP");
  }

  /** Whether the transport is TCP (RFC 6544 section 4.5). */
  public boolean isTcp() {
    return transport.equalsIgnoreCase("TCP");
  }

  /** The attribute value without prefix: what follows {@code a=candidate:}. */
  public String format() {
    StringBuilder sb = new StringBuilder(96)
        .append(foundation).append(' ')
        .append(component).append(' ')
        .append(transport).append(' ')
        .append(priority).append(' ')
        .append(address).append(' ')
        .append(port).append(" typ ")
        .append(type.token());
    if (relatedAddress != null) {
      sb.append(" raddr ").append(relatedAddress);
    }
    if (relatedPort != null) {
      sb.append(" rport ").append(relatedPort);
    }
    if (tcpType != null) {
      sb.append(" tcptype ").append(tcpType);
    }
    if (generation != null) {
      sb.append(" generation ").append(generation);
    }
    for (Map.Entry<String, String> e : extensions.entrySet()) {
      sb.append(' ').append(e.getKey()).append(' ').append(e.getValue());
    }
    return sb.toString();
  }

  /** The trickle form, {@code candidate:<value>}, as Kurento's {@code IceCandidate.candidate} carries it. */
  public String toIceCandidateString() {
    return PREFIX + format();
  }

  @Override
  public String attributeName() {
    return "candidate";
  }

  @Override
  public String attributeValue() {
    return format();
  }
}
