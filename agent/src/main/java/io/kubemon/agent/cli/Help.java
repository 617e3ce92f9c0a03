package io.kubemon.agent.cli;

import com.beust.jcommander.JCommander;
import io.kubemon.agent.source.kubelet.KubeletSource;
import io.kubemon.agent.tools.Tool;
import io.kubemon.agent.tools.Tools;

/** The JCommander setup and the --help text. */
final class Help {
  private Help() {}

  static JCommander commandLine(AgentArgs args) {
    // No @file expansion: an argument such as a token or PEM must never be read as a file name.
    return JCommander.newBuilder()
        .addObject(args)
        .programName("agent_kubemon")
        .expandAtSign(false)
        .columnSize(100)
        .build();
  }

  static String text(JCommander commandLine) {
    StringBuilder text = new StringBuilder();
    text.append("agent_kubemon ").append(Version.AGENT)
        .append(": Checkmk special agent for Kubernetes; prints agent sections on stdout.\n\n");
    commandLine.getUsageFormatter().usage(text);
    text.append("\nSub-commands (agent_kubemon NAME --help):\n");
    if (Tools.all().isEmpty()) {
      text.append("  (none in this build)\n");
    }
    for (Tool tool : Tools.all()) {
      text.append(String.format("  %-12s %s%n", tool.name(), tool.summary()));
    }
    text.append("\nExit code: 0 whenever the agent ran (failed sources are reported in the section"
        + " kubemon_agent_status_v1);\n2 for a bad command line, an unreadable token or an"
        + " unreadable CA, with one line on stderr.\n"
        + "Failure texts are explained in docs/troubleshooting.md.\n"
        + "\n" + KubeletSource.WARNING + ".\n");
    return text.toString();
  }

  /** JCommander's messages may span lines; the agent prints one. */
  static String oneLine(String message) {
    return message == null ? "invalid command line" : message.replaceAll("\\s*\\R\\s*", " ");
  }
}
