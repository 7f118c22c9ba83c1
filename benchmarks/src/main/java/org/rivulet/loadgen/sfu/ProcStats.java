package org.rivulet.loadgen.sfu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Readings from Linux's /proc: a process's CPU time and the UDP stack's drop counters. */
final class ProcStats {
  private static final double TICKS_PER_SECOND = ticksPerSecond();

  private ProcStats() {
  }

  /** User + system CPU time of process {@code pid} so far, in seconds. */
  static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    // Fields after the command name, which is in parentheses and may hold spaces.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long utime = Long.parseLong(f[11]);
    long stime = Long.parseLong(f[12]);
    return (utime + stime) / TICKS_PER_SECOND;
  }

  /** UDP datagrams dropped so far because a socket's receive or send buffer was full (v4 + v6). */
  record UdpDrops(long receive, long send) {
    UdpDrops minus(UdpDrops earlier) {
      return new UdpDrops(receive - earlier.receive, send - earlier.send);
    }
  }

  /** In this network namespace: with the benchmark's private one, only the benchmark's sockets. */
  static UdpDrops udpDrops() throws IOException {
    long receive = 0;
    long send = 0;
    List<String> snmp = Files.readAllLines(Path.of("/proc/net/snmp"));
    for (int i = 0; i + 1 < snmp.size(); i++) {
      if (snmp.get(i).startsWith("Udp: ") && snmp.get(i + 1).startsWith("Udp: ")) {
        List<String> names = List.of(snmp.get(i).split("\\s+"));
        String[] values = snmp.get(i + 1).split("\\s+");
        receive += Long.parseLong(values[names.indexOf("RcvbufErrors")]);
        send += Long.parseLong(values[names.indexOf("SndbufErrors")]);
        break;
      }
    }
    Path snmp6 = Path.of("/proc/net/snmp6");
    if (Files.exists(snmp6)) {
      for (String line : Files.readAllLines(snmp6)) {
        String[] kv = line.trim().split("\\s+");
        if (kv[0].equals("Udp6RcvbufErrors")) {
          receive += Long.parseLong(kv[1]);
        } else if (kv[0].equals("Udp6SndbufErrors")) {
          send += Long.parseLong(kv[1]);
        }
      }
    }
    return new UdpDrops(receive, send);
  }

  /** USER_HZ: 100 on every Linux build that matters, asked of getconf to be sure. */
  private static double ticksPerSecond() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      return p.waitFor() == 0 ? Double.parseDouble(out) : 100;
    } catch (IOException | NumberFormatException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
