package io.volback.app;

import io.volback.config.RetentionSpec;
import io.volback.maintenance.RetentionDuration;
import io.volback.maintenance.RetentionPolicy;

/** RetentionPolicies turns a retention of the configuration into the forget policy it names. */
final class RetentionPolicies {
  private RetentionPolicies() {}

  static RetentionPolicy of(RetentionSpec spec) {
    RetentionPolicy.Builder b =
        RetentionPolicy.builder()
            .last(spec.last())
            .hourly(spec.hourly())
            .daily(spec.daily())
            .weekly(spec.weekly())
            .monthly(spec.monthly())
            .yearly(spec.yearly())
            .within(duration(spec.within()))
            .withinHourly(duration(spec.withinHourly()))
            .withinDaily(duration(spec.withinDaily()))
            .withinWeekly(duration(spec.withinWeekly()))
            .withinMonthly(duration(spec.withinMonthly()))
            .withinYearly(duration(spec.withinYearly()));
    spec.keepTags().forEach(b::keepTag);
    return b.build();
  }

  private static RetentionDuration duration(String text) {
    return text == null ? RetentionDuration.ZERO : RetentionDuration.parse(text);
  }
}
