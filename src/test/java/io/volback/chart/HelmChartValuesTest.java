package io.volback.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Values the chart refuses at template (and so install) time, with a message naming them. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HelmChartValuesTest {

  @Test
  void threeReplicasWithoutTheClusteredSchedulerAreRefused() throws Exception {
    String message = Chart.failure("replicaCount: 3");

    assertThat(message)
        .contains("replicaCount is 3")
        .contains("scheduler.store is memory")
        .contains("scheduler.store: postgresql");
  }

  @Test
  void daemonSetWithTheClusteredSchedulerIsRefusedWithTheReason() throws Exception {
    String message =
        Chart.failure(
            """
            workload: daemonset
            scheduler: {store: postgresql, postgresql: {host: pg}}
            secret: {postgresqlPassword: x}
            """);

    assertThat(message)
        .contains("workload: daemonset cannot use scheduler.store: postgresql")
        .contains("another node");
  }

  @Test
  void clusteredSchedulerWithoutItsHostOrPasswordIsRefused() throws Exception {
    assertThat(Chart.failure("scheduler: {store: postgresql}"))
        .contains("scheduler.postgresql.host is required");
    assertThat(Chart.failure("scheduler: {store: postgresql, postgresql: {host: pg}}"))
        .contains("secret.postgresqlPassword or existingSecret");
  }

  @Test
  void apiTokenWithoutATokenIsRefused() throws Exception {
    assertThat(Chart.failure("apiToken: {enabled: true}"))
        .contains("apiToken.enabled needs the token");
  }

  @Test
  void secretsWrittenIntoTheConfigAreRefusedBeforeTheyReachTheConfigMap() throws Exception {
    assertThat(Chart.failure("config: {repository: {location: /r, password: hunter2}}"))
        .contains("config.repository.password")
        .doesNotContain("hunter2");
    assertThat(Chart.failure("config: {scheduler: {store: postgresql}}"))
        .contains("config.scheduler.store is set by the chart");
  }

  @Test
  void chartSecretValuesBesideAnExistingSecretAreRefusedNotIgnored() throws Exception {
    assertThat(Chart.failure("existingSecret: keys\nsecret: {repositoryPassword: pw-Hq3}"))
        .contains("secret.repositoryPassword is set but existingSecret keys is used instead")
        .doesNotContain("pw-Hq3");
  }

  @Test
  void unknownWorkloadIsRejectedByTheSchema() throws Exception {
    assertThat(Chart.failure("workload: cronjob"))
        .contains("'/workload'")
        .contains("must be one of 'deployment', 'daemonset'");
  }

  @Test
  void replicaCountThatIsNotANumberIsRejectedByTheSchema() throws Exception {
    assertThat(Chart.failure("replicaCount: two")).contains("'/replicaCount'").contains("integer");
  }

  @Test
  void unknownPullPolicyStoreOrKeyIsRejectedByTheSchema() throws Exception {
    assertThat(Chart.failure("image: {pullPolicy: Sometimes}")).contains("'/image/pullPolicy'");
    assertThat(Chart.failure("scheduler: {store: redis}")).contains("'/scheduler/store'");
    assertThat(Chart.failure("replicas: 2")).contains("'replicas'");
    assertThat(Chart.failure("config: {polices: []}")).contains("'/config'").contains("'polices'");
  }
}
