package io.volback.cli;

/** ExitCode holds volback's exit codes; they are a contract with users' scripts. */
public final class ExitCode {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int PARTLY_FAILED = 3;

  private ExitCode() {}
}
