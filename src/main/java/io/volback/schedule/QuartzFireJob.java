package io.volback.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/**
 * QuartzFireJob is the Quartz job every ServiceJob is stored as: it hands the fire to the
 * QuartzServiceScheduler of this instance (kept in the SchedulerContext, which is not persisted, so
 * a clustered store holds only the job's id). One ServiceJob never runs twice at once.
 */
@DisallowConcurrentExecution
public final class QuartzFireJob implements Job {
  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    try {
      QuartzServiceScheduler service =
          (QuartzServiceScheduler)
              context.getScheduler().getContext().get(QuartzServiceScheduler.CONTEXT_KEY);
      service.fire(context);
    } catch (SchedulerException e) {
      throw new JobExecutionException(e);
    }
  }
}
