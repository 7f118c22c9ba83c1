/*
 * The libsrtp side of Rivulet's SRTP benchmark: ns per protect and per unprotect of one 1200-byte RTP
 * packet (12-byte header), for AES_CM_128_HMAC_SHA1_80 and AEAD_AES_128_GCM, measured the way
 * org.rivulet.bench.srtp.SrtpBenchmark measures Rivulet:
 *
 *   protect    one buffer, protected in place again and again; before each call the length is reset
 *              and the next sequence number written (libsrtp, like Rivulet, refuses to reuse an index).
 *   unprotect  a ring of 256 packets protected with consecutive sequence numbers outside the timed
 *              region, then unprotected in order inside it; the next round protects the decrypted
 *              packets again with the following numbers. One receiving session for the whole case.
 *
 * Each case: a time-based warm-up, then 5 time-based runs; the figure is the median of the runs'
 * ns per packet. Every libsrtp call is checked; a refused packet ends the program with status 1.
 *
 * Usage: srtp_bench [run-seconds (2)] [warm-up-seconds (6)] [runs (5)]
 * Output, one line per case:
 *   srtp_bench <profile> <protect|unprotect> median_ns=<n> runs_ns=<r1>,<r2>,...
 *
 * Built by benchmarks/srtp-reference.sh against Debian's libsrtp2 (NSS) and against libsrtp built with
 * OpenSSL; never by Maven.
 */
#define _POSIX_C_SOURCE 199309L

#include <srtp2/srtp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum {
  PACKET_LENGTH = 1200,
  HEADER_LENGTH = 12,
  RING = 256,
  CAPACITY = PACKET_LENGTH + SRTP_MAX_TRAILER_LEN,
  MAX_RUNS = 64,
  SSRC = 0x12345678,
  PAYLOAD_TYPE = 96,
};

struct suite {
  const char *name;
  void (*policy)(srtp_crypto_policy_t *);
  int key_length;  /* master key */
  int salt_length; /* master salt */
};

/* A function for the table: libsrtp defines this one as a macro. */
static void aes_cm_128_hmac_sha1_80(srtp_crypto_policy_t *p) {
  srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(p);
}

static const struct suite SUITES[] = {
  {"AES_CM_128_HMAC_SHA1_80", aes_cm_128_hmac_sha1_80, 16, 14},
  {"AEAD_AES_128_GCM", srtp_crypto_policy_set_aes_gcm_128_16_auth, 16, 12},
};

/* Packets start at the first byte of their buffer, with room for the largest trailer after them. */
static uint8_t protect_buffer[CAPACITY] __attribute__((aligned(16)));
static uint8_t ring[RING][CAPACITY] __attribute__((aligned(16)));

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec * 1e9 + (double) ts.tv_nsec;
}

static void die(const char *what, srtp_err_status_t status) {
  fprintf(stderr, "srtp_bench: %s failed with libsrtp status %d\n", what, (int) status);
  exit(1);
}

/* The same master key and salt as SrtpBenchmark: bytes counting up from 1 and from 101. */
static srtp_t session(const struct suite *suite, srtp_ssrc_type_t direction, uint8_t *key) {
  for (int i = 0; i < suite->key_length; i++) {
    key[i] = (uint8_t) (1 + i);
  }
  for (int i = 0; i < suite->salt_length; i++) {
    key[suite->key_length + i] = (uint8_t) (101 + i);
  }
  srtp_policy_t policy;
  memset(&policy, 0, sizeof policy);
  suite->policy(&policy.rtp);
  suite->policy(&policy.rtcp);
  policy.ssrc.type = direction;
  policy.key = key;
  policy.window_size = 128;
  policy.allow_repeat_tx = 0;
  policy.next = NULL;
  srtp_t ctx;
  srtp_err_status_t status = srtp_create(&ctx, &policy);
  if (status != srtp_err_status_ok) {
    die("srtp_create", status);
  }
  return ctx;
}

static void plain_packet(uint8_t *p) {
  p[0] = 0x80; /* V=2, no padding, no extension, no CSRC */
  p[1] = PAYLOAD_TYPE;
  p[2] = 0;
  p[3] = 0;
  p[4] = 0x01;
  p[5] = 0x02;
  p[6] = 0x03;
  p[7] = 0x04;
  p[8] = (uint8_t) (SSRC >> 24);
  p[9] = (uint8_t) (SSRC >> 16);
  p[10] = (uint8_t) (SSRC >> 8);
  p[11] = (uint8_t) SSRC;
  for (int i = HEADER_LENGTH; i < PACKET_LENGTH; i++) {
    p[i] = (uint8_t) (i * 31);
  }
}

static void set_seq(uint8_t *p, uint32_t seq) {
  p[2] = (uint8_t) (seq >> 8);
  p[3] = (uint8_t) seq;
}

struct state {
  srtp_t sender;
  srtp_t receiver;
  uint32_t seq;
  int lengths[RING];
};

/* Protects for about `seconds`; returns ns per packet. */
static double protect_run(struct state *s, double seconds) {
  double budget = seconds * 1e9;
  double start = now_ns();
  double elapsed;
  long packets = 0;
  do {
    for (int i = 0; i < 1024; i++) {
      int len = PACKET_LENGTH;
      set_seq(protect_buffer, s->seq++);
      srtp_err_status_t status = srtp_protect(s->sender, protect_buffer, &len);
      if (status != srtp_err_status_ok) {
        die("srtp_protect", status);
      }
    }
    packets += 1024;
    elapsed = now_ns() - start;
  } while (elapsed < budget);
  return elapsed / (double) packets;
}

/* Unprotects rings until about `seconds` have been spent unprotecting; returns ns per packet. */
static double unprotect_run(struct state *s, double seconds) {
  double budget = seconds * 1e9;
  double timed = 0;
  long packets = 0;
  do {
    /* Not timed: the ring (plaintext again after the previous round) gets the next indices. */
    for (int i = 0; i < RING; i++) {
      int len = PACKET_LENGTH;
      set_seq(ring[i], s->seq++);
      srtp_err_status_t status = srtp_protect(s->sender, ring[i], &len);
      if (status != srtp_err_status_ok) {
        die("srtp_protect (ring)", status);
      }
      s->lengths[i] = len;
    }
    double start = now_ns();
    for (int i = 0; i < RING; i++) {
      int len = s->lengths[i];
      srtp_err_status_t status = srtp_unprotect(s->receiver, ring[i], &len);
      if (status != srtp_err_status_ok || len != PACKET_LENGTH) {
        die("srtp_unprotect", status);
      }
    }
    timed += now_ns() - start;
    packets += RING;
  } while (timed < budget);
  return timed / (double) packets;
}

static int compare_doubles(const void *a, const void *b) {
  double x = *(const double *) a;
  double y = *(const double *) b;
  return (x > y) - (x < y);
}

typedef double (*run_fn)(struct state *, double);

static void measure(const struct suite *suite, const char *operation, run_fn run, double run_seconds,
    double warmup_seconds, int runs) {
  uint8_t tx_key[SRTP_MAX_KEY_LEN];
  uint8_t rx_key[SRTP_MAX_KEY_LEN];
  struct state s;
  memset(&s, 0, sizeof s);
  s.sender = session(suite, ssrc_any_outbound, tx_key);
  s.receiver = session(suite, ssrc_any_inbound, rx_key);
  plain_packet(protect_buffer);
  for (int i = 0; i < RING; i++) {
    plain_packet(ring[i]);
  }

  run(&s, warmup_seconds);
  double results[MAX_RUNS];
  for (int r = 0; r < runs; r++) {
    results[r] = run(&s, run_seconds);
  }
  double sorted[MAX_RUNS];
  memcpy(sorted, results, sizeof(double) * (size_t) runs);
  qsort(sorted, (size_t) runs, sizeof(double), compare_doubles);
  double median = runs % 2 ? sorted[runs / 2] : (sorted[runs / 2 - 1] + sorted[runs / 2]) / 2;

  printf("srtp_bench %s %s median_ns=%.1f runs_ns=", suite->name, operation, median);
  for (int r = 0; r < runs; r++) {
    printf(r ? ",%.1f" : "%.1f", results[r]);
  }
  printf("\n");
  fflush(stdout);

  srtp_dealloc(s.sender);
  srtp_dealloc(s.receiver);
}

int main(int argc, char **argv) {
  double run_seconds = argc > 1 ? atof(argv[1]) : 2.0;
  double warmup_seconds = argc > 2 ? atof(argv[2]) : 6.0;
  int runs = argc > 3 ? atoi(argv[3]) : 5;
  if (run_seconds <= 0 || warmup_seconds < 0 || runs < 1 || runs > MAX_RUNS) {
    fprintf(stderr, "usage: srtp_bench [run-seconds (2)] [warm-up-seconds (6)] [runs (5), at most %d]\n",
        MAX_RUNS);
    return 2;
  }
  srtp_err_status_t status = srtp_init();
  if (status != srtp_err_status_ok) {
    die("srtp_init", status);
  }
  fprintf(stderr, "srtp_bench: %s, %.1f s warm-up, %d runs of %.1f s per case\n",
      srtp_get_version_string(), warmup_seconds, runs, run_seconds);
  for (size_t i = 0; i < sizeof SUITES / sizeof SUITES[0]; i++) {
    measure(&SUITES[i], "protect", protect_run, run_seconds, warmup_seconds, runs);
    measure(&SUITES[i], "unprotect", unprotect_run, run_seconds, warmup_seconds, runs);
  }
  srtp_shutdown();
  return 0;
}
