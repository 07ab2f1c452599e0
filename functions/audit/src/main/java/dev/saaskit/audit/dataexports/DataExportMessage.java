package dev.saaskit.audit.dataexports;

import dev.saaskit.shared.queue.OrganizationScoped;
import java.util.UUID;

/** On the {@code data-exports} queue: an organization's export to write. {@code {"export_id", "organization_id"}} */
public record DataExportMessage(UUID exportId, UUID organizationId) implements OrganizationScoped {}
