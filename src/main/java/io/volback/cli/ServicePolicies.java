package io.volback.cli;

import io.volback.config.DockerHostConfig;
import io.volback.config.PolicyConfig;
import io.volback.config.RetentionSpec;
import io.volback.config.ServiceConfig;
import io.volback.server.PolicyCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ServicePolicies answers the API's policy list from the configuration. */
final class ServicePolicies implements PolicyCatalog {
  private final ServiceConfig config;

  ServicePolicies(ServiceConfig config) {
    this.config = config;
  }

  @Override
  public List<PolicyInfo> policies() {
    return config.policies().stream().map(this::info).toList();
  }

  private PolicyInfo info(PolicyConfig p) {
    List<String> hosts =
        config.hosts().stream().map(DockerHostConfig::name).filter(p::appliesTo).toList();
    return new PolicyInfo(
        p.name(),
        hosts,
        p.schedule().expression(),
        p.schedule().zone().getId(),
        retention(p.retention()),
        p.tags(),
        p.consistency().stop(),
        p.consistency().exec().stream().map(PolicyConfig.ExecHook::container).toList());
  }

  /** The rules given, by snake_case name, in restic's order. */
  static Map<String, Object> retention(RetentionSpec r) {
    Map<String, Object> rules = new LinkedHashMap<>();
    count(rules, "last", r.last());
    count(rules, "hourly", r.hourly());
    count(rules, "daily", r.daily());
    count(rules, "weekly", r.weekly());
    count(rules, "monthly", r.monthly());
    count(rules, "yearly", r.yearly());
    duration(rules, "within", r.within());
    duration(rules, "within_hourly", r.withinHourly());
    duration(rules, "within_daily", r.withinDaily());
    duration(rules, "within_weekly", r.withinWeekly());
    duration(rules, "within_monthly", r.withinMonthly());
    duration(rules, "within_yearly", r.withinYearly());
    if (!r.keepTags().isEmpty()) {
      rules.put("keep_tags", r.keepTags());
    }
    return rules;
  }

  private static void count(Map<String, Object> rules, String name, int value) {
    if (value != 0) {
      rules.put(name, value);
    }
  }

  private static void duration(Map<String, Object> rules, String name, String value) {
    if (value != null) {
      rules.put(name, value);
    }
  }
}
