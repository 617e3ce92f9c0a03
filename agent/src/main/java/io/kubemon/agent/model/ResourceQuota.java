package io.kubemon.agent.model;

import java.util.List;
import java.util.Map;

/** {@code hard} and {@code used} from {@code .status}, raw quantities by resource key. */
public record ResourceQuota(
    ObjectMeta meta, Map<String, String> hard, Map<String, String> used, List<String> scopes) {}
