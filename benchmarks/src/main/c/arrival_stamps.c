/*
 * JNI for org.rivulet.loadgen.sfu.ArrivalStamps: when the datagram a socket read last reached it,
 * by the kernel's clock. The load generator measures the server's added latency there, at the
 * subscriber's socket, and not after the synthetic peer's own receive work: a hundred subscribers
 * share one vCPU, so a keyframe's datagrams wait in their sockets for that CPU, which a real
 * subscriber's would not.
 *
 * SIOCGSTAMPNS returns the receive stamp (CLOCK_REALTIME) of the socket's last read datagram; the
 * first call on a socket turns stamping on and fails with ENOENT. On loopback the kernel stamps a
 * datagram when the sender's system call hands it to the receiving side (netif_rx).
 *
 * Built by benchmarks/run-sfu-benchmark.sh and ArrivalStampsTest:
 *   cc -O2 -shared -fPIC -I$JAVA_HOME/include -I$JAVA_HOME/include/linux \
 *      -o libarrivalstamps.so arrival_stamps.c
 */
#include <jni.h>
#include <linux/sockios.h>
#include <sys/ioctl.h>
#include <time.h>

#define NANOS 1000000000LL

/* The arrival as System.nanoTime (CLOCK_MONOTONIC), or -1 when the socket has no stamp. */
JNIEXPORT jlong JNICALL Java_org_rivulet_loadgen_sfu_ArrivalStamps_arrival(JNIEnv *env, jclass cls,
                                                                            jint fd) {
  struct timespec stamp, real, mono;
  if (ioctl(fd, SIOCGSTAMPNS, &stamp) != 0) {
    return -1;
  }
  clock_gettime(CLOCK_REALTIME, &real);
  clock_gettime(CLOCK_MONOTONIC, &mono);
  long long age = (real.tv_sec - stamp.tv_sec) * NANOS + (real.tv_nsec - stamp.tv_nsec);
  return mono.tv_sec * NANOS + mono.tv_nsec - age;
}
