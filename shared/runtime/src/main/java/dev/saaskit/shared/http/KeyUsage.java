package dev.saaskit.shared.http;

import dev.saaskit.shared.db.UnitOfWork;
import dev.saaskit.shared.identity.ApiKeyAuthenticator;
import dev.saaskit.shared.log.InvocationRecord;
import dev.saaskit.shared.log.Log;
import dev.saaskit.shared.runtime.Platform;

/**
 * An API key's usage by status class. The key's statement counted the request as 2xx (4xx when rate
 * limited) before the handler ran; an answer of another class moves the count with one more
 * autocommit statement, after the request's own transaction has ended. Nothing is moved when the
 * database itself failed.
 */
final class KeyUsage {

  private final Platform platform;

  KeyUsage(Platform platform) {
    this.platform = platform;
  }

  /** Records {@code status} for the key where it differs from what was counted: the work done (for its database time), or null. */
  UnitOfWork record(ApiKeyAuthenticator.Admission key, int status, Throwable failure, InvocationRecord log) {
    if (status / 100 == 2 || Failures.lostDatabase(failure)) {
      return null;
    }
    UnitOfWork work = platform.newReadOnlyWork();
    try {
      platform.apiKeys().recordStatus(key, status, work.autocommitDb());
    } catch (RuntimeException e) {
      log.put("usage_error", Log.describe(e));
    } finally {
      work.close();
    }
    return work;
  }
}
