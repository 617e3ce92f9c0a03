package io.kubemon.agent.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsToolTest {
  private static final String ADMIN_TOKEN = "admin-token-do-not-print";
  private static final String SA_TOKEN = "eyJhbGciOiJSUzI1NiJ9.check-mk.signature";
  private static final String SECRET_PATH = "/api/v1/namespaces/check-mk/secrets/check-mk-token";

  @TempDir Path dir;
  private CertificateAuthority ca;
  private HttpsServer server;
  private int status = 200;
  private String body;
  private final List<String> requests = new ArrayList<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void startApiServer() throws Exception {
    ca = CertificateAuthority.create("test cluster CA", Instant.now());
    server = TestTls.server(ca, this::answer);
    body = secretJson(SA_TOKEN, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
    boolean allowed = ("Bearer " + ADMIN_TOKEN).equals(auth);
    byte[] bytes = (allowed ? body : "{\"kind\":\"Status\"}").getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(allowed ? status : 401, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Test
  void printsTheTokenOnItsOwnLineAndTheCaAsPem() throws Exception {
    assertEquals(0, run(kubeconfig(ca)), err.toString());
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(List.of("GET " + SECRET_PATH), requests);
    int label = indexStartingWith(lines, "Token");
    assertEquals(SA_TOKEN, lines.get(label + 1));
    int caLabel = indexStartingWith(lines, "CA certificate");
    assertEquals("-----BEGIN CERTIFICATE-----", lines.get(caLabel + 1));
    assertFalse(out.toString().contains(ADMIN_TOKEN));
    assertEquals("", err.toString());
  }

  /** k3s' k3s.yaml: a client certificate with a SEC1 ("EC PRIVATE KEY") key, no token. */
  @Test
  void authenticatesWithAK3sStyleClientCertificate() throws Exception {
    server.stop(0);
    CertificateAuthority clientCa = CertificateAuthority.create("k3s-client-ca", Instant.now());
    server = TestTls.server(ca, this::answerClient, clientCa);
    CertificateAuthority.Issued admin =
        clientCa.issueClient("system:admin", Instant.now(), java.time.Duration.ofDays(1));
    StringWriter sec1 = new StringWriter();
    try (PemWriter writer = new PemWriter(sec1)) {
      writer.writeObject(new PemObject("EC PRIVATE KEY", sec1Der(admin)));
    }
    assertTrue(sec1.toString().startsWith("-----BEGIN EC PRIVATE KEY-----"), sec1.toString());
    Base64.Encoder b64 = Base64.getEncoder();
    Path config = kubeconfig(ca);
    Files.writeString(
        config,
        Files.readString(config)
            .replace(
                "    token: " + ADMIN_TOKEN,
                "    client-certificate-data: "
                    + b64.encodeToString(
                        Pem.certificate(admin.certificate()).getBytes(StandardCharsets.US_ASCII))
                    + "\n    client-key-data: "
                    + b64.encodeToString(sec1.toString().getBytes(StandardCharsets.US_ASCII))));
    assertEquals(0, run(config), err.toString());
    assertTrue(out.toString().lines().anyMatch(SA_TOKEN::equals), out.toString());
  }

  /**
   * RFC 5915 as Go's x509.MarshalECPrivateKey and OpenSSL write it: curve and public key included.
   */
  private static byte[] sec1Der(CertificateAuthority.Issued issued) throws IOException {
    PrivateKeyInfo info = PrivateKeyInfo.getInstance(issued.key().getEncoded());
    ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
    SubjectPublicKeyInfo pub =
        SubjectPublicKeyInfo.getInstance(issued.certificate().getPublicKey().getEncoded());
    return new ECPrivateKey(
            256,
            inner.getKey(),
            pub.getPublicKeyData(),
            info.getPrivateKeyAlgorithm().getParameters())
        .getEncoded();
  }

  private void answerClient(HttpExchange exchange) throws IOException {
    requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Test
  void anEmptyTokenSaysToWait() throws Exception {
    body = "{\"kind\":\"Secret\",\"data\":{}}";
    assertEquals(2, run(kubeconfig(ca)));
    assertEquals(
        "credentials: the token controller has not filled check-mk-token yet; wait a few seconds"
            + " and retry\n",
        err.toString());
  }

  @Test
  void aMissingSecretPointsToTheRbacManifest() throws Exception {
    status = 404;
    assertEquals(2, run(kubeconfig(ca)));
    assertTrue(err.toString().contains("apply manifests/check_mk_rbac.yaml first"), err.toString());
  }

  @Test
  void anUntrustedServerIsRefusedBeforeTheTokenIsSent() throws Exception {
    CertificateAuthority other = CertificateAuthority.create("someone else", Instant.now());
    assertEquals(2, run(kubeconfig(other)));
    assertTrue(requests.isEmpty(), "the request reached the server: " + requests);
    assertTrue(err.toString().startsWith("credentials: TLS to https://127.0.0.1:"), err.toString());
    assertEquals(1, err.toString().lines().count());
  }

  @Test
  void insecureSkipVerifyIsRefused() throws Exception {
    Path config = kubeconfig(ca);
    Files.writeString(
        config,
        Files.readString(config)
            .replace("    server:", "    insecure-skip-tls-verify: true\n    server:"));
    assertEquals(2, run(config));
    assertTrue(err.toString().contains("insecure-skip-tls-verify"), err.toString());
    assertTrue(requests.isEmpty());
  }

  @Test
  void aUserWithoutCredentialsIsNamedWithTheKubectlCommands() throws Exception {
    Path config = kubeconfig(ca);
    Files.writeString(config, Files.readString(config)
        .replace("    token: " + ADMIN_TOKEN, "    auth-provider: {name: oidc}"));
    assertEquals(2, run(config));
    assertTrue(err.toString().contains("user admin in "), err.toString());
    assertTrue(err.toString().contains("kubectl -n check-mk get secret check-mk-token -o"
        + " jsonpath='{.data.token}' | base64 -d"), err.toString());
    assertEquals(1, err.toString().lines().count(), err.toString());
  }

  /**
   * EKS/GKE/AKS kubeconfigs: an exec plugin (here a script standing in for aws, gke-gcloud-auth-
   * plugin or kubelogin) prints an ExecCredential; it gets its args and env, stdin closed, and
   * KUBERNETES_EXEC_INFO as kubectl sets it, and refuses to answer otherwise.
   */
  @Test
  void anExecPluginsTokenIsUsedAsKubectlWould() throws Exception {
    Path plugin = script("exec-plugin",
        "[ \"$1\" = eks ] && [ \"$2\" = get-token ] || { echo \"bad args $*\" >&2; exit 3; }\n"
            + "[ \"$CLUSTER\" = prod ] || { echo 'no env' >&2; exit 4; }\n"
            + "case \"$KUBERNETES_EXEC_INFO\" in\n"
            + "  *'\"apiVersion\":\"client.authentication.k8s.io/v1beta1\"'*'\"interactive\":false'*) ;;\n"
            + "  *) echo \"exec info $KUBERNETES_EXEC_INFO\" >&2; exit 5;;\n"
            + "esac\n"
            + "cat > /dev/null\n"
            + "echo '{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"kind\":\"ExecCredential\","
            + "\"status\":{\"expirationTimestamp\":\"2030-01-01T00:00:00Z\",\"token\":\"" + ADMIN_TOKEN + "\"}}'\n");
    Path config = kubeconfig(ca);
    Files.writeString(config, Files.readString(config).replace("    token: " + ADMIN_TOKEN,
        "    exec:\n"
            + "      apiVersion: client.authentication.k8s.io/v1beta1\n"
            + "      command: " + plugin + "\n"
            + "      args: [eks, get-token]\n"
            + "      env: [{name: CLUSTER, value: prod}]\n"
            + "      interactiveMode: IfAvailable\n"));
    assertEquals(0, run(config), err.toString());
    assertEquals(List.of("GET " + SECRET_PATH), requests);
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(SA_TOKEN, lines.get(indexStartingWith(lines, "Token") + 1));
    assertFalse(out.toString().contains(ADMIN_TOKEN));
  }

  @Test
  void aFailingExecPluginGivesItsLastErrorLineAndTheKubectlCommands() throws Exception {
    Path plugin = script("expired-plugin",
        "echo '{\"status\":{\"token\":\"" + ADMIN_TOKEN + "\"}}'\n"
            + "echo 'starting' >&2\necho 'error: SSO session expired' >&2\nexit 1\n");
    Path config = kubeconfig(ca);
    Files.writeString(config, Files.readString(config).replace("    token: " + ADMIN_TOKEN,
        "    exec: {apiVersion: client.authentication.k8s.io/v1, command: " + plugin + "}"));
    assertEquals(2, run(config));
    assertTrue(err.toString().contains("exited with 1: error: SSO session expired; log in again,"
        + " or read them with kubectl:"), err.toString());
    assertFalse(err.toString().contains("starting"));
    assertTrue(requests.isEmpty());
  }

  @Test
  void anExecPluginWithoutACredentialIsNamed() throws Exception {
    Path plugin = script("empty-plugin", "echo '{\"kind\":\"ExecCredential\",\"status\":{}}'\n");
    Path config = kubeconfig(ca);
    Files.writeString(config, Files.readString(config).replace("    token: " + ADMIN_TOKEN,
        "    exec: {apiVersion: client.authentication.k8s.io/v1, command: " + plugin + "}"));
    assertEquals(2, run(config));
    assertTrue(err.toString().contains("gave neither a token nor a client certificate and key"),
        err.toString());
  }

  private Path script(String name, String body) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body);
    assertTrue(file.toFile().setExecutable(true, true));
    return file;
  }

  @Test
  void aMissingKubeconfigIsNamed() {
    assertEquals(2, run(dir.resolve("nope")));
    assertTrue(
        err.toString().startsWith("credentials: --kubeconfig: cannot read "), err.toString());
  }

  private int run(Path kubeconfig) {
    int code =
        new CredentialsTool()
            .run(
                new String[] {"--kubeconfig", kubeconfig.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    assertFalse(err.toString().contains(ADMIN_TOKEN), "admin token in stderr");
    assertFalse(err.toString().contains(SA_TOKEN), "service-account token in stderr");
    return code;
  }

  /** The shape kubectl and k3s write: block style, base64 CA data, a token user. */
  private Path kubeconfig(CertificateAuthority trusted) throws Exception {
    String caData =
        Base64.getEncoder()
            .encodeToString(
                Pem.certificate(trusted.certificate).getBytes(StandardCharsets.US_ASCII));
    String yaml =
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- cluster:",
            "    certificate-authority-data: " + caData,
            "    server: https://127.0.0.1:" + server.getAddress().getPort(),
            "  name: test",
            "contexts:",
            "- context:",
            "    cluster: test",
            "    user: admin",
            "  name: test",
            "current-context: test",
            "preferences: {}",
            "users:",
            "- name: admin",
            "  user:",
            "    token: " + ADMIN_TOKEN,
            "");
    Path file = dir.resolve("kubeconfig");
    Files.writeString(file, yaml);
    return file;
  }

  private static String secretJson(String token, String ca) {
    Base64.Encoder b64 = Base64.getEncoder();
    return "{\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"type\":\"kubernetes.io/service-account-token\","
               + "\"data\":{\"token\":\""
        + b64.encodeToString(token.getBytes(StandardCharsets.UTF_8))
        + "\",\"ca.crt\":\""
        + b64.encodeToString(ca.getBytes(StandardCharsets.UTF_8))
        + "\",\"namespace\":\"Y2hlY2stbWs=\"}}";
  }

  private static int indexStartingWith(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    throw new AssertionError("no line starting with " + prefix + " in " + lines);
  }
}
