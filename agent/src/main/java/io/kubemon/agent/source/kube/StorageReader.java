package io.kubemon.agent.source.kube;

import com.google.gson.stream.JsonReader;
import io.kubemon.agent.model.ObjectMeta;
import io.kubemon.agent.model.PersistentVolume;
import io.kubemon.agent.model.PersistentVolumeClaim;
import io.kubemon.agent.model.ResourceQuota;
import io.kubemon.agent.model.StorageClass;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Streams PersistentVolumes, claims, StorageClasses and ResourceQuotas. */
final class StorageReader {
  private StorageReader() {}

  static final String DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";

  private static final class StorageFields {
    ObjectMeta meta;
    final Map<String, String> text = new HashMap<>();
    final Map<String, Map<String, String>> maps = new HashMap<>();
    List<String> list = List.of();
  }

  private static StorageFields read(JsonReader r, Predicate<String> keep) throws IOException {
    StorageFields f = new StorageFields();
    Fields.object(
        r,
        (name, in) -> {
          switch (name) {
            case "metadata" -> f.meta = MetaReader.meta(in, keep);
            case "spec", "status" -> Fields.object(in, (n, s) -> value(f, name + "." + n, s));
            case "provisioner" -> f.text.put(name, Fields.string(in));
            default -> {
              return false;
            }
          }
          return true;
        });
    return f;
  }

  private static boolean value(StorageFields f, String path, JsonReader in) throws IOException {
    switch (path) {
      case "spec.capacity", "spec.claimRef", "status.capacity", "status.hard", "status.used" ->
          f.maps.put(path, Fields.stringMap(in));
      case "spec.resources" ->
          Fields.object(
              in,
              (n, s) -> {
                if (!n.equals("requests")) {
                  return false;
                }
                f.maps.put("spec.requests", Fields.stringMap(s));
                return true;
              });
      case "spec.accessModes", "spec.scopes" -> f.list = Fields.strings(in);
      case "status.phase",
              "spec.storageClassName",
              "spec.persistentVolumeReclaimPolicy",
              "spec.volumeName" ->
          f.text.put(path, Fields.string(in));
      default -> {
        return false;
      }
    }
    return true;
  }

  private static Map<String, String> map(StorageFields f, String path) {
    return f.maps.getOrDefault(path, Map.of());
  }

  static PersistentVolume volume(JsonReader r, Predicate<String> keep) throws IOException {
    StorageFields f = read(r, keep);
    if (f.meta == null) {
      return null;
    }
    Map<String, String> claimRef = map(f, "spec.claimRef");
    String claim =
        claimRef.get("name") == null
            ? null
            : claimRef.get("namespace") + "/" + claimRef.get("name");
    return new PersistentVolume(
        f.meta.name(),
        f.text.get("status.phase"),
        map(f, "spec.capacity").get("storage"),
        f.text.get("spec.storageClassName"),
        claim,
        f.text.get("spec.persistentVolumeReclaimPolicy"));
  }

  static PersistentVolumeClaim claim(JsonReader r, Predicate<String> keep) throws IOException {
    StorageFields f = read(r, keep);
    if (f.meta == null) {
      return null;
    }
    return new PersistentVolumeClaim(
        f.meta,
        f.text.get("status.phase"),
        f.text.get("spec.volumeName"),
        f.text.get("spec.storageClassName"),
        f.list,
        map(f, "status.capacity").get("storage"),
        map(f, "spec.requests").get("storage"));
  }

  static StorageClass storageClass(JsonReader r, Predicate<String> keep) throws IOException {
    StorageFields f = read(r, keep);
    if (f.meta == null) {
      return null;
    }
    boolean isDefault = "true".equals(f.meta.annotations().get(DEFAULT_CLASS));
    return new StorageClass(f.meta.name(), f.text.get("provisioner"), isDefault);
  }

  static ResourceQuota quota(JsonReader r, Predicate<String> keep) throws IOException {
    StorageFields f = read(r, keep);
    if (f.meta == null) {
      return null;
    }
    return new ResourceQuota(f.meta, map(f, "status.hard"), map(f, "status.used"), f.list);
  }
}
