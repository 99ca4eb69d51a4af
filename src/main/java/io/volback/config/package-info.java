/**
 * The service's configuration: the YAML file, the environment and the labels on volumes and
 * containers, turned into immutable, validated settings (policies, hooks, schedules).
 */
package io.volback.config;
