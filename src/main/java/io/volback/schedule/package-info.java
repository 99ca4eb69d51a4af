/**
 * The scheduled service's scheduler: ServiceJobs fired by Quartz, run by a JobRunner the service
 * assembly provides, their RunRecords kept in a RunHistory and heard by RunListeners (metrics,
 * notifications).
 */
package io.volback.schedule;
