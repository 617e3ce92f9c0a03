package io.kubemon.agent.tools;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParameterException;
import io.kubemon.agent.ConfigurationException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code certs}: the CA and serving certificates for Prometheus, prometheus-adapter and the opt-in
 * node-exporter's kube-rbac-proxy (manifests/node-exporter.yaml), written as manifests (see the header of manifests/custom-metrics.yaml for the order and for rotation).
 */
public final class CertsTool implements Tool {
  static final String PROMETHEUS = "prometheus";
  static final String ADAPTER = "prometheus-adapter";
  static final String PROMETHEUS_SECRET = "prometheus-tls";
  static final String ADAPTER_SECRET = "prometheus-adapter-tls";
  static final String NODE_EXPORTER = "node-exporter";
  static final String NODE_EXPORTER_SECRET = "node-exporter-tls";
  static final String CA_CONFIG_MAP = "kubemon-ca";

  static final class Options {
    @Parameter(
        names = "--out",
        required = true,
        description =
            "Directory for ca.crt, ca.key, tls-secrets.yaml and apiservice.yaml. An"
                + " existing ca.crt/ca.key there is reused, so the caBundle stays the same.")
    Path out;

    @Parameter(names = "--days", description = "Validity of the serving certificates in days.")
    int days = 365;

    @Parameter(names = "--namespace", description = "Namespace of Prometheus and the adapter.")
    String namespace = "check-mk";

    @Parameter(
        names = "--san",
        description =
            "Extra name or IP address for the Prometheus"
                + " certificate, e.g. a node address used with NodePort 30999. Repeatable.")
    List<String> extraNames = new ArrayList<>();

    @Parameter(
        names = {"-h", "--help"},
        help = true,
        description = "Show this help.")
    boolean help;
  }

  @Override
  public String name() {
    return "certs";
  }

  @Override
  public String summary() {
    return "write a CA and TLS serving certificates for Prometheus, prometheus-adapter and"
        + " node-exporter as Secret manifests, plus the APIService with its caBundle";
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) {
    Options options = new Options();
    JCommander commander = JCommander.newBuilder().addObject(options).programName("certs").build();
    try {
      commander.parse(args);
      if (options.help) {
        StringBuilder usage = new StringBuilder();
        commander.getUsageFormatter().usage(usage);
        out.print(usage);
        return 0;
      }
      write(options, Instant.now(), out);
      return 0;
    } catch (ParameterException e) {
      err.println("certs: " + e.getMessage() + " (see certs --help)");
    } catch (ConfigurationException e) {
      err.println("certs: " + e.getMessage());
    } catch (GeneralSecurityException e) {
      err.println("certs: cannot create the certificates: " + e.getMessage());
    }
    return 2;
  }

  static void write(Options options, Instant now, PrintStream out)
      throws ConfigurationException, GeneralSecurityException {
    if (options.days < 1 || options.days > 3650) {
      throw new ConfigurationException("--days must be between 1 and 3650, got " + options.days);
    }
    if (!options.namespace.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
      throw new ConfigurationException(
          "--namespace must be a Kubernetes namespace name, got \"" + options.namespace + "\"");
    }
    Path dir = options.out;
    CaFiles caFiles = new CaFiles(dir);
    boolean reused = caFiles.exists();
    CertificateAuthority ca =
        reused ? caFiles.load() : CertificateAuthority.create("kubemon CA", now);
    Duration validity = Duration.ofDays(options.days);
    if (now.plus(validity).isAfter(ca.certificate.getNotAfter().toInstant())) {
      throw new ConfigurationException(
          "--days "
              + options.days
              + " outlives the CA in "
              + caFiles.cert
              + " (valid until "
              + ca.certificate.getNotAfter().toInstant()
              + "); use fewer days or a new --out");
    }
    List<String> prometheusNames = serviceNames(PROMETHEUS, options.namespace);
    prometheusNames.addAll(options.extraNames);
    CertificateAuthority.Issued prometheus =
        ca.issueServer(PROMETHEUS, prometheusNames, now, validity);
    CertificateAuthority.Issued adapter =
        ca.issueServer(ADAPTER, serviceNames(ADAPTER, options.namespace), now, validity);
    // Prometheus scrapes node-exporter at node addresses and checks this name (the
    // ServiceMonitor's serverName), so the certificate needs no node IPs.
    CertificateAuthority.Issued nodeExporter =
        ca.issueServer(NODE_EXPORTER, serviceNames(NODE_EXPORTER, options.namespace), now,
            validity);
    String caPem = Pem.certificate(ca.certificate);
    String caBundle = Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII));
    try {
      Files.createDirectories(dir);
      if (!reused) {
        caFiles.save(ca);
      }
      // The serving private keys are in here: owner-only, as ca.key.
      writePrivate(
          dir.resolve("tls-secrets.yaml"),
          Manifests.tlsSecret(PROMETHEUS_SECRET, options.namespace, PROMETHEUS, prometheus)
              + "---\n"
              + Manifests.tlsSecret(ADAPTER_SECRET, options.namespace, ADAPTER, adapter)
              + "---\n"
              + Manifests.tlsSecret(
                  NODE_EXPORTER_SECRET, options.namespace, NODE_EXPORTER, nodeExporter)
              + "---\n"
              + Manifests.caConfigMap(CA_CONFIG_MAP, options.namespace, caPem));
      Files.writeString(
          dir.resolve("apiservice.yaml"),
          Manifests.apiService(ADAPTER, options.namespace, caBundle));
    } catch (IOException e) {
      throw new ConfigurationException(
          "--out: cannot write to "
              + dir
              + " ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ")");
    }
    out.println(
        "Wrote "
            + dir.resolve("tls-secrets.yaml")
            + " (Secrets "
            + PROMETHEUS_SECRET
            + ", "
            + ADAPTER_SECRET
            + ", "
            + NODE_EXPORTER_SECRET
            + ", ConfigMap "
            + CA_CONFIG_MAP
            + ") and "
            + dir.resolve("apiservice.yaml")
            + ".");
    out.println(
        (reused ? "Reused the CA " : "New CA ")
            + caFiles.cert
            + ", valid until "
            + ca.certificate.getNotAfter().toInstant()
            + "; keep "
            + caFiles.key
            + " private.");
    out.println(
        "Serving certificates valid until "
            + prometheus.certificate().getNotAfter().toInstant()
            + "; rerun with the same --out before then.");
    out.println("caBundle: " + caBundle);
  }

  /** The names a client inside the cluster may use for Service {@code name}. */
  static List<String> serviceNames(String name, String namespace) {
    String svc = name + "." + namespace + ".svc";
    return new ArrayList<>(List.of(name, name + "." + namespace, svc, svc + ".cluster.local"));
  }

  /** The CA's files in --out, kept for the next run so leaves renew under the same caBundle. */
  private static final class CaFiles {
    final Path cert;
    final Path key;

    CaFiles(Path dir) {
      this.cert = dir.resolve("ca.crt");
      this.key = dir.resolve("ca.key");
    }

    boolean exists() throws ConfigurationException {
      boolean hasCert = Files.exists(cert);
      if (hasCert != Files.exists(key)) {
        throw new ConfigurationException(
            "--out: "
                + (hasCert ? key : cert)
                + " is missing while "
                + (hasCert ? cert : key)
                + " exists; restore it, or use an empty --out for a new CA");
      }
      return hasCert;
    }

    CertificateAuthority load() throws ConfigurationException {
      try {
        return new CertificateAuthority(
            Pem.readCertificate(Files.readString(cert)),
            Pem.readEcPrivateKey(Files.readString(key)));
      } catch (IOException | GeneralSecurityException e) {
        throw new ConfigurationException(
            "--out: cannot reuse the CA in " + cert + " and " + key + ": " + e.getMessage());
      }
    }

    void save(CertificateAuthority ca) throws IOException, GeneralSecurityException {
      Files.writeString(cert, Pem.certificate(ca.certificate));
      writePrivate(key, Pem.privateKey(ca.key));
    }
  }

  /**
   * Writes a file that holds a private key: created anew with mode 0600 before a byte is written,
   * so an older, wider file in its place does not keep its mode.
   */
  static void writePrivate(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
    Files.writeString(file, text);
  }
}
