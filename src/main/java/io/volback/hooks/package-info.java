/**
 * Consistency around a backup: containers stopped before and started again after, commands run
 * inside containers through the Docker exec API (pre and post hooks, with a timeout and on-error),
 * and the grouping of a run's volumes so that a container is stopped once per run.
 */
package io.volback.hooks;
