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

  private static final String[] DISKSTAT = {
    "container_fs_reads_total", "container_fs_reads_merged_total",
    "container_fs_sector_reads_total", "container_fs_read_seconds_total",
    "container_fs_writes_total", "container_fs_writes_merged_total",
    "container_fs_sector_writes_total", "container_fs_write_seconds_total",
    "container_fs_io_current", "container_fs_io_time_seconds_total",
    "container_fs_io_time_weighted_seconds_total"
  };

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
