package io.kubemon.agent.section;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

/** kubemon_workload_info_v2: the selector's matchLabels and matchExpressions as in the spec. */
class WorkloadSelectorTest {

  private static JsonObject info(String host) {
    String out = Fixtures.run(SyntheticCluster.api(), Fixtures.options("synthetic"));
    String block = GoldenOutputTest.block(out, host);
    return SectionShapeTest.sections(block)
        .get("kubemon_workload_info_v2")
        .get(0)
        .getAsJsonObject();
  }

  @Test
  void matchExpressionsKeepKeyOperatorAndValues() {
    JsonObject api = info("deployment_synthetic_shop_api");
    assertEquals("{\"app\":\"api\"}", api.get("selector").toString());
    // "Exists" has no values in the spec: left out, the parser makes it an empty list.
    assertEquals(
        "[{\"key\":\"tier\",\"operator\":\"NotIn\",\"values\":[\"canary\"]},"
            + "{\"key\":\"track\",\"operator\":\"Exists\"}]",
        api.get("match_expressions").toString());
  }

  @Test
  void aSelectorWithoutExpressionsLeavesThemOut() {
    JsonObject web = info("statefulset_synthetic_shop_web");
    assertFalse(web.has("match_expressions"), "an empty list is the default: " + web);
  }
}
