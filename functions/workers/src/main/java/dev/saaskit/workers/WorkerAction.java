package dev.saaskit.workers;

import dev.saaskit.shared.audit.AuditAction;

/** The audit trail's vocabulary for the workers domain; the README lists it. */
public enum WorkerAction implements AuditAction {
  TEMPLATE_CREATED("worker_template.created"),
  TEMPLATE_UPDATED("worker_template.updated"),
  TEMPLATE_DELETED("worker_template.deleted"),
  JOB_CREATED("worker_job.created"),
  JOB_CANCELED("worker_job.canceled"),
  JOB_RETRIED("worker_job.retried"),
  ALLOWED_HOSTS_UPDATED("worker_allowed_hosts.updated");

  private final String code;

  WorkerAction(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }
}
