/**
 * The Session Description Protocol (RFC 8866) with the attributes WebRTC and plain RTP use: a model,
 * a parser, a writer, and the codec helpers an endpoint needs to answer an offer.
 *
 * <pre>
 *   String/byte[] ──SdpParser──▶ SessionDescription ──SdpWriter──▶ String (CRLF, RFC order)
 *                                 ├─ Origin, Connection, Bandwidth, Timing
 *                                 ├─ AttributeList (session level)
 *                                 └─ MediaDescription* ─▶ AttributeList ─▶ SdpAttribute*
 *                                         │                 (Rtpmap, Fmtp, RtcpFb, Extmap, Ssrc,
 *                                         │                  Candidate, Crypto, Fingerprint, ...,
 *                                         │                  GenericAttribute for the rest)
 *                                         └─ codecs() ─▶ Codec* ──CodecNegotiation──▶ answer codecs
 * </pre>
 *
 * <p>Everything here is immutable and thread-safe except the builders. Parsing never throws anything
 * but {@link org.rivulet.sdp.SdpParseException}, whose {@link org.rivulet.sdp.SdpParseException.Reason}
 * tells the RPC layer and the tests what was wrong.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Lookups on an {@link org.rivulet.sdp.AttributeList} read one section. ICE credentials,
 *       fingerprint, setup, direction and extmaps may come from the session level instead: ask
 *       {@link org.rivulet.sdp.SessionDescription#effective} for the attributes that govern a section.
 *   <li>A parse and write round trip keeps the model, not the bytes: the writer puts lines in RFC
 *       order and separates fields with single spaces. Unknown attributes are kept verbatim.
 *   <li>The parser checks syntax and the few document rules that make a description ambiguous
 *       (unique mids, one direction per section, groups naming existing mids). Whether an endpoint
 *       supports a protocol or codec, or whether ICE credentials are present, is for the endpoint to
 *       decide (Kurento error 40205, not 40201).
 *   <li>A {@link org.rivulet.sdp.GenericAttribute} cannot carry the name of a typed attribute; build
 *       the typed class, or the written text would parse back as something else.
 * </ul>
 */
package org.rivulet.sdp;
