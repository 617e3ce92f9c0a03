package io.kubemon.agent.section;

import io.kubemon.agent.source.prometheus.NodeOsQueries;
import io.kubemon.agent.usage.NodeOs;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes a node's operating-system counters into its piggyback host as Checkmk's own Linux agent
 * sections ({@code <<<kernel>>>}, {@code <<<mem>>>}, {@code <<<cpu>>>}, {@code <<<uptime>>>},
 * {@code <<<df>>>}, {@code <<<diskstat>>>}, {@code <<<lnx_if:sep(58)>>>}), so the site's built-in
 * checks create CPU utilization, Kernel performance, Memory, CPU load, Uptime, Filesystem, Disk IO
 * and Interface services. cpu and uptime come from node-exporter only; where it answers for the
 * node, its kernel and df sections replace cAdvisor's. docs/sections.md ("Node OS sections")
 * gives each format, the Checkmk parse function that reads it, and where each number comes from.
 * A section whose inputs are not exported is left out; a device, mount point or interface whose
 * name could break the whitespace- or colon-separated format is left out.
 */
public final class NodeOsSections {
  private NodeOsSections() {}

  static final String CORES = "machine_cpu_cores";
  static final String MEMORY_TOTAL = "machine_memory_bytes";
  static final String SWAP_TOTAL = "machine_swap_bytes";
  static final String USER = "container_cpu_user_seconds_total";
  static final String SYSTEM = "container_cpu_system_seconds_total";
  static final String MEMORY_USAGE = "container_memory_usage_bytes";
  static final String WORKING_SET = "container_memory_working_set_bytes";
  static final String CACHE = "container_memory_cache";
  static final String SWAP = "container_memory_swap";

  /** Linux's USER_HZ: /proc/stat counts CPU time in hundredths of a second. */
  private static final int USER_HZ = 100;

  /** Device and interface names that are one whitespace-free token without section markers. */
  private static final Pattern DEVICE =
      Pattern.compile("/?[A-Za-z0-9._@+-][A-Za-z0-9._@+/-]{0,199}");
  /** An absolute mount point without whitespace. */
  private static final Pattern MOUNT_POINT = Pattern.compile("/[A-Za-z0-9._@+/-]{0,200}");
  /** A filesystem type: one word that the df parser cannot take for a number. */
  private static final Pattern FS_TYPE = Pattern.compile("(?![0-9]+$)[A-Za-z0-9._+-]{1,64}");
  private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9._@+-]{1,64}");

  /** Seconds counters that /proc/diskstats holds in milliseconds. */
  private static final java.util.Set<String> MILLISECONDS =
      java.util.Set.of(
          "container_fs_read_seconds_total",
          "container_fs_write_seconds_total",
          "container_fs_io_time_seconds_total",
          "container_fs_io_time_weighted_seconds_total");

  private static final String[] RECEIVE = {
    "container_network_receive_bytes_total",
    "container_network_receive_packets_total",
    "container_network_receive_errors_total",
    "container_network_receive_packets_dropped_total"
  };
  private static final String[] TRANSMIT = {
    "container_network_transmit_bytes_total",
    "container_network_transmit_packets_total",
    "container_network_transmit_errors_total",
    "container_network_transmit_packets_dropped_total"
  };

  /** All sections of one node, each ending with a newline; "" when there is nothing to write. */
  public static String sections(NodeOs os) {
    StringBuilder b = new StringBuilder();
    if (!nodeExporterKernel(os.values(), os.cpus(), b)) {
      kernel(os.values(), b);
    }
    mem(os.values(), b);
    cpu(os.values(), os.cpus().size(), b);
    uptime(os.values(), os.cpus(), b);
    if (!nodeExporterDf(os.mounts(), b)) {
      df(os.devices(), b);
    }
    diskstat(os.values(), os.devices(), b);
    lnxIf(os.interfaces(), b);
    return b.toString();
  }

  /**
   * {@code /proc/stat}'s total {@code cpu} line after a timestamp line. cAdvisor has the root
   * cgroup's user and system time but no idle counter; idle is the node's CPU capacity since the
   * epoch ({@code cores × sample time}) minus both, so its increase between two checks is exactly
   * the capacity not used: Checkmk's CPU utilization only uses increases.
   */
  static void kernel(Map<String, Double> v, StringBuilder b) {
    Double time = v.get(NodeOs.SAMPLE_TIME);
    Double cores = v.get(CORES);
    Double user = v.get(USER);
    Double system = v.get(SYSTEM);
    if (time == null || cores == null || user == null || system == null || cores <= 0) {
      return;
    }
    long u = Math.round(user * USER_HZ);
    long s = Math.round(system * USER_HZ);
    long idle = Math.max(0, (long) Math.floor(cores * time * USER_HZ) - u - s);
    b.append("<<<kernel>>>\n")
        .append((long) Math.floor(time)).append('\n')
        .append("cpu ").append(u).append(" 0 ").append(s).append(' ').append(idle)
        .append(" 0 0 0 0 0 0\n");
  }

  /**
   * {@code /proc/meminfo} lines in kB. MemFree is what the root cgroup does not use (its usage
   * includes the page cache), MemAvailable what it does not hold in its working set. cAdvisor
   * counts buffers within the cache and has no dirty or writeback figure: Buffers, Dirty and
   * Writeback are 0 (Checkmk's Linux memory check needs the keys).
   */
  static void mem(Map<String, Double> v, StringBuilder b) {
    Double total = v.get(MEMORY_TOTAL);
    Double usage = v.get(MEMORY_USAGE);
    if (total == null || usage == null) {
      return;
    }
    double swapTotal = v.getOrDefault(SWAP_TOTAL, 0.0);
    double swapUsed = v.getOrDefault(SWAP, 0.0);
    double workingSet = v.getOrDefault(WORKING_SET, usage);
    b.append("<<<mem>>>\n");
    kb(b, "MemTotal", total);
    kb(b, "MemFree", total - usage);
    kb(b, "MemAvailable", total - workingSet);
    kb(b, "Buffers", 0);
    kb(b, "Cached", v.getOrDefault(CACHE, 0.0));
    kb(b, "SwapTotal", swapTotal);
    kb(b, "SwapFree", swapTotal - swapUsed);
    kb(b, "Dirty", 0);
    kb(b, "Writeback", 0);
  }

  private static void kb(StringBuilder b, String key, double bytes) {
    b.append(key).append(": ").append(Math.max(0, (long) Math.floor(bytes / 1024))).append(" kB\n");
  }

  /**
   * {@code df -PTlk} lines: device, type, size, used and available kB, use%, mount point. cAdvisor
   * names a block device's filesystem by its device ({@code /dev/sda1}) and a tmpfs by its mount
   * point ({@code /run}); it knows neither the block device's mount point nor its type, so both
   * columns hold the device and the type column is left out (the df parser allows that). A tmpfs
   * gets type {@code tmpfs}, which Checkmk's filesystem discovery skips by default; {@code /dev}
   * (devtmpfs, which the Linux agent leaves out) is left out.
   */
  static void df(Map<String, Map<String, Double>> devices, StringBuilder b) {
    StringBuilder blocks = new StringBuilder();
    StringBuilder inodes = new StringBuilder();
    for (Map.Entry<String, Map<String, Double>> e : devices.entrySet()) {
      String device = e.getKey();
      Map<String, Double> v = e.getValue();
      if (!DEVICE.matcher(device).matches() || device.equals("/dev")) {
        continue;
      }
      String type = blockDevice(device) ? "" : " tmpfs";
      Double limit = v.get("container_fs_limit_bytes");
      Double usage = v.get("container_fs_usage_bytes");
      if (limit != null && usage != null && limit >= 1024) {
        long size = (long) Math.floor(limit / 1024);
        long used = Math.min(size, (long) Math.ceil(usage / 1024));
        dfLine(blocks, device, type, size, used);
      }
      Double files = v.get("container_fs_inodes_total");
      Double free = v.get("container_fs_inodes_free");
      if (files != null && free != null && files >= 1) {
        long total = (long) Math.floor(files);
        dfLine(inodes, device, type, total, Math.max(0, total - (long) Math.floor(free)));
      }
    }
    if (blocks.isEmpty()) {
      return;
    }
    b.append("<<<df>>>\n").append(blocks);
    if (!inodes.isEmpty()) {
      b.append("[df_inodes_start]\n").append(inodes).append("[df_inodes_end]\n");
    }
  }

  private static void dfLine(StringBuilder b, String device, String type, long size, long used) {
    long percent = size == 0 ? 0 : (long) Math.ceil(used * 100.0 / size);
    b.append(device).append(type).append(' ').append(size).append(' ').append(used).append(' ')
        .append(size - used).append(' ').append(percent).append("% ").append(device).append('\n');
  }

  /** A filesystem cAdvisor names by its source device rather than by a tmpfs mount point. */
  static boolean blockDevice(String device) {
    return device.startsWith("/dev/") && !device.equals("/dev/shm")
        && !device.startsWith("/dev/shm/");
  }

  /**
   * A timestamp line, then {@code /proc/diskstats} lines with major and minor given as
   * {@code None} (cAdvisor has only the device name): reads, reads merged, sectors read, ms
   * reading, writes, writes merged, sectors written, ms writing, I/Os in progress, ms doing I/O,
   * weighted ms. Only block devices with all eleven counters.
   */
  static void diskstat(Map<String, Double> values, Map<String, Map<String, Double>> devices,
      StringBuilder b) {
    Double time = values.get(NodeOs.SAMPLE_TIME);
    if (time == null) {
      return;
    }
    StringBuilder lines = new StringBuilder();
    for (Map.Entry<String, Map<String, Double>> e : devices.entrySet()) {
      String device = e.getKey();
      if (!blockDevice(device) || !DEVICE.matcher(device).matches()) {
        continue;
      }
      Map<String, Double> v = e.getValue();
      StringBuilder line = new StringBuilder("None None ").append(device.substring(5));
      boolean complete = true;
      for (String metric : NodeOsQueries.DISKSTAT_METRICS) {
        Double x = v.get(metric);
        if (x == null) {
          complete = false;
          break;
        }
        line.append(' ').append(Math.round(MILLISECONDS.contains(metric) ? x * 1000 : x));
      }
      if (complete) {
        lines.append(line).append('\n');
      }
    }
    if (!lines.isEmpty()) {
      b.append("<<<diskstat>>>\n").append((long) Math.floor(time)).append('\n').append(lines);
    }
  }

  /**
   * {@code /proc/net/dev} lines, {@code name: } then 16 counters: received bytes, packets,
   * errors, dropped, fifo, frame, compressed, multicast, then sent bytes, packets, errors,
   * dropped, fifo, collisions, carrier, compressed. cAdvisor has the first four of each
   * direction; the others are 0. Interfaces without both byte counters are left out.
   */
  static void lnxIf(Map<String, Map<String, Double>> interfaces, StringBuilder b) {
    StringBuilder lines = new StringBuilder();
    for (Map.Entry<String, Map<String, Double>> e : interfaces.entrySet()) {
      Map<String, Double> v = e.getValue();
      if (!INTERFACE.matcher(e.getKey()).matches()
          || !v.containsKey(RECEIVE[0]) || !v.containsKey(TRANSMIT[0])) {
        continue;
      }
      lines.append(e.getKey()).append(':');
      counters(lines, v, RECEIVE);
      counters(lines, v, TRANSMIT);
      lines.append('\n');
    }
    if (!lines.isEmpty()) {
      b.append("<<<lnx_if:sep(58)>>>\n").append(lines);
    }
  }

  private static void counters(StringBuilder b, Map<String, Double> v, String[] metrics) {
    for (String m : metrics) {
      b.append(' ').append(Math.max(0, Math.round(v.getOrDefault(m, 0.0))));
    }
    b.append(" 0 0 0 0");
  }

  /**
   * node-exporter's kernel section: a timestamp line (node-exporter's clock), the {@code
   * /proc/vmstat} counters, the total {@code cpu} line and one {@code cpuN} line per CPU in
   * USER_HZ (user nice system idle iowait irq softirq steal guest guest_nice; node-exporter counts
   * guest time within user, as the kernel does, and has no separate guest columns here: 0), then
   * the {@code /proc/stat} counters {@code intr} (the total only), {@code ctxt}, {@code btime}
   * and {@code processes} (forks). Written when node-exporter has the clock
   * and the CPU times; false otherwise, so cAdvisor's kernel section stands in.
   */
  static boolean nodeExporterKernel(
      Map<String, Double> v, Map<Integer, Map<String, Double>> cpus, StringBuilder b) {
    Double time = v.get(NodeOsQueries.NODE_TIME);
    if (time == null || cpus.isEmpty()) {
      return false;
    }
    StringBuilder counters = new StringBuilder();
    StringBuilder stat = new StringBuilder();
    for (Map.Entry<String, String> c : NodeOsQueries.KERNEL_COUNTERS.entrySet()) {
      Double x = v.get(c.getKey());
      if (c.getValue().equals("processes")) {
        Double boot = v.get(NodeOsQueries.BOOT_TIME);
        if (boot != null && boot > 0) {
          stat.append("btime ").append((long) Math.floor(boot)).append('\n');
        }
      }
      if (x != null && x >= 0) {
        (c.getKey().startsWith("node_vmstat_") ? counters : stat)
            .append(c.getValue()).append(' ').append(Math.round(x)).append('\n');
      }
    }
    long[] total = new long[NodeOsQueries.CPU_MODES.size()];
    StringBuilder perCpu = new StringBuilder();
    for (Map.Entry<Integer, Map<String, Double>> c : cpus.entrySet()) {
      perCpu.append("cpu").append(c.getKey());
      for (int i = 0; i < total.length; i++) {
        long ticks = Math.max(0,
            Math.round(c.getValue().getOrDefault(NodeOsQueries.CPU_MODES.get(i), 0.0) * USER_HZ));
        total[i] += ticks;
        perCpu.append(' ').append(ticks);
      }
      perCpu.append(" 0 0\n");
    }
    b.append("<<<kernel>>>\n").append((long) Math.floor(time)).append('\n').append(counters)
        .append("cpu");
    for (long t : total) {
      b.append(' ').append(t);
    }
    b.append(" 0 0\n").append(perCpu).append(stat);
    return true;
  }

  /**
   * {@code /proc/loadavg} plus the number of CPUs: load1 load5 load15, running/total
   * scheduling entities (node_procs_running / node_processes_threads), the last PID (node-exporter
   * has none: 0) and the CPU count (node-exporter's CPUs). Left out unless all are there.
   */
  static void cpu(Map<String, Double> v, int cpus, StringBuilder b) {
    Double load1 = v.get(NodeOsQueries.LOAD1);
    Double load5 = v.get(NodeOsQueries.LOAD5);
    Double load15 = v.get(NodeOsQueries.LOAD15);
    Double running = v.get(NodeOsQueries.PROCS_RUNNING);
    Double threads = v.get(NodeOsQueries.THREADS);
    if (load1 == null || load5 == null || load15 == null || running == null || threads == null
        || cpus < 1 || Stream.of(load1, load5, load15, running, threads).anyMatch(x -> x < 0)) {
      return;
    }
    b.append("<<<cpu>>>\n")
        .append(String.format(Locale.ROOT, "%.2f %.2f %.2f %d/%d 0 %d", load1, load5, load15,
            Math.round(running), Math.round(threads), cpus))
        .append('\n');
  }

  /**
   * {@code /proc/uptime}: seconds since boot (node-exporter's clock minus its boot time) and the
   * CPUs' idle seconds summed, both with two decimals. Left out without both clocks.
   */
  static void uptime(
      Map<String, Double> v, Map<Integer, Map<String, Double>> cpus, StringBuilder b) {
    Double time = v.get(NodeOsQueries.NODE_TIME);
    Double boot = v.get(NodeOsQueries.BOOT_TIME);
    if (time == null || boot == null || boot <= 0 || time < boot) {
      return;
    }
    double idle = 0;
    for (Map<String, Double> modes : cpus.values()) {
      idle += Math.max(0, modes.getOrDefault("idle", 0.0));
    }
    b.append("<<<uptime>>>\n")
        .append(String.format(Locale.ROOT, "%.2f %.2f", time - boot, idle)).append('\n');
  }

  /**
   * node-exporter's filesystems as {@code df -PTlk} lines: device, type, size, used (size minus
   * free) and available kB (what non-root users may still write; the difference is the reserved
   * space the df check accounts for), use% as df computes it (used of used plus available,
   * rounded up), mount point; node-exporter's inode figures between the inode markers. Mount
   * points and devices with whitespace, and types that are not one word, are left out. Written
   * when node-exporter reports at least one filesystem; false otherwise, so cAdvisor's per-device
   * df section stands in.
   */
  static boolean nodeExporterDf(Map<String, NodeOs.Mount> mounts, StringBuilder b) {
    StringBuilder blocks = new StringBuilder();
    StringBuilder inodes = new StringBuilder();
    for (Map.Entry<String, NodeOs.Mount> e : mounts.entrySet()) {
      String mountPoint = e.getKey();
      NodeOs.Mount m = e.getValue();
      if (!MOUNT_POINT.matcher(mountPoint).matches() || !DEVICE.matcher(m.device()).matches()
          || !FS_TYPE.matcher(m.fsType()).matches()) {
        continue;
      }
      Map<String, Double> v = m.values();
      Double size = v.get(NodeOsQueries.FS_SIZE);
      Double avail = v.get(NodeOsQueries.FS_AVAIL);
      Double free = v.get(NodeOsQueries.FS_FREE);
      if (size != null && avail != null && free != null && size >= 1024) {
        long sizeKb = (long) Math.floor(size / 1024);
        long usedKb = Math.max(0, sizeKb - (long) Math.floor(free / 1024));
        long availKb = Math.min(sizeKb - usedKb, Math.max(0, (long) Math.floor(avail / 1024)));
        dfRow(blocks, m, mountPoint, sizeKb, usedKb, availKb);
      }
      Double files = v.get(NodeOsQueries.FS_FILES);
      Double filesFree = v.get(NodeOsQueries.FS_FILES_FREE);
      if (files != null && filesFree != null && files >= 1) {
        long total = (long) Math.floor(files);
        long left = Math.min(total, Math.max(0, (long) Math.floor(filesFree)));
        dfRow(inodes, m, mountPoint, total, total - left, left);
      }
    }
    if (blocks.isEmpty()) {
      return false;
    }
    b.append("<<<df>>>\n").append(blocks);
    if (!inodes.isEmpty()) {
      b.append("[df_inodes_start]\n").append(inodes).append("[df_inodes_end]\n");
    }
    return true;
  }

  private static void dfRow(
      StringBuilder b, NodeOs.Mount m, String mountPoint, long size, long used, long avail) {
    long percent = used + avail == 0 ? 0 : (long) Math.ceil(used * 100.0 / (used + avail));
    b.append(m.device()).append(' ').append(m.fsType()).append(' ').append(size).append(' ')
        .append(used).append(' ').append(avail).append(' ').append(percent).append("% ")
        .append(mountPoint).append('\n');
  }
}
