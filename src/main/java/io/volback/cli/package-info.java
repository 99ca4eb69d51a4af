/**
 * The volback command line (picocli): parse, call a use case, print text or --json, and map the
 * outcome to an ExitCode.
 *
 * <p>VolbackCommand holds the global options; each subcommand (BackupCommand, RestoreCommand, ...)
 * extends CommandBase. ErrorReporter turns failures into one line and an exit code; Passwords finds
 * the repository password; ConsoleProgress shows progress on a terminal.
 */
package io.volback.cli;
