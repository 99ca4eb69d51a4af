/**
 * The drills/ objects of a repository: records of disaster-recovery drills, sealed like snapshots.
 */
package io.volback.repo.drill;
