package io.kubemon.agent.source.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemon.agent.http.JsonSource;
import io.kubemon.agent.http.SourceException;
import io.kubemon.agent.http.TextResponse;
import io.kubemon.agent.source.RequestCatalogue;
import io.kubemon.agent.status.SourceLog;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class KubeCollectorTest {

  private static KubeOptions options(List<Pattern> include, List<Pattern> exclude) {
    return new KubeOptions(
        "c",
        "c",
        "https://c:6443",
        KubeOptions.ALL_OBJECTS,
        include,
        exclude,
        null,
        Set.of(),
        Clock.systemUTC());
  }

  /**
   * Every list answers empty; the first two requests only return once both are in flight, so a
   * serial reader would fail on the barrier's timeout rather than pass.
   */
  private static final class Concurrent implements JsonSource {
    final CyclicBarrier firstTwo = new CyclicBarrier(2);
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();

    @Override
    public <T> T getJson(String pathAndQuery, BodyReader<T> reader) throws SourceException {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        if (started.incrementAndGet() <= 2) {
          firstTwo.await(10, TimeUnit.SECONDS);
        }
        String body =
            pathAndQuery.equals("/version") ? "{\"gitVersion\":\"v1.33.0\"}" : "{\"items\":[]}";
        return new PagedApi().body("/x", body).getJson("/x", reader);
      } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
        throw new SourceException("GET " + pathAndQuery, null, "not concurrent: " + e, null, null);
      } finally {
        inFlight.decrementAndGet();
      }
    }

    @Override
    public TextResponse getText(String pathAndQuery, int maxBodyChars) {
      return new TextResponse(200, "ok");
    }
  }

  @Test
  void listsRunConcurrentlyOnABoundedPool() {
    Concurrent api = new Concurrent();
    SourceLog log = new SourceLog();
    KubeCollector.collect(api, options(List.of(), List.of()), log);
    assertTrue(api.maxInFlight.get() >= 2, "max in flight " + api.maxInFlight.get());
    assertTrue(
        api.maxInFlight.get() <= KubeCollector.POOL_SIZE, "max in flight " + api.maxInFlight.get());
    assertEquals(List.of(), log.entries().stream().filter(e -> !e.state().equals("ok")).toList());
  }

  @Test
  void everyKubernetesCatalogueRequestIsOneSource() {
    SourceLog log = new SourceLog();
    KubeCollector.collect(new Concurrent(), options(List.of(), List.of()), log);
    assertEquals(
        RequestCatalogue.all().stream()
            .map(RequestCatalogue.Entry::source)
            .filter(source -> source.startsWith("kube/"))
            .sorted()
            .toList(),
        log.entries().stream().map(SourceLog.Entry::source).sorted().toList());
  }

  @Test
  void namespaceIncludeAndExcludeAreInfixPatterns() {
    var filter =
        KubeCollector.namespaceFilter(
            options(
                List.of(Pattern.compile("prod"), Pattern.compile("^shop$")),
                List.of(Pattern.compile("-canary"))));
    assertTrue(filter.test("team-prod-eu"));
    assertTrue(filter.test("shop"));
    assertTrue(!filter.test("shop2"));
    assertTrue(!filter.test("prod-canary"));
    assertTrue(!filter.test("default"));
  }
}
