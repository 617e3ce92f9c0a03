package io.kubemon.it.backend;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * A cluster the end-to-end flow runs against; one backend each: {@link SimulatorBackend}, a real
 * control plane ({@code ControlPlaneBackend}), k3s where Docker exists ({@code K3sBackend}, test
 * scope for Testcontainers).
 */
public interface FlowCluster extends AutoCloseable {
  /** The name the agent gets as {@code --cluster-name}; part of every piggyback host. */
  String name();

  URI apiServer();

  /** An admin kubeconfig, as {@code credentials --kubeconfig} reads it. */
  Path kubeconfig();

  /** {@code kubectl apply --server-side -f}; returns once the objects are stored. */
  void apply(Path manifest) throws IOException;

  /** The {@code data} of a Secret, decoded, read with the admin credentials. */
  java.util.Map<String, String> secretData(String namespace, String name) throws IOException;

  @Override
  void close();
}
