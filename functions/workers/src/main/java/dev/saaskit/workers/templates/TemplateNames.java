package dev.saaskit.workers.templates;

import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.workers.WorkerProblem;
import java.util.UUID;

/** A template's name is unique among the organization's templates that are not deleted. */
final class TemplateNames {

  private TemplateNames() {}

  static void ensureFree(TemplateStore templates, String name, UUID except) {
    if (templates.nameTaken(name, except)) {
      throw new ApiException(ProblemType.CONFLICT, "the organization already has a workflow template named '" + name + "'")
          .code(WorkerProblem.TEMPLATE_NAME_TAKEN);
    }
  }
}
