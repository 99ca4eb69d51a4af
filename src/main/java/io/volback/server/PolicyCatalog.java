package io.volback.server;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * PolicyCatalog lists the policies of the service's configuration, for GET /api/v1/policies. The
 * assembly implements it from the configuration; the server adds each policy's jobs and their next
 * fire times from the scheduler.
 */
@FunctionalInterface
public interface PolicyCatalog {
  /** No policies: the zero-config service, or a server started without a catalog. */
  PolicyCatalog NONE = List::of;

  List<PolicyInfo> policies() throws Exception;

  /**
   * PolicyInfo is one policy as the API shows it. Exec commands are not part of it: they may hold
   * credentials, and GET needs no token.
   *
   * @param name the policy's name
   * @param hosts the names of the Docker hosts it runs on
   * @param cron its Quartz cron expression
   * @param zone the time zone of the expression
   * @param retention its forget rules by snake_case name ("last", "within_daily", "keep_tags"),
   *     only those given; empty when its snapshots are never forgotten
   * @param tags the tags added to its snapshots
   * @param stop whether every container mounting a volume is stopped during its backup
   * @param execContainers the containers the policy runs commands in
   */
  record PolicyInfo(
      String name,
      List<String> hosts,
      String cron,
      String zone,
      Map<String, Object> retention,
      List<String> tags,
      boolean stop,
      List<String> execContainers) {
    public PolicyInfo {
      Objects.requireNonNull(name, "name");
      hosts = List.copyOf(hosts);
      retention = Collections.unmodifiableMap(new LinkedHashMap<>(retention));
      tags = List.copyOf(tags);
      execContainers = List.copyOf(execContainers);
    }
  }
}
