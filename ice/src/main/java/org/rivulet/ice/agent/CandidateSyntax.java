package org.rivulet.ice.agent;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text form of a candidate, as {@code a=candidate} carries it (RFC 8839 section 5.1) and as trickle
 * ICE and Kurento's {@code IceCandidate.candidate} carry it with the {@code candidate:} prefix:
 *
 * <pre>
 * candidate:1467250027 1 udp 2122260223 192.168.0.196 46243 typ host generation 0
 * candidate:1853887674 1 udp 1845501695 46.2.2.2 36768 typ srflx raddr 192.168.0.196 rport 46243 generation 0
 * candidate:2 1 tcp 1518280447 192.168.0.196 9 typ host tcptype active generation 0 ufrag EsAw
 *           \________/ | \_/ \________/ \___________/ \___/   \__/  \__________________________________/
 *           foundation | transport priority  address   port   type   extension pairs (name value)
 *                component
 * </pre>
 *
 * <p>Of the extension pairs, {@code raddr}/{@code rport} (related address), {@code tcptype} (RFC 6544
 * section 4.5) and {@code ufrag} (which generation the candidate belongs to, as browsers add it) are read;
 * the others ({@code generation}, {@code network-id}, {@code network-cost}...) are skipped.
 *
 * <p>The parser never resolves names: an IP literal becomes an address, an mDNS {@code .local} name or a DNS
 * name is reported as {@link CandidateParseError#MDNS_HOSTNAME} or {@link CandidateParseError#HOSTNAME}.
 * Stateless and thread-safe.
 */
public final class CandidateSyntax {

  /** The prefix of the trickle form (the attribute name and colon of RFC 8839 section 5.1). */
  public static final String PREFIX = "candidate:";

  /** The longest text accepted; browsers' candidates are under 200 characters. */
  public static final int MAX_LENGTH = 1024;

  /** The most whitespace-separated fields accepted, a bound on the work one candidate causes. */
  public static final int MAX_FIELDS = 64;

  private static final int MAX_FOUNDATION = 32;
  private static final int MAX_HOSTNAME = 253;

  private CandidateSyntax() {}

  /**
   * The trickle form of a candidate, {@code candidate:} included. {@code generation 0} is always written,
   * as libwebrtc does; {@code ufrag} only when given.
   */
  static String format(String foundation, int component, TransportProtocol protocol, long priority,
      InetSocketAddress address, CandidateType type, InetSocketAddress related, TcpType tcpType,
      String ufrag) {
    StringBuilder sb = new StringBuilder(128).append(PREFIX)
        .append(foundation).append(' ')
        .append(component).append(' ')
        .append(protocol.token()).append(' ')
        .append(priority).append(' ')
        .append(NetUtil.toAddressString(address.getAddress())).append(' ')
        .append(address.getPort())
        .append(" typ ").append(type.token());
    if (related != null) {
      sb.append(" raddr ").append(NetUtil.toAddressString(related.getAddress()))
          .append(" rport ").append(related.getPort());
    }
    if (tcpType != null) {
      sb.append(" tcptype ").append(tcpType.token());
    }
    sb.append(" generation 0");
    if (ufrag != null) {
      sb.append(" ufrag ").append(ufrag);
    }
    return sb.toString();
  }

  /**
   * Parses a candidate, with or without the {@code candidate:} prefix (and an {@code a=} before it).
   * Surrounding whitespace and a trailing CRLF are ignored.
   *
   * @param text the candidate; null and empty strings fail with {@link CandidateParseError#TOO_FEW_FIELDS}
   *     (the agent treats them as end-of-candidates before calling this)
   */
  public static CandidateParseResult parse(String text) {
    if (text == null) {
      return CandidateParseResult.failure(CandidateParseError.TOO_FEW_FIELDS);
    }
    if (text.length() > MAX_LENGTH) {
      return CandidateParseResult.failure(CandidateParseError.TOO_LONG);
    }
    String v = text.strip();
    if (v.startsWith("a=")) {
      v = v.substring(2);
    }
    if (v.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      v = v.substring(PREFIX.length());
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if ((c < 0x20 && c != '\t') || c > 0x7E) {
        return CandidateParseResult.failure(CandidateParseError.BAD_CHARACTER);
      }
    }
    List<String> f = fields(v);
    if (f == null) {
      return CandidateParseResult.failure(CandidateParseError.TOO_MANY_FIELDS);
    }
    if (f.size() < 8) {
      return CandidateParseResult.failure(CandidateParseError.TOO_FEW_FIELDS);
    }
    String foundation = f.get(0);
    if (!isFoundation(foundation)) {
      return CandidateParseResult.failure(CandidateParseError.BAD_FOUNDATION);
    }
    long component = number(f.get(1), 1, 256);
    if (component < 0) {
      return CandidateParseResult.failure(CandidateParseError.BAD_COMPONENT);
    }
    TransportProtocol protocol = TransportProtocol.forToken(f.get(2));
    if (protocol == null) {
      return CandidateParseResult.failure(CandidateParseError.UNSUPPORTED_TRANSPORT);
    }
    long priority = number(f.get(3), 1, CandidatePriority.MAX);
    if (priority < 0) {
      return CandidateParseResult.failure(CandidateParseError.BAD_PRIORITY);
    }
    CandidateParseError addressError = addressError(f.get(4));
    if (addressError != null) {
      return CandidateParseResult.failure(addressError);
    }
    InetAddress ip = NetUtil.createInetAddressFromIpAddressString(f.get(4));
    long port = number(f.get(5), 0, 65535);
    if (port < 0) {
      return CandidateParseResult.failure(CandidateParseError.BAD_PORT);
    }
    if (!"typ".equals(f.get(6))) {
      return CandidateParseResult.failure(CandidateParseError.MISSING_TYP);
    }
    CandidateType type = CandidateType.forToken(f.get(7));
    if (type == null) {
      return CandidateParseResult.failure(CandidateParseError.BAD_TYPE);
    }
    if ((f.size() - 8) % 2 != 0) {
      return CandidateParseResult.failure(CandidateParseError.DANGLING_EXTENSION);
    }
    InetAddress relatedIp = null;
    long relatedPort = -1;
    TcpType tcpType = null;
    String ufrag = null;
    for (int i = 8; i < f.size(); i += 2) {
      String value = f.get(i + 1);
      switch (f.get(i)) {
        // A related address that is not a literal (an mDNS name, say) is informational only: dropped.
        case "raddr" -> relatedIp = NetUtil.createInetAddressFromIpAddressString(value);
        case "rport" -> {
          relatedPort = number(value, 0, 65535);
          if (relatedPort < 0) {
            return CandidateParseResult.failure(CandidateParseError.BAD_RELATED_PORT);
          }
        }
        case "tcptype" -> {
          tcpType = TcpType.forToken(value);
          if (tcpType == null) {
            return CandidateParseResult.failure(CandidateParseError.BAD_TCP_TYPE);
          }
        }
        case "ufrag" -> ufrag = IceCredentials.isIceString(value, 1, 256) ? value : null;
        default -> {
          // generation, network-id, network-cost and future extensions (RFC 8839 section 5.1)
        }
      }
    }
    if (protocol == TransportProtocol.TCP && tcpType == null) {
      return CandidateParseResult.failure(CandidateParseError.BAD_TCP_TYPE);
    }
    if (protocol == TransportProtocol.UDP) {
      tcpType = null; // meaningless on UDP; dropped so that equal candidates compare equal
    }
    InetSocketAddress related = relatedIp != null && relatedPort >= 0
        ? new InetSocketAddress(relatedIp, (int) relatedPort) : null;
    return CandidateParseResult.success(new RemoteCandidate(foundation, (int) component, protocol, priority,
        new InetSocketAddress(ip, (int) port), type, related, tcpType, ufrag));
  }

  /** Splits on runs of spaces and tabs; null when there are more than {@link #MAX_FIELDS}. */
  private static List<String> fields(String v) {
    List<String> out = new ArrayList<>(16);
    int i = 0;
    int n = v.length();
    while (i < n) {
      while (i < n && isBlank(v.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isBlank(v.charAt(i))) {
        i++;
      }
      if (i > start) {
        if (out.size() == MAX_FIELDS) {
          return null;
        }
        out.add(v.substring(start, i));
      }
    }
    return out;
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  /** RFC 8839 section 5.1: 1 to 32 ice-chars. */
  private static boolean isFoundation(String s) {
    return IceCredentials.isIceString(s, 1, MAX_FOUNDATION);
  }

  /** A decimal number from {@code min} to {@code max} with at most 10 digits, or -1. */
  private static long number(String s, long min, long max) {
    if (s.isEmpty() || s.length() > 10) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value >= min && value <= max ? value : -1;
  }

  /** Null for an IP literal; otherwise why the address cannot be used. */
  private static CandidateParseError addressError(String s) {
    if (s.indexOf('%') >= 0 || s.indexOf('[') >= 0) {
      return CandidateParseError.BAD_ADDRESS; // a zone id or brackets: not how candidates write addresses
    }
    if (NetUtil.createInetAddressFromIpAddressString(s) != null) {
      return null;
    }
    if (s.length() > MAX_HOSTNAME || s.startsWith(".") || s.startsWith("-") || s.contains("..")) {
      return CandidateParseError.BAD_ADDRESS;
    }
    boolean letter = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLetter(c)) {
        letter = true;
      } else if (!(c >= '0' && c <= '9') && c != '-' && c != '.') {
        return CandidateParseError.BAD_ADDRESS; // malformed literals among them
      }
    }
    if (!letter) {
      return CandidateParseError.BAD_ADDRESS; // digits and dots that are not an IPv4 literal
    }
    String lower = s.toLowerCase(Locale.ROOT);
    return lower.endsWith(".local") || lower.endsWith(".local.")
        ? CandidateParseError.MDNS_HOSTNAME : CandidateParseError.HOSTNAME;
  }
}
