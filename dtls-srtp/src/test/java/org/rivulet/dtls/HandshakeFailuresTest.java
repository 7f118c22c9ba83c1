package org.rivulet.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.stream.Stream;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsTimeoutException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What Bouncy Castle throws, mapped to the reason reported. */
@Timeout(10)
class HandshakeFailuresTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("our own check, thrown as is",
            new RejectedHandshake(DtlsFailureReason.FINGERPRINT_MISMATCH,
                AlertDescription.bad_certificate, "x"),
            DtlsFailureReason.FINGERPRINT_MISMATCH),
        Arguments.of("our own check, wrapped",
            new TlsFatalAlert(AlertDescription.internal_error, new RejectedHandshake(
                DtlsFailureReason.NO_SRTP_PROFILE, AlertDescription.handshake_failure, "x")),
            DtlsFailureReason.NO_SRTP_PROFILE),
        Arguments.of("handshake timeout", new TlsTimeoutException("Handshake timed out"),
            DtlsFailureReason.TIMEOUT),
        Arguments.of("fatal alert from the peer", new TlsFatalAlertReceived(AlertDescription.bad_certificate),
            DtlsFailureReason.ALERT),
        Arguments.of("fatal alert we raised", new TlsFatalAlert(AlertDescription.decode_error),
            DtlsFailureReason.PROTOCOL_ERROR),
        Arguments.of("internal_error without a bug behind it",
            new TlsFatalAlert(AlertDescription.internal_error), DtlsFailureReason.PROTOCOL_ERROR),
        Arguments.of("Bouncy Castle wrapping a runtime exception",
            new TlsFatalAlert(AlertDescription.internal_error, new NullPointerException()),
            DtlsFailureReason.INTERNAL_ERROR),
        Arguments.of("interrupted", new InterruptedIOException(), DtlsFailureReason.CANCELLED),
        Arguments.of("plain I/O error", new IOException("sink failed"), DtlsFailureReason.INTERNAL_ERROR),
        Arguments.of("runtime exception", new IllegalStateException(), DtlsFailureReason.INTERNAL_ERROR));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void classifies(String name, Throwable thrown, DtlsFailureReason expected) {
    assertEquals(expected, HandshakeFailures.classify(thrown));
  }
}
