package io.kubemon.agent.section;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

/** kubemon_workload_info_v1: the selector's matchLabels and matchExpressions as in the spec. */
class WorkloadSelectorTest {

  private static JsonObject info(String host) {
    String out = Fixtures.run(SyntheticCluster.api(), Fixtures.options("synthetic"));
    String block = GoldenOutputTest.block(out, host);
    return SectionShapeTest.sections(block)
        .get("kubemon_workload_info_v1")
        .get(0)
        .getAsJsonObject();
  }

  @Test
  void matchExpressionsKeepKeyOperatorAndValues() {
    JsonObject api = info("deployment_synthetic_shop_api");
    assertEquals("{\"app\":\"api\"}", api.get("selector").toString());
    // "Exists" has no values in the spec: an empty list, so readers need not test for null.
    assertEquals(
        "[{\"key\":\"tier\",\"operator\":\"NotIn\",\"values\":[\"canary\"]},"
            + "{\"key\":\"track\",\"operator\":\"Exists\",\"values\":[]}]",
        api.get("match_expressions").toString());
  }

  @Test
  void aSelectorWithoutExpressionsWritesAnEmptyList() {
    JsonObject web = info("statefulset_synthetic_shop_web");
    assertEquals("[]", web.get("match_expressions").toString());
  }
}
