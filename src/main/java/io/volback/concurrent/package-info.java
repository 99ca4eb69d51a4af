/**
 * Concurrency helpers every package may use.
 *
 * <p>A DaemonPool runs tasks on named daemon threads and reports each outcome to a TaskTracker,
 * which counts outstanding tasks, keeps the first failure and waits for them to end. Interrupts
 * turns an interrupt into the InterruptedIOException an I/O caller expects, with the thread's
 * interrupt flag set again. LocalHost names the machine this process runs on.
 */
package io.volback.concurrent;
