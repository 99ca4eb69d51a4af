package io.volback.cli;

import io.volback.app.UsageException;
import io.volback.docker.InvalidDockerHostException;
import io.volback.repo.RepositoryNotFoundException;
import io.volback.repo.SnapshotNotFoundException;
import io.volback.repo.WrongPasswordException;
import io.volback.repo.lock.LockLostException;
import io.volback.repo.lock.RepositoryLockedException;
import io.volback.store.BucketNotFoundException;
import picocli.CommandLine.ParameterException;

/**
 * ExitCode holds volback's exit codes; they are a contract with users' scripts. 10, 11, 12 and 130
 * mean what they mean in restic's scripting docs; 2 does not (restic: a Go runtime error).
 */
public final class ExitCode {
  public static final int OK = 0;
  public static final int FAILED = 1;

  /** The command cannot be carried out as written (see docs/operations.md#exit-codes). */
  public static final int USAGE = 2;

  /** Something was skipped: some volumes failed, or entries could not be read. */
  public static final int PARTLY_FAILED = 3;

  public static final int REPOSITORY_NOT_FOUND = 10;
  public static final int LOCK_FAILED = 11;
  public static final int WRONG_PASSWORD = 12;

  /** SIGINT or SIGTERM, after the cleanup; as a shell reports a process ended by SIGINT. */
  public static final int INTERRUPTED = 130;

  private ExitCode() {}

  /** The exit code for a command that failed with failure. */
  static int of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RepositoryNotFoundException || t instanceof BucketNotFoundException) {
        return REPOSITORY_NOT_FOUND;
      }
      if (t instanceof WrongPasswordException) {
        return WRONG_PASSWORD;
      }
      if (t instanceof RepositoryLockedException && !(t instanceof LockLostException)) {
        return LOCK_FAILED;
      }
      if (t instanceof UsageException
          || t instanceof ParameterException
          || t instanceof SnapshotNotFoundException
          || t instanceof InvalidDockerHostException) {
        return USAGE;
      }
    }
    return FAILED;
  }
}
