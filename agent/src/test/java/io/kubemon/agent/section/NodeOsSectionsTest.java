package io.kubemon.agent.section;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemon.agent.usage.NodeOs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The node OS sections against hand-written expected text that follows Checkmk's Linux agent
 * formats byte for byte (docs/sections.md, "Node OS sections"), and a structural reading of each
 * section the way Checkmk's parse function reads it.
 */
class NodeOsSectionsTest {

  /** A node with 4 cores, 16 GiB, one disk, a tmpfs, an overlay and two interfaces. */
  private static NodeOs node() {
    NodeOs os = new NodeOs();
    os.value(NodeOs.SAMPLE_TIME, 1_800_000_000.75);
    os.value("machine_cpu_cores", 4);
    os.value("machine_memory_bytes", 16L << 30);
    os.value("machine_swap_bytes", 2L << 30);
    os.value("container_cpu_user_seconds_total", 1234.567);
    os.value("container_cpu_system_seconds_total", 345.674);
    os.value("container_memory_usage_bytes", 6L << 30);
    os.value("container_memory_working_set_bytes", 4L << 30);
    os.value("container_memory_cache", 2L << 30);
    os.value("container_memory_swap", 512L << 20);
    disk(os, "/dev/sda1", 100L << 30, (25L << 30) + 1);
    os.device("/dev/sda1", "container_fs_inodes_total", 6_553_600);
    os.device("/dev/sda1", "container_fs_inodes_free", 6_000_000);
    os.device("/run", "container_fs_limit_bytes", 1L << 30);
    os.device("/run", "container_fs_usage_bytes", 12L << 20);
    os.device("/dev", "container_fs_limit_bytes", 64L << 20);
    os.device("/dev", "container_fs_usage_bytes", 0);
    // A device cAdvisor names after a read-only counter only (the whole disk): no diskstat line.
    os.device("/dev/sda", "container_fs_reads_total", 8);
    // A hostile label: whitespace and a section marker must never reach the output.
    os.device("/dev/x\n<<<<evil>>>>", "container_fs_limit_bytes", 1L << 30);
    os.device("/dev/x\n<<<<evil>>>>", "container_fs_usage_bytes", 0);
    net(os, "eth0", 1_000_000, 2000, 1, 2, 500_000, 1500, 3, 4);
    net(os, "lo", 40_000, 400, 0, 0, 40_000, 400, 0, 0);
    net(os, "bad:name", 1, 1, 0, 0, 1, 1, 0, 0);
    return os;
  }

  private static void disk(NodeOs os, String device, long limit, long usage) {
    os.device(device, "container_fs_limit_bytes", limit);
    os.device(device, "container_fs_usage_bytes", usage);
    double[] values = {1000, 10, 80_000, 12.5, 2000, 20, 160_000, 30.25, 1, 40.5, 50.75};
    for (int i = 0; i < values.length; i++) {
      os.device(device, DISKSTAT[i], values[i]);
    }
  }

  // Spelled out here on purpose: the writer reads NodeOsQueries.DISKSTAT_METRICS, and a change
  // of that list's order must fail this test.
  private static final String[] DISKSTAT = {
    "container_fs_reads_total", "container_fs_reads_merged_total",
    "container_fs_sector_reads_total", "container_fs_read_seconds_total",
    "container_fs_writes_total", "container_fs_writes_merged_total",
    "container_fs_sector_writes_total", "container_fs_write_seconds_total",
    "container_fs_io_current", "container_fs_io_time_seconds_total",
    "container_fs_io_time_weighted_seconds_total"
  };

  /**
   * {@link #node()} where node-exporter also runs: its clock and boot time, load, processes,
   * kernel counters, two CPUs and three filesystems, one of them with a hostile device label and
   * one with a space in its mount point.
   */
  static NodeOs nodeWithExporter() {
    NodeOs os = node();
    os.value("node_time_seconds", 1_800_000_000.75);
    os.value("node_boot_time_seconds", 1_799_900_000);
    os.value("node_load1", 1.5);
    os.value("node_load5", 0.75);
    os.value("node_load15", 0.3);
    os.value("node_procs_running", 3);
    os.value("node_processes_threads", 512);
    os.value("node_vmstat_pgmajfault", 4321);
    os.value("node_vmstat_pswpin", 5);
    os.value("node_vmstat_pswpout", 6);
    os.value("node_intr_total", 123_456_789);
    os.value("node_context_switches_total", 987_654_321);
    os.value("node_forks_total", 55_555);
    double[] cpu1 = {200, 0, 60, 8000.01, 3, 0, 2, 0.1};
    double[] cpu0 = {100.5, 1, 50.25, 9000, 2, 0.5, 1.5, 0};
    String[] modes = {"user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"};
    for (int i = 0; i < modes.length; i++) {
      os.cpu(1, modes[i], cpu1[i]);
      os.cpu(0, modes[i], cpu0[i]);
    }
    mount(os, "/", "/dev/sda1", "ext4", 100L << 30, 30L << 30, 25L << 30);
    os.mount("/", "/dev/sda1", "ext4", "node_filesystem_files", 6_553_600);
    os.mount("/", "/dev/sda1", "ext4", "node_filesystem_files_free", 6_000_000);
    mount(os, "/run", "tmpfs", "tmpfs", 1L << 30, (1L << 30) - (12L << 20),
        (1L << 30) - (12L << 20));
    mount(os, "/boot efi", "/dev/sda2", "vfat", 1L << 30, 1L << 29, 1L << 29);
    mount(os, "/mnt", "/dev/x\n<<<<evil>>>>", "ext4", 1L << 30, 1L << 29, 1L << 29);
    mount(os, "/data", "/dev/sdb", "1234", 1L << 30, 1L << 29, 1L << 29);
    return os;
  }

  private static void mount(
      NodeOs os, String mountPoint, String device, String type, long size, long free,
      long avail) {
    os.mount(mountPoint, device, type, "node_filesystem_size_bytes", size);
    os.mount(mountPoint, device, type, "node_filesystem_free_bytes", free);
    os.mount(mountPoint, device, type, "node_filesystem_avail_bytes", avail);
  }

  private static void net(NodeOs os, String name, double... v) {
    String[] m = {"receive_bytes", "receive_packets", "receive_errors", "receive_packets_dropped",
        "transmit_bytes", "transmit_packets", "transmit_errors", "transmit_packets_dropped"};
    for (int i = 0; i < m.length; i++) {
      os.networkInterface(name, "container_network_" + m[i] + "_total", v[i]);
    }
  }

  // Checkmk cmk/plugins/collection/agent_based/kernel.py parse_kernel: a timestamp line, then
  // /proc/stat lines; the "cpu" line is user nice system idle iowait irq softirq steal guest
  // guest_nice in USER_HZ. idle = 4 cores * 1800000000.75 s * 100 - 123457 - 34567.
  private static final String KERNEL =
      "<<<kernel>>>\n"
          + "1800000000\n"
          + "cpu 123457 0 34567 719999842276 0 0 0 0 0 0\n";

  // Checkmk cmk/plugins/collection/agent_based/mem.py parse_proc_meminfo_bytes: "Key: value kB";
  // the Linux memory check needs Buffers, Cached, Dirty, MemFree, MemTotal, SwapFree, SwapTotal,
  // Writeback (cmk/plugins/lib/memory.py is_linux_section).
  private static final String MEM =
      "<<<mem>>>\n"
          + "MemTotal: 16777216 kB\n"
          + "MemFree: 10485760 kB\n"
          + "MemAvailable: 12582912 kB\n"
          + "Buffers: 0 kB\n"
          + "Cached: 2097152 kB\n"
          + "SwapTotal: 2097152 kB\n"
          + "SwapFree: 1572864 kB\n"
          + "Dirty: 0 kB\n"
          + "Writeback: 0 kB\n";

  // Checkmk cmk/plugins/collection/agent_based/df_section.py parse_df: device [type] size used
  // avail (kB) use% mountpoint; a line whose 2nd column is a number has no type (_padded_line);
  // inodes between [df_inodes_start] and [df_inodes_end]. 25 GiB + 1 byte used rounds up.
  private static final String DF =
      "<<<df>>>\n"
          + "/dev/sda1 104857600 26214401 78643199 26% /dev/sda1\n"
          + "/run tmpfs 1048576 12288 1036288 2% /run\n"
          + "[df_inodes_start]\n"
          + "/dev/sda1 6553600 553600 6000000 9% /dev/sda1\n"
          + "[df_inodes_end]\n";

  // Checkmk cmk/plugins/collection/agent_based/diskstat.py parse_diskstat: a timestamp line,
  // then major minor name and the eleven /proc/diskstats counters (times in ms); major and minor
  // "None" are not looked up in the dmsetup names.
  private static final String DISKSTAT_TEXT =
      "<<<diskstat>>>\n"
          + "1800000000\n"
          + "None None sda1 1000 10 80000 12500 2000 20 160000 30250 1 40500 50750\n";

  // Checkmk cmk/plugins/collection/agent_based/lnx_if.py parse_lnx_if: with sep(58) each line is
  // name and the 16 /proc/net/dev counters (rx bytes packets errs drop fifo frame compressed
  // multicast, tx bytes packets errs drop fifo colls carrier compressed).
  private static final String LNX_IF =
      "<<<lnx_if:sep(58)>>>\n"
          + "eth0: 1000000 2000 1 2 0 0 0 0 500000 1500 3 4 0 0 0 0\n"
          + "lo: 40000 400 0 0 0 0 0 0 40000 400 0 0 0 0 0 0\n";

  // kernel.py parse_kernel with node-exporter's figures: /proc/vmstat lines, then the cpu line
  // (the sum of the per-CPU lines), one cpuN line per CPU, and /proc/stat's counters;
  // Kernel Performance reads pgmajfault, pswpin, pswpout, ctxt and processes.
  private static final String KERNEL_EXPORTER =
      "<<<kernel>>>\n"
          + "1800000000\n"
          + "pgmajfault 4321\n"
          + "pswpin 5\n"
          + "pswpout 6\n"
          + "cpu 30050 100 11025 1700001 500 50 350 10 0 0\n"
          + "cpu0 10050 100 5025 900000 200 50 150 0 0 0\n"
          + "cpu1 20000 0 6000 800001 300 0 200 10 0 0\n"
          + "intr 123456789\n"
          + "ctxt 987654321\n"
          + "btime 1799900000\n"
          + "processes 55555\n";

  // Checkmk cmk/plugins/collection/agent_based/cpu.py parse_cpu: /proc/loadavg (load1 load5
  // load15 running/threads last-pid) and the CPU count as 6th field.
  private static final String CPU = "<<<cpu>>>\n1.50 0.75 0.30 3/512 0 2\n";

  // Checkmk cmk/plugins/collection/agent_based/uptime.py parse_uptime: /proc/uptime, seconds
  // since boot (the first field is all it reads), then idle seconds of all CPUs.
  private static final String UPTIME = "<<<uptime>>>\n100000.75 17000.01\n";

  // df_section.py parse_df with a type column: used = size - free, avail as non-root sees it,
  // use% = used / (used + avail) rounded up; "/boot efi" (a space), the hostile device and the
  // numeric type are left out.
  private static final String DF_EXPORTER =
      "<<<df>>>\n"
          + "/dev/sda1 ext4 104857600 73400320 26214400 74% /\n"
          + "tmpfs tmpfs 1048576 12288 1036288 2% /run\n"
          + "[df_inodes_start]\n"
          + "/dev/sda1 ext4 6553600 553600 6000000 9% /\n"
          + "[df_inodes_end]\n";

  @Test
  void nodeExporterAddsCpuAndUptimeAndReplacesKernelAndDf() {
    assertEquals(KERNEL_EXPORTER + MEM + CPU + UPTIME + DF_EXPORTER + DISKSTAT_TEXT + LNX_IF,
        NodeOsSections.sections(nodeWithExporter()));
  }

  /** docs/sections.md's node-exporter example is the writer's output for the same node. */
  @Test
  void theContractsNodeExporterExampleIsTheWritersOutput() throws Exception {
    String doc = Files.readString(
        Path.of(System.getProperty("kubemon.root", ".."), "docs", "sections.md"));
    int heading = doc.indexOf("\n### With node-exporter\n");
    assertTrue(heading > 0, "docs/sections.md has no \"### With node-exporter\"");
    int start = doc.indexOf("```text\n", heading) + 8;
    String example = doc.substring(start, doc.indexOf("```", start));
    assertEquals(example, NodeOsSections.sections(nodeWithExporter()));
  }

  @Test
  void partialNodeExporterFiguresFallBackSectionBySection() {
    NodeOs os = node();
    // Load without the thread count: no cpu section; a boot time without the clock: no uptime.
    os.value("node_load1", 1);
    os.value("node_load5", 1);
    os.value("node_load15", 1);
    os.value("node_procs_running", 1);
    os.value("node_boot_time_seconds", 1);
    os.cpu(0, "idle", 10);
    // Mount points without size: cAdvisor's df stays.
    os.mount("/", "/dev/sda1", "ext4", "node_filesystem_files", 10);
    assertEquals(KERNEL + MEM + DF + DISKSTAT_TEXT + LNX_IF, NodeOsSections.sections(os));
    // The clock without CPU times: uptime, but cAdvisor's kernel section stays, and without a
    // CPU count no cpu section.
    os.cpus().clear();
    os.value("node_time_seconds", 101.5);
    os.value("node_processes_threads", 7);
    assertEquals(KERNEL + MEM + "<<<uptime>>>\n100.50 0.00\n" + DF + DISKSTAT_TEXT + LNX_IF,
        NodeOsSections.sections(os));
  }

  @Test
  void theNodeExporterSectionsReadAsCheckmkParsesThem() {
    Map<String, List<String>> sections = split(NodeOsSections.sections(nodeWithExporter()));
    assertEquals(List.of("kernel", "mem", "cpu", "uptime", "df", "diskstat", "lnx_if:sep(58)"),
        List.copyOf(sections.keySet()));
    // cpu: len >= 6, three floats, running/threads, the CPU count equals the cpuN lines.
    String[] cpu = sections.get("cpu").get(0).split(" ");
    assertEquals(6, cpu.length);
    for (int i = 0; i < 3; i++) {
      Double.parseDouble(cpu[i]);
    }
    assertEquals(512, Long.parseLong(cpu[3].split("/")[1]));
    long cpuLines = sections.get("kernel").stream().filter(l -> l.matches("cpu[0-9]+ .*"))
        .count();
    assertEquals(cpuLines, Long.parseLong(cpu[5]));
    // kernel: each Kernel Performance counter once, every cpu line with ten integers, and the
    // total line the column sums of the per-CPU lines.
    long[] sum = new long[10];
    long[] total = null;
    for (String line : sections.get("kernel").subList(1, sections.get("kernel").size())) {
      String[] f = line.split(" ");
      if (f[0].startsWith("cpu")) {
        assertEquals(11, f.length, line);
        long[] values = new long[10];
        for (int i = 0; i < 10; i++) {
          values[i] = Long.parseLong(f[i + 1]);
        }
        if (f[0].equals("cpu")) {
          total = values;
        } else {
          for (int i = 0; i < 10; i++) {
            sum[i] += values[i];
          }
        }
      } else {
        assertEquals(2, f.length, line);
        Long.parseLong(f[1]);
      }
    }
    assertEquals(java.util.Arrays.toString(sum), java.util.Arrays.toString(total));
    for (String key : List.of("pgmajfault", "pswpin", "pswpout", "ctxt", "processes")) {
      assertEquals(1, sections.get("kernel").stream().filter(l -> l.startsWith(key + " "))
          .count(), key);
    }
    // uptime: the first field a float.
    Double.parseDouble(sections.get("uptime").get(0).split(" ")[0]);
    // df: a type column on every row; inode rows name a mount point of a block row.
    Set<String> mountPoints = new java.util.HashSet<>();
    boolean inodes = false;
    for (String line : sections.get("df")) {
      if (line.startsWith("[df_inodes_")) {
        inodes = line.equals("[df_inodes_start]");
        continue;
      }
      String[] f = line.split(" ");
      assertEquals(7, f.length, line);
      assertTrue(!f[1].matches("[0-9]+"), line);
      assertTrue(Long.parseLong(f[2]) >= Long.parseLong(f[3]) + Long.parseLong(f[4]), line);
      if (inodes) {
        assertTrue(mountPoints.contains(f[6]), line);
      } else {
        mountPoints.add(f[6]);
      }
    }
  }

  @Test
  void theSectionsAreTheLinuxAgentFormats() {
    assertEquals(KERNEL + MEM + DF + DISKSTAT_TEXT + LNX_IF, NodeOsSections.sections(node()));
  }

  /** docs/sections.md shows exactly what the writer makes of {@link #node()}. */
  @Test
  void theContractsExampleIsTheWritersOutput() throws Exception {
    String doc = Files.readString(
        Path.of(System.getProperty("kubemon.root", ".."), "docs", "sections.md"));
    int heading = doc.indexOf("\n## Node OS sections\n");
    assertTrue(heading > 0, "docs/sections.md has no \"## Node OS sections\"");
    int start = doc.indexOf("```text\n", heading) + 8;
    String example = doc.substring(start, doc.indexOf("```", start));
    assertEquals(example, NodeOsSections.sections(node()));
  }

  @Test
  void eachSectionReadsAsCheckmkParsesIt() {
    Map<String, List<String>> sections = split(NodeOsSections.sections(node()));
    assertEquals(List.of("kernel", "mem", "df", "diskstat", "lnx_if:sep(58)"),
        List.copyOf(sections.keySet()));
    // kernel: an integer timestamp, then "cpu" and ten integers.
    List<String> kernel = sections.get("kernel");
    Long.parseLong(kernel.get(0));
    String[] cpu = kernel.get(1).split(" ");
    assertEquals("cpu", cpu[0]);
    assertEquals(11, cpu.length);
    for (int i = 1; i < cpu.length; i++) {
      assertTrue(Long.parseLong(cpu[i]) >= 0);
    }
    // mem: every key the Linux memory check requires, values integers in kB.
    Map<String, Long> mem = new LinkedHashMap<>();
    for (String line : sections.get("mem")) {
      String[] f = line.split(" ");
      assertEquals(3, f.length, line);
      assertTrue(f[0].endsWith(":") && f[2].equals("kB"), line);
      mem.put(f[0].substring(0, f[0].length() - 1), Long.parseLong(f[1]));
    }
    assertTrue(mem.keySet().containsAll(Set.of("Buffers", "Cached", "Dirty", "MemFree",
        "MemTotal", "SwapFree", "SwapTotal", "Writeback")), mem.toString());
    assertTrue(mem.get("MemFree") <= mem.get("MemTotal"));
    // df: 6 or 7 columns, size = used + avail, the inode part framed.
    boolean inodes = false;
    for (String line : sections.get("df")) {
      if (line.equals("[df_inodes_start]") || line.equals("[df_inodes_end]")) {
        inodes = line.equals("[df_inodes_start]");
        continue;
      }
      List<String> f = padded(line.split(" "));
      assertEquals(7, f.size(), line);
      assertEquals(Long.parseLong(f.get(2)), Long.parseLong(f.get(3)) + Long.parseLong(f.get(4)),
          line);
      assertTrue(f.get(5).endsWith("%"), line);
    }
    assertTrue(!inodes, "inodes not closed");
    // diskstat: timestamp, then 14 fields.
    List<String> disk = sections.get("diskstat");
    Long.parseLong(disk.get(0));
    for (String line : disk.subList(1, disk.size())) {
      String[] f = line.split(" ");
      assertEquals(14, f.length, line);
      for (int i = 3; i < 14; i++) {
        Long.parseLong(f[i]);
      }
    }
    // lnx_if: split at ':' into the name and at least 16 counters.
    for (String line : sections.get("lnx_if:sep(58)")) {
      String[] f = line.split(":");
      assertEquals(2, f.length, line);
      assertEquals(16, f[1].strip().split("\\s+").length, line);
    }
  }

  @Test
  void aNodeWithoutCadvisorFiguresGetsNoSection() {
    assertEquals("", NodeOsSections.sections(new NodeOs()));
    NodeOs cpuOnly = new NodeOs();
    cpuOnly.value("container_cpu_user_seconds_total", 1);
    cpuOnly.value("container_cpu_system_seconds_total", 1);
    cpuOnly.value("machine_cpu_cores", 2);
    assertEquals("", NodeOsSections.sections(cpuOnly), "no sample time, no kernel section");
  }

  /** As df_section._padded_line: a missing type column becomes an empty one. */
  private static List<String> padded(String[] f) {
    List<String> l = new ArrayList<>(List.of(f));
    try {
      Long.parseLong(l.get(1));
      l.add(1, "");
    } catch (NumberFormatException e) {
      // the type is there
    }
    return l;
  }

  private static Map<String, List<String>> split(String text) {
    Map<String, List<String>> sections = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : text.split("\n")) {
      assertTrue(!line.startsWith("<<<<"), "a piggyback marker inside the sections: " + line);
      if (line.startsWith("<<<") && line.endsWith(">>>")) {
        current = new ArrayList<>();
        sections.put(line.substring(3, line.length() - 3), current);
      } else {
        assertTrue(current != null, "a line before the first section: " + line);
        current.add(line);
      }
    }
    return sections;
  }
}
