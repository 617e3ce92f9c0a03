package io.kubemon.agent.model;

import java.util.List;

/** Quantities are raw strings: {@code capacity} from status, {@code requested} from spec. */
public record PersistentVolumeClaim(
    ObjectMeta meta,
    String phase,
    String volumeName,
    String storageClass,
    List<String> accessModes,
    String capacity,
    String requested) {}
