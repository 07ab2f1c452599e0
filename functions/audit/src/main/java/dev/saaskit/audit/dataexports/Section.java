package dev.saaskit.audit.dataexports;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The parts of an organization's data, in the file's order; each line's {@code type} is its
 * section's. Each is read a batch at a time, after the key of the previous batch's last line.
 */
enum Section {
  MEMBER(OrganizationData::members),
  WORKSPACE(OrganizationData::workspaces),
  API_KEY(OrganizationData::apiKeys),
  TICKET(OrganizationData::tickets),
  TICKET_COMMENT(OrganizationData::ticketComments),
  NOTIFICATION(OrganizationData::notifications),
  AUDIT_LOG(OrganizationData::auditLogs);

  /** One line of the file: its fields, and the key the next batch starts after. */
  interface Line {
    UUID key();

    default Object fields() {
      return this;
    }
  }

  @FunctionalInterface
  interface Reader {
    /** Up to {@code limit} lines after {@code after} (null: from the first). */
    List<? extends Line> read(OrganizationData data, UUID after, int limit);
  }

  final String type = name().toLowerCase(Locale.ROOT);
  private final Reader reader;

  Section(Reader reader) {
    this.reader = reader;
  }

  List<? extends Line> read(OrganizationData data, UUID after, int limit) {
    return reader.read(data, after, limit);
  }
}
