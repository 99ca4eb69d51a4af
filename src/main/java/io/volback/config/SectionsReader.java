package io.volback.config;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.regex.Pattern;

/** SectionsReader reads the smaller sections: maintenance, server, notifications, scheduler. */
final class SectionsReader {
  /** prune --max-unused: unlimited, a share below 100% or a size (bytes, k/m/g/t). */
  private static final Pattern MAX_UNUSED =
      Pattern.compile("unlimited|(?:\\d{1,2}(?:\\.\\d+)?%)|(?:\\d+\\s*[kmgtKMGT]?(?:i?[bB])?)");

  /** check --read-data-subset: a share above 0% and up to 100%, or n/m. */
  private static final Pattern SUBSET = Pattern.compile("\\d+(?:\\.\\d+)?%|\\d+/\\d+");

  private static final Pattern LISTEN = Pattern.compile("(.*):(\\d{1,5})");

  private SectionsReader() {}

  static MaintenanceConfig maintenance(MapReader m, ZoneId zone) {
    MaintenanceConfig.ForgetPrune forgetPrune = null;
    if (m.has("forget-prune")) {
      MapReader f = m.map("forget-prune");
      CronSchedule schedule =
          PolicyReader.schedule(f, f.parsed("time-zone", CronSchedule::zone, zone));
      String maxUnused = f.string("max-unused", "5%");
      if (!MAX_UNUSED.matcher(maxUnused.strip()).matches()) {
        f.problem(
            "max-unused",
            "'" + maxUnused + "' is not 'unlimited', a share such as 5% or a size such as 500M");
      }
      f.finish();
      forgetPrune =
          schedule == null ? null : new MaintenanceConfig.ForgetPrune(schedule, maxUnused);
    }
    MaintenanceConfig.Check check = null;
    if (m.has("check")) {
      MapReader c = m.map("check");
      CronSchedule schedule =
          PolicyReader.schedule(c, c.parsed("time-zone", CronSchedule::zone, zone));
      String subset = c.string("read-data-subset");
      if (subset != null && !validSubset(subset.strip())) {
        c.problem(
            "read-data-subset",
            "'" + subset + "' is not a share above 0% and up to 100% (5%) or a slice n/m (1/7)");
      }
      c.finish();
      check = schedule == null ? null : new MaintenanceConfig.Check(schedule, subset);
    }
    m.finish();
    return new MaintenanceConfig(forgetPrune, check);
  }

  static ServerConfig server(MapReader s) {
    String listen = s.string("listen", ServerConfig.DEFAULT_LISTEN);
    var m = LISTEN.matcher(listen.strip());
    if (!m.matches() || m.group(1).isEmpty() || Integer.parseInt(m.group(2)) > 65535) {
      s.problem("listen", "'" + listen + "' is not HOST:PORT (e.g. 127.0.0.1:8080)");
    }
    SecretRef token = s.secret("token");
    s.finish();
    return new ServerConfig(listen.strip(), token);
  }

  static NotificationConfig notifications(MapReader n) {
    NotificationConfig.Webhook webhook = null;
    if (n.has("webhook")) {
      MapReader w = n.map("webhook");
      URI url = url(w);
      boolean onSuccess = w.bool("on-success", false);
      Duration timeout = w.duration("timeout", NotificationConfig.Webhook.DEFAULT_TIMEOUT);
      w.finish();
      webhook = url == null ? null : new NotificationConfig.Webhook(url, onSuccess, timeout);
    }
    NotificationConfig.Ping ping = null;
    if (n.has("ping")) {
      MapReader p = n.map("ping");
      URI url = url(p);
      Duration timeout = p.duration("timeout", NotificationConfig.Webhook.DEFAULT_TIMEOUT);
      p.finish();
      ping = url == null ? null : new NotificationConfig.Ping(url, timeout);
    }
    n.finish();
    return new NotificationConfig(webhook, ping);
  }

  static SchedulerConfig scheduler(MapReader s) {
    SchedulerConfig d = SchedulerConfig.DEFAULT;
    SchedulerConfig.Store store = s.choice("store", SchedulerConfig.Store.class, d.store());
    SchedulerConfig.Postgresql postgresql = null;
    if (s.has("postgresql")) {
      MapReader p = s.map("postgresql");
      String url = p.string("url");
      if (url == null) {
        p.problems().add(p.mark(), p.path("url"), "missing: jdbc:postgresql://HOST:PORT/DATABASE");
      } else if (!url.startsWith("jdbc:postgresql://")) {
        p.problem("url", "expected jdbc:postgresql://HOST:PORT/DATABASE");
      }
      postgresql = new SchedulerConfig.Postgresql(url, p.string("user"), p.secret("password"));
      p.finish();
      if (store != SchedulerConfig.Store.POSTGRESQL) {
        s.problem("postgresql", "is given but store is not postgresql (add store: postgresql)");
      }
    } else if (store == SchedulerConfig.Store.POSTGRESQL) {
      s.problem("store", "store postgresql needs a postgresql section with its url");
    }
    SchedulerConfig config =
        new SchedulerConfig(
            store,
            postgresql,
            s.string("instance-id", d.instanceId()),
            s.integer("max-concurrent-per-host", d.maxConcurrentPerHost(), 1),
            s.integer("retries", d.retries(), 0),
            s.duration("retry-backoff", d.retryBackoff()),
            s.duration("shutdown-timeout", d.shutdownTimeout()));
    s.finish();
    return config;
  }

  private static URI url(MapReader r) {
    if (!r.has("url")) {
      r.problems().add(r.mark(), r.path("url"), "missing: an http:// or https:// URL");
      return null;
    }
    return r.parsed("url", NotificationConfig::httpUrl, null);
  }

  private static boolean validSubset(String subset) {
    if (!SUBSET.matcher(subset).matches()) {
      return false;
    }
    if (subset.endsWith("%")) {
      double p = Double.parseDouble(subset.substring(0, subset.length() - 1));
      return p > 0 && p <= 100;
    }
    String[] nm = subset.split("/");
    long n = Long.parseLong(nm[0]);
    long m = Long.parseLong(nm[1]);
    return n >= 1 && n <= m;
  }
}
