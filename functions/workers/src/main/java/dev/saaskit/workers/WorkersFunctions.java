package dev.saaskit.workers;

import dev.saaskit.shared.runtime.DomainFunctions;
import dev.saaskit.shared.runtime.Functions;
import dev.saaskit.workers.engine.RunJobSteps;
import dev.saaskit.workers.engine.StepMessage;
import dev.saaskit.workers.engine.SweepJobSteps;
import dev.saaskit.workers.hosts.AllowedHosts;
import dev.saaskit.workers.hosts.GetAllowedHosts;
import dev.saaskit.workers.hosts.UpdateAllowedHosts;
import dev.saaskit.workers.jobs.CancelJob;
import dev.saaskit.workers.jobs.CreateJob;
import dev.saaskit.workers.jobs.GetJob;
import dev.saaskit.workers.jobs.ListJobs;
import dev.saaskit.workers.jobs.RetryJob;
import dev.saaskit.workers.steps.Steps;
import dev.saaskit.workers.templates.CreateTemplate;
import dev.saaskit.workers.templates.Definition;
import dev.saaskit.workers.templates.DeleteTemplate;
import dev.saaskit.workers.templates.GetTemplate;
import dev.saaskit.workers.templates.ListTemplates;
import dev.saaskit.workers.templates.UpdateTemplate;

/**
 * The workers module's functions: workflow templates, jobs, the hosts http steps may call, the step
 * runner on the {@code workers-steps} queue and its sweeper. The initializer of the workers
 * artifact.
 */
public final class WorkersFunctions extends DomainFunctions {

  public WorkersFunctions() {
    super("workers");
  }

  @Override
  protected void register(Functions f) {
    f.http(CreateTemplate.class, Definition.class, CreateTemplate::new);
    f.http(ListTemplates.class, Void.class, ListTemplates::new);
    f.http(GetTemplate.class, Void.class, GetTemplate::new);
    f.http(UpdateTemplate.class, Definition.class, UpdateTemplate::new);
    f.http(DeleteTemplate.class, Void.class, DeleteTemplate::new);

    f.http(CreateJob.class, CreateJob.Request.class, CreateJob::new);
    f.http(ListJobs.class, Void.class, ListJobs::new);
    f.http(GetJob.class, Void.class, GetJob::new);
    f.http(CancelJob.class, Void.class, CancelJob::new);
    f.http(RetryJob.class, Void.class, RetryJob::new);

    f.http(GetAllowedHosts.class, Void.class, GetAllowedHosts::new);
    f.http(UpdateAllowedHosts.class, AllowedHosts.class, UpdateAllowedHosts::new);

    f.queue(RunJobSteps.class, StepMessage.class, () -> new RunJobSteps(f.platform(), new Steps()));
    f.schedule(SweepJobSteps.class, SweepJobSteps::new);
  }
}
