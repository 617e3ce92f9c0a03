package io.kubemon.agent.cli;

/** Entry point of the special agent. */
public final class KubemonAgent {
  private KubemonAgent() {}

  public static void main(String[] args) {
    System.out.println("kubemon agent skeleton");
  }
}
