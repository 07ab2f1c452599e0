package dev.saaskit.workers;

import dev.saaskit.shared.problem.ProblemCode;
import java.util.Locale;

/** The codes the workers domain's problems carry where a client must tell cases apart; the README lists them. */
public enum WorkerProblem implements ProblemCode {
  /** The organization already has a workflow template of that name. */
  TEMPLATE_NAME_TAKEN,
  /** The job has ended (succeeded, failed or canceled): there is nothing left to cancel. */
  JOB_FINISHED,
  /** Only a failed job is retried. */
  JOB_NOT_FAILED;

  @Override
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
