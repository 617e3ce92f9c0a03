package io.kubemon.agent.model;

/** Read only to follow ownership from a pod to its Deployment. */
public record ReplicaSet(ObjectMeta meta) {}
