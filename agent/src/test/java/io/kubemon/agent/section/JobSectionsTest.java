package io.kubemon.agent.section;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubemon.agent.model.Condition;
import io.kubemon.agent.model.Job;
import io.kubemon.agent.model.ObjectMeta;
import io.kubemon.agent.model.OwnerReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JobSectionsTest {

  private static Job job(String name, long created, boolean suspend, String... trueConditions) {
    List<Condition> conditions =
        Arrays.stream(trueConditions)
            .map(t -> new Condition(t, "True", null, null, null, null))
            .toList();
    ObjectMeta meta =
        new ObjectMeta(name, "ci", "u-" + name, created, null, null, Map.of(), Map.of(), List.of());
    return new Job(meta, null, null, 0, 0, 0, conditions, suspend, null, null, null);
  }

  @Test
  void theStatusRuleLetsTerminalConditionsWinOverSuspend() {
    assertEquals("Complete", JobSections.status(job("a", 1, true, "Complete")));
    assertEquals("Failed", JobSections.status(job("a", 1, false, "Failed")));
    assertEquals("Suspended", JobSections.status(job("a", 1, true)));
    assertEquals("Suspended", JobSections.status(job("a", 1, false, "Suspended")));
    assertEquals("Pending", JobSections.status(job("a", 1, false)));
  }

  @Test
  void aThousandFinishedJobsListTheNewestFiftyAndCountAll() {
    List<Job> jobs = new ArrayList<>();
    IntStream.range(0, 1000).forEach(i -> jobs.add(job("ci-" + i, i, false, "Complete")));
    jobs.add(job("broken", 500, false, "Failed"));
    Obj section = JobSections.standaloneJobs(jobs);
    List<?> listed = (List<?>) section.get("jobs");
    assertEquals(JobSections.LISTED, listed.size());
    assertEquals("ci-999", ((Obj) listed.get(0)).get("name"));
    assertEquals("ci-950", ((Obj) listed.get(49)).get("name"));
    Obj counts = (Obj) section.get("counts");
    assertEquals(
        List.of("Complete", "Failed", "Running", "Pending", "Suspended"),
        List.copyOf(counts.keySet()));
    assertEquals(1000L, counts.get("Complete"));
    assertEquals(1L, counts.get("Failed"));
    assertEquals(0L, counts.get("Running"));
  }

  private static Job ownedBy(OwnerReference owner) {
    ObjectMeta meta =
        new ObjectMeta(
            "backup-1",
            "ci",
            "u",
            1L,
            null,
            null,
            Map.of(),
            Map.of(),
            List.of(owner));
    return new Job(meta, null, null, 0, 0, 0, List.of(), false, null, null, null);
  }

  @Test
  void onlyACronJobOwnerMakesAJobNotStandalone() {
    assertEquals(true, ownedBy(new OwnerReference("CronJob", "backup", false)).ownedByCronJob());
    // k3s' helm-install-* Jobs belong to a HelmChart (helm.cattle.io): standalone for kubemon.
    assertEquals(false, ownedBy(new OwnerReference("HelmChart", "traefik", true)).ownedByCronJob());
    assertEquals(false, job("adhoc", 1, false).ownedByCronJob());
  }
}
