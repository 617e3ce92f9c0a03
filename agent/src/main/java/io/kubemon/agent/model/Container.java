package io.kubemon.agent.model;

import java.util.Map;

/**
 * A container's spec joined with its status (status fields null when the kubelet has not reported).
 * {@code restartPolicy} is set only on sidecar init containers ({@code Always}).
 */
public record Container(
    String name,
    String image,
    String imagePullPolicy,
    String restartPolicy,
    Map<String, String> requests,
    Map<String, String> limits,
    boolean ready,
    Boolean started,
    long restartCount,
    ContainerState state,
    ContainerState lastState) {}
