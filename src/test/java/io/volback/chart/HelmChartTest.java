package io.volback.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.volback.config.ConfigException;
import io.volback.config.ConfigLoader;
import io.volback.config.ServiceConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** helm/volback rendered by helm's own code for each mode, the objects typed and checked. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HelmChartTest {
  private static final String SECRET_DIR = "/run/secrets/volback";
  private static final String PASSWORD = "repo-pass-Zq81";
  private static final String ACCESS_KEY = "AKIA-chart-test-4711";
  private static final String SECRET_KEY = "s3-secret-Xy0p";
  private static final String TOKEN = "api-token-Kw27";
  private static final String PG_PASSWORD = "pg-pass-Lm55";

  private static final String CHART_SECRETS =
      """
      secret:
        repositoryPassword: %s
        awsAccessKeyId: %s
        awsSecretAccessKey: %s
        apiToken: %s
      apiToken:
        enabled: true
      """
          .formatted(PASSWORD, ACCESS_KEY, SECRET_KEY, TOKEN);

  private static final String CLUSTERED =
      """
      replicaCount: 3
      scheduler:
        store: postgresql
        postgresql:
          host: pg.example
          database: backups
          user: vb
          parameters: sslmode=require
      secret:
        repositoryPassword: %s
        postgresqlPassword: %s
      """
          .formatted(PASSWORD, PG_PASSWORD);

  @Test
  void lintIsCleanButForTheIconHint() {
    LintResult lint = Chart.lint();

    assertThat(lint.isFailed()).as("lint failed: %s", lint.getMessages()).isFalse();
    assertThat(lint.getMessages())
        .allSatisfy(m -> assertThat(m).startsWith("[INFO]").contains("icon is recommended"));
  }

  @Test
  void defaultValuesRenderOneDeploymentOfTheAppVersionWithItsConfigSecretAndService()
      throws Exception {
    RenderedChart chart = Chart.template("");

    assertThat(chart.kinds())
        .containsExactly("ConfigMap", "Deployment", "Secret", "Service", "ServiceAccount");
    Deployment deployment = chart.one(Deployment.class);
    assertThat(deployment.getMetadata().getName()).isEqualTo(Chart.FULL_NAME);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    Container container = chart.container();
    assertThat(container.getImage()).isEqualTo("volback/volback:" + Chart.appVersion());
    assertThat(container.getImagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(container.getArgs())
        .containsExactly("serve", "--config", "/etc/volback/volback.yml");
    assertThat(mount(container, "config").getMountPath()).isEqualTo("/etc/volback/volback.yml");
    assertThat(volume(chart.podSpec(), "config").getConfigMap().getName())
        .isEqualTo(Chart.FULL_NAME);
    assertThat(chart.podSpec().getServiceAccountName()).isEqualTo(Chart.FULL_NAME);
    assertThat(chart.one(ServiceAccount.class).getAutomountServiceAccountToken()).isFalse();
    assertThat(chart.find(DaemonSet.class)).isEmpty();
    assertThat(chart.objects()).noneMatch(o -> o.getKind().equals("ServiceMonitor"));
  }

  @Test
  void imageRepositoryTagAndPullPolicyComeFromTheValues() throws Exception {
    RenderedChart chart =
        Chart.template(
            """
            image: {repository: registry.example/ops/volback, tag: 1.2.3-rc1, pullPolicy: Always}
            imagePullSecrets: [{name: regcred}]
            """);

    assertThat(chart.container().getImage()).isEqualTo("registry.example/ops/volback:1.2.3-rc1");
    assertThat(chart.container().getImagePullPolicy()).isEqualTo("Always");
    assertThat(chart.podSpec().getImagePullSecrets()).extracting("name").containsExactly("regcred");
  }

  @Test
  void probesAskHealthzAndReadyzOnThePortOfServerListenWhichTheServiceExposes() throws Exception {
    RenderedChart chart = Chart.template("config: {server: {listen: '0.0.0.0:9191'}}");

    Container container = chart.container();
    assertThat(container.getPorts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getName()).isEqualTo("http");
              assertThat(p.getContainerPort()).isEqualTo(9191);
            });
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(container.getLivenessProbe().getHttpGet().getPort())
        .isEqualTo(new IntOrString("http"));
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(container.getReadinessProbe().getHttpGet().getPort())
        .isEqualTo(new IntOrString("http"));
    Service service = chart.one(Service.class);
    assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(service.getSpec().getPorts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getPort()).isEqualTo(9191);
              assertThat(p.getTargetPort()).isEqualTo(new IntOrString("http"));
            });
    assertThat(service.getSpec().getSelector())
        .isEqualTo(chart.one(Deployment.class).getSpec().getSelector().getMatchLabels());
  }

  @Test
  void configMapHoldsTheValuesConfigTreeAsVolbackYml() throws Exception {
    String config =
        """
        config:
          repository:
            location: s3://bucket/prefix
            s3: {endpoint: 'http://minio:9000', path-style: true}
          server: {listen: '0.0.0.0:8080'}
          time-zone: Europe/Berlin
          hosts:
            - {name: db-host, address: 'tcp://10.0.0.5:2376', cert-path: /etc/volback/db-host}
          policies:
            - name: databases
              hosts: [db-host]
              select: {names: ['pg-*'], volume-labels: {tier: db}}
              schedule: '0 0 3 * * ?'
              retention: {last: 3, daily: 7}
              consistency: {stop: true}
          maintenance:
            check: {schedule: '0 0 5 ? * SUN', read-data-subset: 5%}
          scheduler: {retries: 4, retry-backoff: 10s}
        """;
    RenderedChart chart = Chart.template(config);

    Map<String, Object> expected =
        Map.of(
            "repository",
            Map.of(
                "location",
                "s3://bucket/prefix",
                "s3",
                Map.of("endpoint", "http://minio:9000", "path-style", true)),
            "server",
            Map.of("listen", "0.0.0.0:8080"),
            "time-zone",
            "Europe/Berlin",
            "hosts",
            List.of(
                Map.of(
                    "name",
                    "db-host",
                    "address",
                    "tcp://10.0.0.5:2376",
                    "cert-path",
                    "/etc/volback/db-host")),
            "policies",
            List.of(
                Map.of(
                    "name", "databases",
                    "hosts", List.of("db-host"),
                    "select",
                        Map.of("names", List.of("pg-*"), "volume-labels", Map.of("tier", "db")),
                    "schedule", "0 0 3 * * ?",
                    "retention", Map.of("last", 3, "daily", 7),
                    "consistency", Map.of("stop", true))),
            "maintenance",
            Map.of("check", Map.of("schedule", "0 0 5 ? * SUN", "read-data-subset", "5%")),
            // The store is the chart's (scheduler.store of the values), beside the file's keys.
            "scheduler",
            Map.of("retries", 4, "retry-backoff", "10s", "store", "memory"));
    assertThat(chart.configFile()).isEqualTo(expected);
    // The same repository as variables, for volback commands run with kubectl exec.
    Container container = chart.container();
    assertThat(env(container, "VOLBACK_REPOSITORY").getValue()).isEqualTo("s3://bucket/prefix");
    assertThat(env(container, "VOLBACK_S3_ENDPOINT").getValue()).isEqualTo("http://minio:9000");
    assertThat(env(container, "VOLBACK_S3_PATH_STYLE").getValue()).isEqualTo("true");
  }

  @Test
  void chartSecretsReachThePodByReferenceAndAppearNowhereElse() throws Exception {
    RenderedChart chart = Chart.template(CHART_SECRETS);

    Secret secret = chart.one(Secret.class);
    assertThat(secret.getMetadata().getName()).isEqualTo(Chart.FULL_NAME);
    assertThat(decoded(secret))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "repository-password", PASSWORD,
                "aws-access-key-id", ACCESS_KEY,
                "aws-secret-access-key", SECRET_KEY,
                "api-token", TOKEN));
    Container container = chart.container();
    assertThat(env(container, "VOLBACK_PASSWORD_FILE").getValue())
        .isEqualTo(SECRET_DIR + "/repository-password");
    assertThat(secretRef(container, "AWS_ACCESS_KEY_ID"))
        .extracting(SecretKeySelector::getName, SecretKeySelector::getKey)
        .containsExactly(Chart.FULL_NAME, "aws-access-key-id");
    assertThat(secretRef(container, "AWS_SECRET_ACCESS_KEY"))
        .extracting(SecretKeySelector::getName, SecretKeySelector::getKey)
        .containsExactly(Chart.FULL_NAME, "aws-secret-access-key");
    assertThat(volume(chart.podSpec(), "secrets").getSecret().getSecretName())
        .isEqualTo(Chart.FULL_NAME);
    assertThat(mount(container, "secrets").getMountPath()).isEqualTo(SECRET_DIR);
    assertThat(mount(container, "secrets").getReadOnly()).isTrue();
    assertThat(chart.configFile().get("server"))
        .isEqualTo(Map.of("listen", "0.0.0.0:8080", "token-file", SECRET_DIR + "/api-token"));
    assertNoSecretOutsideTheSecret(chart, PASSWORD, ACCESS_KEY, SECRET_KEY, TOKEN);
  }

  @Test
  void existingSecretIsReferencedByNameAndTheChartMakesNone() throws Exception {
    RenderedChart chart =
        Chart.template(
            """
            existingSecret: my-volback-keys
            apiToken: {enabled: true}
            """);

    assertThat(chart.find(Secret.class)).isEmpty();
    Container container = chart.container();
    assertThat(volume(chart.podSpec(), "secrets").getSecret().getSecretName())
        .isEqualTo("my-volback-keys");
    assertThat(env(container, "VOLBACK_PASSWORD_FILE").getValue())
        .isEqualTo(SECRET_DIR + "/repository-password");
    // Keys the operator may leave out (an IAM role instead): optional, so the pod still starts.
    assertThat(secretRef(container, "AWS_ACCESS_KEY_ID"))
        .extracting(SecretKeySelector::getName, SecretKeySelector::getKey, s -> s.getOptional())
        .containsExactly("my-volback-keys", "aws-access-key-id", true);
    assertThat(secretRef(container, "AWS_SECRET_ACCESS_KEY").getName())
        .isEqualTo("my-volback-keys");
    assertThat(chart.configFile().get("server"))
        .isEqualTo(Map.of("listen", "0.0.0.0:8080", "token-file", SECRET_DIR + "/api-token"));
  }

  @Test
  void clusteredSchedulerRunsThreeReplicasWithThePostgresqlSettingsAndItsPasswordAsAFile()
      throws Exception {
    RenderedChart chart = Chart.template(CLUSTERED);

    Deployment deployment = chart.one(Deployment.class);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
    assertThat(deployment.getSpec().getStrategy()).isNull();
    assertThat(chart.configFile().get("scheduler"))
        .isEqualTo(
            Map.of(
                "store",
                "postgresql",
                "postgresql",
                Map.of(
                    "url", "jdbc:postgresql://pg.example:5432/backups?sslmode=require",
                    "user", "vb",
                    "password-file", SECRET_DIR + "/postgresql-password")));
    assertThat(decoded(chart.one(Secret.class))).containsEntry("postgresql-password", PG_PASSWORD);
    assertNoSecretOutsideTheSecret(chart, PASSWORD, PG_PASSWORD);
  }

  @Test
  void daemonSetMountsTheNodesDockerSocketAndVolumesDirectoryAtTheirOwnPaths() throws Exception {
    RenderedChart chart =
        Chart.template(
            """
            workload: daemonset
            daemonset: {volumesDir: /data/docker/volumes}
            docker: {host: 'tcp://ignored:2375'}
            tolerations: [{operator: Exists}]
            """);

    assertThat(chart.find(Deployment.class)).isEmpty();
    DaemonSet daemonSet = chart.one(DaemonSet.class);
    assertThat(daemonSet.getSpec().getUpdateStrategy().getType()).isEqualTo("RollingUpdate");
    PodSpec pod = chart.podSpec();
    Container container = chart.container();
    Volume socket = volume(pod, "docker-socket");
    assertThat(socket.getHostPath().getPath()).isEqualTo("/var/run/docker.sock");
    assertThat(socket.getHostPath().getType()).isEqualTo("Socket");
    assertThat(mount(container, "docker-socket").getMountPath()).isEqualTo("/var/run/docker.sock");
    Volume volumes = volume(pod, "docker-volumes");
    assertThat(volumes.getHostPath().getPath()).isEqualTo("/data/docker/volumes");
    assertThat(volumes.getHostPath().getType()).isEqualTo("Directory");
    VolumeMount volumesMount = mount(container, "docker-volumes");
    assertThat(volumesMount.getMountPath()).isEqualTo("/data/docker/volumes");
    assertThat(volumesMount.getReadOnly()).as("restores write into the volumes").isNotEqualTo(true);
    assertThat(container.getEnv())
        .filteredOn(e -> e.getName().equals("DOCKER_HOST"))
        .singleElement()
        .extracting(EnvVar::getValue)
        .isEqualTo("unix:///var/run/docker.sock");
    assertThat(pod.getTolerations()).extracting("operator").containsExactly("Exists");
    assertThat(chart.configFile().get("scheduler")).isEqualTo(Map.of("store", "memory"));
  }

  @Test
  void daemonSetUsesTheSocketItMountsAndTheStateDirOfTheConfigIsWritable() throws Exception {
    RenderedChart chart =
        Chart.template(
            """
            workload: daemonset
            daemonset: {dockerSocket: /run/docker.sock}
            config: {state-dir: /srv/volback-state}
            """);

    Container container = chart.container();
    assertThat(mount(container, "docker-socket").getMountPath()).isEqualTo("/run/docker.sock");
    assertThat(env(container, "DOCKER_HOST").getValue()).isEqualTo("unix:///run/docker.sock");
    assertThat(mount(container, "state").getMountPath()).isEqualTo("/srv/volback-state");
    assertThat(volume(chart.podSpec(), "state").getEmptyDir()).isNotNull();
  }

  @Test
  void deploymentReachesDockerOverTheNetworkWithoutHostPaths() throws Exception {
    RenderedChart chart =
        Chart.template("docker: {host: 'tcp://docker-1:2376', tlsSecret: docker-1-certs}");

    Container container = chart.container();
    assertThat(env(container, "DOCKER_HOST").getValue()).isEqualTo("tcp://docker-1:2376");
    assertThat(env(container, "DOCKER_TLS_VERIFY").getValue()).isEqualTo("1");
    assertThat(env(container, "DOCKER_CERT_PATH").getValue()).isEqualTo("/etc/volback/docker-tls");
    assertThat(volume(chart.podSpec(), "docker-tls").getSecret().getSecretName())
        .isEqualTo("docker-1-certs");
    assertThat(chart.podSpec().getVolumes()).allMatch(v -> v.getHostPath() == null);
  }

  @Test
  void containerRunsAsRootWithAReadOnlyRootAndOnlyTheCapabilitiesBackupsAndRestoresNeed()
      throws Exception {
    RenderedChart chart = Chart.template("");

    SecurityContext security = chart.container().getSecurityContext();
    assertThat(security.getRunAsUser()).isZero();
    assertThat(security.getRunAsNonRoot()).isFalse();
    assertThat(security.getPrivileged()).isFalse();
    assertThat(security.getAllowPrivilegeEscalation()).isFalse();
    assertThat(security.getReadOnlyRootFilesystem()).isTrue();
    assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(security.getCapabilities().getAdd())
        .containsExactlyInAnyOrder(
            "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "MKNOD");
    PodSpec pod = chart.podSpec();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    // What the read-only root leaves writable: temporary files, run history, metadata cache.
    for (String[] dir :
        new String[][] {
          {"tmp", "/tmp"}, {"state", "/var/lib/volback"}, {"cache", "/var/cache/volback"}
        }) {
      assertThat(volume(pod, dir[0]).getEmptyDir()).as(dir[0]).isNotNull();
      assertThat(mount(chart.container(), dir[0]).getMountPath()).isEqualTo(dir[1]);
    }
    assertThat(env(chart.container(), "VOLBACK_CACHE_DIR").getValue())
        .isEqualTo("/var/cache/volback");
    assertThat(chart.container().getResources().getLimits().get("memory").toString())
        .isEqualTo("512Mi");
  }

  @Test
  void serviceMonitorScrapesTheServicesMetricsWhenEnabled() throws Exception {
    RenderedChart chart =
        Chart.template("serviceMonitor: {enabled: true, interval: 30s, labels: {release: prom}}");

    GenericKubernetesResource monitor =
        (GenericKubernetesResource)
            chart.objects().stream()
                .filter(o -> o.getKind().equals("ServiceMonitor"))
                .findFirst()
                .orElseThrow();
    assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prom");
    Map<String, Object> spec = monitor.get("spec");
    assertThat(spec.get("endpoints"))
        .isEqualTo(
            List.of(
                Map.of(
                    "port",
                    "http",
                    "path",
                    "/metrics",
                    "interval",
                    "30s",
                    "scrapeTimeout",
                    "10s")));
    assertThat(monitor.<Map<String, String>>get("spec", "selector", "matchLabels"))
        .isEqualTo(chart.one(Service.class).getSpec().getSelector());
    assertThat(monitor.<List<String>>get("spec", "namespaceSelector", "matchNames"))
        .containsExactly(Chart.NAMESPACE);
  }

  @Test
  void renderedVolbackYmlIsAcceptedByTheServicesOwnConfigLoader() throws Exception {
    for (String values : new String[] {"", CHART_SECRETS, CLUSTERED}) {
      String file = Chart.template(values).one(ConfigMap.class).getData().get("volback.yml");

      ServiceConfig config;
      try {
        config = ConfigLoader.parse(file, Path.of("volback.yml"), ZoneOffset.UTC);
      } catch (ConfigException e) {
        throw new AssertionError("volback refuses the chart's volback.yml: " + e.problems(), e);
      }
      assertThat(config.server().listen()).isEqualTo("0.0.0.0:8080");
    }
  }

  @Test
  void configChangeRollsThePodsThroughAChecksumAnnotation() throws Exception {
    String before = podAnnotation(Chart.template("config: {time-zone: UTC}"));
    String after = podAnnotation(Chart.template("config: {time-zone: Europe/Berlin}"));

    assertThat(before).hasSize(64).isNotEqualTo(after);
  }

  private static String podAnnotation(RenderedChart chart) {
    return chart
        .one(Deployment.class)
        .getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations()
        .get("checksum/config");
  }

  private static void assertNoSecretOutsideTheSecret(RenderedChart chart, String... secrets)
      throws Exception {
    String outside = chart.textOutsideTheSecret();
    assertThat(outside).contains(Chart.FULL_NAME);
    for (String secret : secrets) {
      String encoded = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
      assertThat(outside).doesNotContain(secret).doesNotContain(encoded);
    }
    assertThat(chart.one(ConfigMap.class).getData().get("volback.yml"))
        .doesNotContainIgnoringCase("password:")
        .doesNotContainIgnoringCase("token:");
  }

  private static Map<String, String> decoded(Secret secret) {
    return secret.getData().entrySet().stream()
        .collect(
            java.util.stream.Collectors.toMap(
                Map.Entry::getKey,
                e -> new String(Base64.getDecoder().decode(e.getValue()), StandardCharsets.UTF_8)));
  }

  private static EnvVar env(Container container, String name) {
    Optional<EnvVar> found =
        container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
    return found.orElseThrow(
        () -> new AssertionError("no env " + name + " in " + container.getEnv()));
  }

  private static SecretKeySelector secretRef(Container container, String name) {
    EnvVar var = env(container, name);
    assertThat(var.getValue()).as("%s is not inlined", name).isNull();
    return var.getValueFrom().getSecretKeyRef();
  }

  private static Volume volume(PodSpec pod, String name) {
    return pod.getVolumes().stream()
        .filter(v -> v.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no volume " + name + " in " + pod.getVolumes()));
  }

  private static VolumeMount mount(Container container, String name) {
    return container.getVolumeMounts().stream()
        .filter(m -> m.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no mount of " + name));
  }
}
