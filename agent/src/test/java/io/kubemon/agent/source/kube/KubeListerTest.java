package io.kubemon.agent.source.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemon.agent.http.Bounds;
import io.kubemon.agent.http.JsonSource;
import io.kubemon.agent.http.Limits;
import io.kubemon.agent.http.SourceException;
import io.kubemon.agent.http.TextResponse;
import io.kubemon.agent.model.Pod;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class KubeListerTest {
  private static final String PODS = "/api/v1/pods";

  private static String pod(String namespace, String name) {
    return "{\"kind\":\"Pod\",\"metadata\":{\"name\":\""
        + name
        + "\",\"namespace\":\""
        + namespace
        + "\",\"managedFields\":[{\"manager\":\"x\",\"fieldsV1\":{\"f:a\":{}}}]},"
        + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}],\"unknownSpec\":[1,2,{\"x\":null}]},"
        + "\"status\":{\"phase\":\"Running\"}}";
  }

  private static String page(String continueToken, String... items) {
    String meta = continueToken == null ? "{}" : "{\"continue\":\"" + continueToken + "\"}";
    return "{\"kind\":\"PodList\",\"metadata\":"
        + meta
        + ",\"items\":["
        + String.join(",", items)
        + "]}";
  }

  private static KubeLister<Pod> lister(PagedApi api, Predicate<String> namespaces) {
    return new KubeLister<>(
        api, PODS, r -> PodReader.pod(r, k -> true), p -> p.meta().namespace(), namespaces,
        KubeOptions.DEFAULT_PAGE_SIZE);
  }

  private static List<String> names(List<Pod> pods) {
    return pods.stream().map(p -> p.meta().name()).toList();
  }

  private static KubeLister<Pod> bounded(PagedApi api, int maxObjects, int maxPages) {
    return new KubeLister<>(
        api, PODS, r -> PodReader.pod(r, k -> true), p -> p.meta().namespace(), ns -> true,
        KubeOptions.DEFAULT_PAGE_SIZE, new Limits(maxObjects, maxPages, 1 << 20, 100, 1 << 20));
  }

  /** The review's server answered the same continue token 1,510 times; now the second ends it. */
  @Test
  void aRepeatedContinueTokenEndsTheListAtOnce() {
    PagedApi api = new PagedApi().body(PODS, page("same", pod("a", "p1")));
    KubeLister<Pod> lister = lister(api, ns -> true);
    SourceException e = assertThrows(SourceException.class, lister::list);
    assertEquals(Bounds.REPEATED_CONTINUE, e.anchor());
    assertEquals("unexpected-response", e.kind());
    assertTrue(e.getMessage().contains("page 2 repeats an earlier continue token"), e.getMessage());
    // page 1, page 2 (asked for ahead) and at most the page 2 asked for ahead in turn
    assertTrue(api.requests().size() <= 3, api.requests().toString());
  }

  @Test
  void aTokenSeenTwoPagesEarlierEndsTheListToo() {
    PagedApi api =
        new PagedApi()
            .body(PODS, page("a", pod("a", "p1")))
            .body(PODS, page("b", pod("a", "p2")))
            .body(PODS, page("a", pod("a", "p3")))
            .body(PODS, page(null, pod("a", "p4")));
    SourceException e = assertThrows(SourceException.class, () -> lister(api, ns -> true).list());
    assertEquals(Bounds.REPEATED_CONTINUE, e.anchor());
  }

  @Test
  void morePagesThanTheLimitFailTheList() {
    PagedApi api = new PagedApi();
    for (int i = 1; i <= 10; i++) {
      api.body(PODS, page("t" + i, pod("a", "p" + i)));
    }
    SourceException e = assertThrows(SourceException.class, () -> bounded(api, 1000, 4).list());
    assertEquals(Bounds.LIMIT_REACHED, e.anchor());
    assertEquals("limit", e.kind());
    assertTrue(e.getMessage().contains("more than 4 pages (--max-pages)"), e.getMessage());
    assertTrue(api.requests().size() <= 5, api.requests().toString());
  }

  @Test
  void moreObjectsThanTheLimitFailTheList() throws SourceException {
    PagedApi api =
        new PagedApi()
            .body(PODS, page("t", pod("a", "p1"), pod("a", "p2")))
            .body(PODS, page(null, pod("a", "p3")));
    SourceException e = assertThrows(SourceException.class, () -> bounded(api, 2, 100).list());
    assertTrue(e.getMessage().contains("more than 2 objects (--max-objects)"), e.getMessage());
    assertEquals(Bounds.LIMIT_REACHED, e.anchor());
    PagedApi exact =
        new PagedApi()
            .body(PODS, page("t", pod("a", "p1")))
            .body(PODS, page(null, pod("a", "p2")));
    assertEquals(List.of("p1", "p2"), names(bounded(exact, 2, 2).list()));
  }

  @Test
  void followsContinueTokensAcrossPages() throws SourceException {
    PagedApi api =
        new PagedApi()
            .body(PODS, page("tok/1+=", pod("a", "p1"), pod("a", "p2")))
            .body(PODS, page(null, pod("b", "p3")));
    KubeLister<Pod> lister = lister(api, ns -> true);
    assertEquals(List.of("p1", "p2", "p3"), names(lister.list()));
    assertEquals(
        List.of(PODS + "?limit=500", PODS + "?limit=500&continue=tok%2F1%2B%3D"), api.requests());
    assertEquals(2, lister.requests());
  }

  @Test
  void theNextPageIsRequestedWhileThisPageIsParsed() throws SourceException {
    PagedApi pages =
        new PagedApi()
            .body(PODS, page("t1", pod("a", "p1")))
            .body(PODS, page(null, pod("a", "p2")));
    CountDownLatch secondRequested = new CountDownLatch(1);
    JsonSource api =
        new JsonSource() {
          @Override
          public <T> T getJson(String pathAndQuery, BodyReader<T> reader)
              throws SourceException {
            if (pathAndQuery.contains("continue=t1")) {
              secondRequested.countDown();
            }
            return pages.getJson(pathAndQuery, reader);
          }

          @Override
          public TextResponse getText(String pathAndQuery, int maxBodyChars)
              throws SourceException {
            return pages.getText(pathAndQuery, maxBodyChars);
          }
        };
    KubeLister<Pod> lister =
        new KubeLister<>(
            api,
            PODS,
            r -> {
              Pod pod = PodReader.pod(r, k -> true);
              if (pod.meta().name().equals("p1")) {
                assertTrue(awaitQuietly(secondRequested), "page 2 not requested during page 1");
              }
              return pod;
            },
            p -> p.meta().namespace(),
            ns -> true,
            KubeOptions.DEFAULT_PAGE_SIZE);
    assertEquals(List.of("p1", "p2"), names(lister.list()));
    assertEquals(2, lister.requests());
  }

  private static boolean awaitQuietly(CountDownLatch latch) {
    try {
      return latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void restartsOnceWhenTheContinueTokenExpired() throws SourceException {
    PagedApi api =
        new PagedApi()
            .body(PODS, page("t1", pod("a", "stale")))
            .status(PODS, 410)
            .body(PODS, page(null, pod("a", "fresh1"), pod("a", "fresh2")));
    KubeLister<Pod> lister = lister(api, ns -> true);
    assertEquals(List.of("fresh1", "fresh2"), names(lister.list()));
    assertEquals(
        List.of(PODS + "?limit=500", PODS + "?limit=500&continue=t1", PODS + "?limit=500"),
        api.requests());
    assertEquals(3, lister.requests());
  }

  @Test
  void aSecondGoneFailsTheList() {
    PagedApi api =
        new PagedApi()
            .body(PODS, page("t1", pod("a", "p")))
            .status(PODS, 410)
            .body(PODS, page("t2", pod("a", "p")))
            .status(PODS, 410);
    SourceException e = assertThrows(SourceException.class, () -> lister(api, ns -> true).list());
    assertEquals(410, e.httpStatus());
  }

  @Test
  void otherFailuresAreNotRetried() {
    PagedApi api = new PagedApi().status(PODS, 403);
    assertThrows(SourceException.class, () -> lister(api, ns -> true).list());
    assertEquals(1, api.requests().size());
  }

  @Test
  void dropsFilteredNamespacesWhileStreaming() throws SourceException {
    PagedApi api =
        new PagedApi()
            .body(PODS, page(null, pod("kube-system", "k"), pod("app", "a"), pod("app2", "b")));
    assertEquals(List.of("a", "b"), names(lister(api, ns -> !ns.equals("kube-system")).list()));
  }

  @Test
  void toleratesMissingAndNullFields() throws SourceException {
    PagedApi api =
        new PagedApi()
            .body(
                PODS,
                "{\"items\":[{\"metadata\":{\"name\":\"bare\",\"namespace\":\"a\",\"labels\":null},\"spec\":null,\"status\":{\"containerStatuses\":null,\"startTime\":\"not"
                    + " a time\"}},{\"kind\":\"Pod\"}]}");
    List<Pod> pods = lister(api, ns -> true).list();
    assertEquals(1, pods.size(), "an item without metadata is dropped");
    Pod bare = pods.get(0);
    assertNull(bare.phase());
    assertNull(bare.startTime());
    assertTrue(bare.containers().isEmpty());
    assertTrue(bare.meta().labels().isEmpty());
  }

  @Test
  void aNumberOfTheWrongKindIsNullAndReadingGoesOn() throws SourceException {
    PagedApi api =
        new PagedApi()
            .body(
                PODS,
                "{\"items\":[{\"metadata\":{\"name\":\"p\",\"namespace\":\"a\",\"generation\":1e40},"
                    + "\"status\":{\"containerStatuses\":[{\"name\":\"c\",\"restartCount\":1.5,"
                    + "\"ready\":true}],\"phase\":\"Running\"}}]}");
    Pod pod = lister(api, ns -> true).list().get(0);
    assertNull(pod.meta().generation());
    assertEquals("Running", pod.phase());
    assertEquals("p", pod.meta().name());
  }

  @Test
  void itemsNullIsAnEmptyList() throws SourceException {
    PagedApi api =
        new PagedApi().body(PODS, "{\"kind\":\"PodList\",\"metadata\":{},\"items\":null}");
    assertTrue(lister(api, ns -> true).list().isEmpty());
  }
}
