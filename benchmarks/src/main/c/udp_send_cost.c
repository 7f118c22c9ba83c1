/*
 * What the kernel alone charges a sender per UDP datagram on loopback, the floor under the SFU
 * benchmark's per-viewer cost: no crypto, no JVM. One sender, R receiving sockets on 127.0.0.1
 * (UDP_GRO on, as the load generator's peers), sends rotating over the receivers, the receivers
 * drained every 64 sends on the same thread (so nothing sleeps and no wake-up is counted).
 *
 *   cc -O2 -o udp_send_cost udp_send_cost.c
 *   taskset -c 0 ./udp_send_cost            # all modes, 1200- and 200-byte datagrams
 *
 * Modes: one sendto per datagram; sendmmsg of k datagrams to one receiver; one UDP GSO send of k
 * segments (UDP_SEGMENT); sendmmsg of k datagrams to k different receivers. Prints microseconds
 * per datagram and per system call.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/udp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#ifndef UDP_SEGMENT
#define UDP_SEGMENT 103
#endif
#ifndef UDP_GRO
#define UDP_GRO 104
#endif

#define RECEIVERS 100
#define MAX_K 64

enum mode { SENDTO, SENDMMSG_ONE, GSO, SENDMMSG_MANY };
static const char *NAMES[] = {"sendto", "sendmmsg, one receiver", "UDP GSO", "sendmmsg, k receivers"};

static int receivers[RECEIVERS];
static struct sockaddr_in addresses[RECEIVERS];
static char payload[MAX_K * 1500];
static char drain[65536];

static double seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static void open_receivers(void) {
  for (int i = 0; i < RECEIVERS; i++) {
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t length = sizeof a;
    int big = 8 << 20, one = 1;
    if (fd < 0 || bind(fd, (struct sockaddr *) &a, sizeof a) != 0
        || getsockname(fd, (struct sockaddr *) &a, &length) != 0) {
      perror("receiver");
      exit(1);
    }
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &big, sizeof big);
    setsockopt(fd, IPPROTO_UDP, UDP_GRO, &one, sizeof one);
    receivers[i] = fd;
    addresses[i] = a;
  }
}

static void drain_all(void) {
  for (int i = 0; i < RECEIVERS; i++) {
    while (recv(receivers[i], drain, sizeof drain, MSG_DONTWAIT) > 0) {
    }
  }
}

/* One system call of the mode; returns the datagrams it sent. */
static int send_once(int fd, enum mode m, int length, int k, int call) {
  struct mmsghdr messages[MAX_K];
  struct iovec vectors[MAX_K];
  int to = call % RECEIVERS;
  switch (m) {
    case SENDTO:
      return sendto(fd, payload, length, 0, (struct sockaddr *) &addresses[to],
          sizeof addresses[to]) == length;
    case SENDMMSG_ONE:
    case SENDMMSG_MANY:
      memset(messages, 0, sizeof messages);
      for (int j = 0; j < k; j++) {
        int r = m == SENDMMSG_ONE ? to : (call * k + j) % RECEIVERS;
        vectors[j] = (struct iovec) {payload, (size_t) length};
        messages[j].msg_hdr.msg_iov = &vectors[j];
        messages[j].msg_hdr.msg_iovlen = 1;
        messages[j].msg_hdr.msg_name = &addresses[r];
        messages[j].msg_hdr.msg_namelen = sizeof addresses[r];
      }
      return sendmmsg(fd, messages, k, 0);
    case GSO: {
      char control[CMSG_SPACE(sizeof(uint16_t))] = {0};
      struct iovec all = {payload, (size_t) length * k};
      struct msghdr h = {.msg_name = &addresses[to], .msg_namelen = sizeof addresses[to],
          .msg_iov = &all, .msg_iovlen = 1, .msg_control = control,
          .msg_controllen = sizeof control};
      struct cmsghdr *c = CMSG_FIRSTHDR(&h);
      c->cmsg_level = SOL_UDP;
      c->cmsg_type = UDP_SEGMENT;
      c->cmsg_len = CMSG_LEN(sizeof(uint16_t));
      *(uint16_t *) CMSG_DATA(c) = (uint16_t) length;
      return sendmsg(fd, &h, 0) == (ssize_t) length * k ? k : 0;
    }
  }
  return 0;
}

static void measure(int fd, enum mode m, int length, int k) {
  int calls = 20000;
  long datagrams = 0;
  for (int i = 0; i < 2000; i++) { /* warm-up */
    send_once(fd, m, length, k, i);
    if ((i & 63) == 63) {
      drain_all();
    }
  }
  drain_all();
  double start = seconds();
  for (int i = 0; i < calls; i++) {
    datagrams += send_once(fd, m, length, k, i);
    if ((i & 63) == 63) {
      drain_all();
    }
  }
  double elapsed = seconds() - start;
  drain_all();
  if (datagrams < (long) calls * k) {
    fprintf(stderr, "%s: only %ld of %ld datagrams sent\n", NAMES[m], datagrams, (long) calls * k);
  }
  printf("%-24s %5d bytes  k=%-3d %6.2f us per datagram  %6.2f us per call\n", NAMES[m], length, k,
      elapsed / datagrams * 1e6, elapsed / calls * 1e6);
}

int main(void) {
  open_receivers();
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  int big = 8 << 20;
  setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &big, sizeof big);
  int lengths[] = {1200, 200};
  for (int l = 0; l < 2; l++) {
    measure(fd, SENDTO, lengths[l], 1);
    measure(fd, SENDMMSG_ONE, lengths[l], 5);
    measure(fd, GSO, lengths[l], 5);
    measure(fd, GSO, lengths[l], 25);
    measure(fd, SENDMMSG_MANY, lengths[l], 16);
  }
  return 0;
}
