package io.kubemon.it.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubemon.it.sim.cluster.GeneratedCluster;
import io.kubemon.it.sim.server.ApiClient;
import io.kubemon.it.sim.server.KubeSimulator;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Locale;

/**
 * How fast the simulator pages through a large generated cluster, and how little heap that takes.
 * {@code java -cp integration-tests/target/kubemon-demo.jar io.kubemon.it.bench.ListBenchmark 5000 30
 * 500} (nodes, pods per node, page size). Prints figures; asserts nothing.
 */
public final class ListBenchmark {
  private ListBenchmark() {}

  public static void main(String[] args) throws IOException {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    int podsPerNode = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int limit = args.length > 2 ? Integer.parseInt(args[2]) : 500;
    try (KubeSimulator simulator = KubeSimulator.start()) {
      GeneratedCluster cluster =
          GeneratedCluster.seed(
              simulator.store(), new GeneratedCluster.Spec(1, nodes, podsPerNode, Instant.now()));
      ApiClient client = new ApiClient(simulator.url(), simulator.caPem(), simulator.adminToken());
      long start = System.nanoTime();
      long bytes = 0;
      int items = 0;
      int pages = 0;
      String next = "";
      do {
        HttpResponse<String> page =
            client.get("/api/v1/pods?limit=" + limit + (next.isEmpty() ? "" : "&continue=" + next));
        bytes += page.body().length();
        JsonObject list = JsonParser.parseString(page.body()).getAsJsonObject();
        items += list.getAsJsonArray("items").size();
        JsonElement token = list.getAsJsonObject("metadata").get("continue");
        next = token == null ? "" : token.getAsString();
        pages++;
      } while (!next.isEmpty());
      double seconds = (System.nanoTime() - start) / 1e9;
      Runtime runtime = Runtime.getRuntime();
      System.gc();
      System.out.printf(
          Locale.ROOT,
          "pods listed: %d of %d in %d pages of %d, %.1f MB, %.2f s, %.0f pods/s, heap in use %.0f"
              + " MB%n",
          items,
          cluster.podCount(),
          pages,
          limit,
          bytes / 1e6,
          seconds,
          items / seconds,
          (runtime.totalMemory() - runtime.freeMemory()) / 1e6);
    }
  }
}
