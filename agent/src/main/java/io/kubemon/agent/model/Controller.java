package io.kubemon.agent.model;

/** One link of a pod's control chain, e.g. ReplicaSet then Deployment. */
public record Controller(String kind, String name) {}
