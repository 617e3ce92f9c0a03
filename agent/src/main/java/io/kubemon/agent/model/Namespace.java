package io.kubemon.agent.model;

public record Namespace(ObjectMeta meta, String phase) {}
