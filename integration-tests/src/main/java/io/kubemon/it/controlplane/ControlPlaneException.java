package io.kubemon.it.controlplane;

/** The control plane could not be built or started; the message names the component and cause. */
public final class ControlPlaneException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ControlPlaneException(String message) {
    super(message);
  }

  public ControlPlaneException(String message, Throwable cause) {
    super(message, cause);
  }
}
