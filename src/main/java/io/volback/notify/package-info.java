/**
 * Notifications of a run's outcome: a RunEvent (the notify package's own record of a finished run;
 * the service assembly adapts the scheduler's records to it) goes to Notifiers: a Webhook (POST of
 * the event as JSON, on failure and optionally on success) and PingUrls (healthchecks-style
 * URL/start, URL, URL/fail). Delivery failures are logged without the URL's secret parts and never
 * fatal.
 */
package io.volback.notify;
