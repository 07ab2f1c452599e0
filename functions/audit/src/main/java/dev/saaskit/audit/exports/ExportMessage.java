package dev.saaskit.audit.exports;

import dev.saaskit.shared.queue.OrganizationScoped;
import java.util.UUID;

/** On the {@code audit-exports} queue: an export to write. {@code {"export_id", "organization_id"}} */
public record ExportMessage(UUID exportId, UUID organizationId) implements OrganizationScoped {}
