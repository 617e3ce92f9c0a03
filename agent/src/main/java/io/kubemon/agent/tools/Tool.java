package io.kubemon.agent.tools;

import java.io.PrintStream;

/** A sub-command of the agent jar, such as {@code certs} or {@code credentials}. */
public interface Tool {
  String name();

  /** One line for the agent's --help. */
  String summary();

  /** Runs the tool; returns the process exit code. */
  int run(String[] args, PrintStream out, PrintStream err);
}
