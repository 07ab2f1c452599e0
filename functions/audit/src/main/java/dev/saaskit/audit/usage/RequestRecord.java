package dev.saaskit.audit.usage;

import java.time.Instant;
import java.util.UUID;

/** One row of {@code request_records}: an invocation as usage counts it. */
record RequestRecord(
    String recordId,
    Instant occurredAt,
    UUID organizationId,
    String functionName,
    String trigger,
    String route,
    int statusClass,
    double durationMs,
    int billedMs,
    int memoryMb,
    boolean coldStart) {}
