package io.kubemon.agent.section;

import io.kubemon.agent.output.SectionWriter;
import io.kubemon.agent.http.TextResponse;
import io.kubemon.agent.model.Condition;
import io.kubemon.agent.model.Node;
import io.kubemon.agent.quantity.Quantity;
import io.kubemon.agent.source.kube.KubeOptions;
import io.kubemon.agent.source.kube.KubeSnapshot;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The sections only the cluster host gets. */
final class ClusterSections {
  private ClusterSections() {}

  /** Minors this agent is tested against; others are reported as unsupported, not refused. */
  static final List<Integer> SUPPORTED_MINORS = List.of(29, 30, 31, 32, 33, 34, 35, 36);

  // kubectl reads major/minor from gitVersion: "v1.33.4+k3s1" → 1, 33.
  // Nine digits at most: a longer number is no version, and Integer.valueOf must not overflow.
  private static final Pattern GIT_VERSION = Pattern.compile("^v?(\\d{1,9})\\.(\\d{1,9})(?!\\d)");

  static void write(KubeSnapshot s, KubeOptions options, SectionWriter out) {
    if (s.version() != null) {
      out.section("kubemon_cluster_info_v1", info(s.version(), options));
    }
    if (s.live() != null || s.ready() != null) {
      out.section(
          "kubemon_cluster_api_v1",
          new Obj()
              .with("live", text(s.live()))
              .with("ready", text(s.ready()))
              .with("certificate", certificate(s.certificate())));
    }
    if (s.nodes() != null) {
      out.section(
          "kubemon_cluster_nodes_v1",
          new Obj().with("nodes", s.nodes().stream().map(ClusterSections::node).toList()));
    }
    if (s.volumes() != null && s.storageClasses() != null) {
      out.section("kubemon_cluster_storage_v1", storage(s));
    }
  }

  private static Obj info(KubeSnapshot.Version v, KubeOptions options) {
    Matcher m = GIT_VERSION.matcher(v.gitVersion() == null ? "" : v.gitVersion());
    Integer major = m.find() ? Integer.valueOf(m.group(1)) : null;
    Integer minor = major == null ? null : Integer.valueOf(m.group(2));
    return new Obj()
        .with("name", options.clusterName())
        .with("api_server", options.apiServer())
        .with("git_version", v.gitVersion())
        .with("major", major)
        .with("minor", minor)
        .with("platform", v.platform())
        .with("supported", Integer.valueOf(1).equals(major) && SUPPORTED_MINORS.contains(minor));
  }

  private static Obj text(TextResponse r) {
    return new Obj()
        .with("status_code", r == null ? null : r.statusCode())
        .with("body", r == null ? null : r.body());
  }

  private static Obj certificate(X509Certificate cert) {
    if (cert == null) {
      return null;
    }
    return new Obj()
        .with("subject", cert.getSubjectX500Principal().getName())
        .with("issuer", cert.getIssuerX500Principal().getName())
        .with("not_after", cert.getNotAfter().toInstant().getEpochSecond());
  }

  private static Obj node(Node n) {
    Condition ready = n.condition("Ready");
    Boolean isReady =
        ready == null || "Unknown".equals(ready.status()) ? null : "True".equals(ready.status());
    return new Obj()
        .with("name", n.meta().name())
        .with("roles", n.roles())
        .with("ready", isReady)
        .with("unschedulable", n.unschedulable());
  }

  private static Obj storage(KubeSnapshot s) {
    List<Obj> volumes =
        s.volumes().stream()
            .map(
                v ->
                    new Obj()
                        .with("name", v.name())
                        .with("phase", v.phase())
                        .with("capacity_bytes", Quantity.bytes(v.capacity()))
                        .with("storage_class", v.storageClass())
                        .with("claim", v.claim())
                        .with("reclaim_policy", v.reclaimPolicy()))
            .toList();
    List<Obj> classes =
        s.storageClasses().stream()
            .map(
                c ->
                    new Obj()
                        .with("name", c.name())
                        .with("provisioner", c.provisioner())
                        .with("default", c.isDefault()))
            .toList();
    return new Obj().with("volumes", volumes).with("storage_classes", classes);
  }
}
