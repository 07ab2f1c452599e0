package dev.saaskit.notifications.preferences;

import dev.saaskit.notifications.Category;
import dev.saaskit.notifications.Channel;
import dev.saaskit.shared.db.Handle;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A member's choices per category and channel in one organization; what is not chosen is on.
 * Security messages are always on.
 */
public final class Preferences {

  private final Handle db;
  private final UUID organization;
  private final UUID user;

  public Preferences(Handle db, UUID organization, UUID user) {
    this.db = db;
    this.organization = organization;
    this.user = user;
  }

  /** Every category and channel with whether it is on. */
  public Map<String, Map<String, Boolean>> all() {
    Map<String, Map<String, Boolean>> all = new LinkedHashMap<>();
    for (Category category : Category.values()) {
      Map<String, Boolean> channels = new LinkedHashMap<>();
      for (Channel channel : Channel.values()) {
        channels.put(channel.code(), true);
      }
      all.put(category.code(), channels);
    }
    db.createQuery(
            "select category, channel, enabled from notification_preferences where organization_id = :org and user_id = :user")
        .bind("org", organization)
        .bind("user", user)
        .map(rs -> {
          all.get(rs.getString("category")).put(rs.getString("channel"), rs.getBoolean("enabled"));
          return null;
        })
        .list();
    all.get(Category.SECURITY.code()).replaceAll((channel, enabled) -> true);
    return all;
  }

  public boolean allows(String category, String channel) {
    if (Category.SECURITY.code().equals(category)) {
      return true;
    }
    return db.createQuery(
            """
            select coalesce((select enabled from notification_preferences
                              where organization_id = :org and user_id = :user and category = :category and channel = :channel), true)
            """)
        .bind("org", organization)
        .bind("user", user)
        .bind("category", category)
        .bind("channel", channel)
        .mapTo(Boolean.class)
        .one();
  }

  void set(String category, String channel, boolean enabled) {
    db.createUpdate(
            """
            insert into notification_preferences (organization_id, user_id, category, channel, enabled)
            values (:org, :user, :category, :channel, :enabled)
            on conflict (organization_id, user_id, category, channel) do update set enabled = excluded.enabled, updated_at = now()
            """)
        .bind("org", organization)
        .bind("user", user)
        .bind("category", category)
        .bind("channel", channel)
        .bind("enabled", enabled)
        .execute();
  }
}
