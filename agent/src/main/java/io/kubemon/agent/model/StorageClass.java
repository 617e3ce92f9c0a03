package io.kubemon.agent.model;

public record StorageClass(String name, String provisioner, boolean isDefault) {}
