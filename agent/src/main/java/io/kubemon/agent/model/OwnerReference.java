package io.kubemon.agent.model;

public record OwnerReference(String kind, String name, boolean controller) {}
