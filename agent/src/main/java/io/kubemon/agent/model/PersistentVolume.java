package io.kubemon.agent.model;

/** {@code claim} is {@code namespace/name} of the bound claim, or null. */
public record PersistentVolume(
    String name,
    String phase,
    String capacity,
    String storageClass,
    String claim,
    String reclaimPolicy) {}
