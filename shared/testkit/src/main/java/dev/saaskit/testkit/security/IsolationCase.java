package dev.saaskit.testkit.security;

import dev.saaskit.testkit.Tenant;
import java.util.Map;

/**
 * How the tenant-isolation check addresses one route: it creates organization A's resource and
 * says which path parameters (and body) reach it, and takes a snapshot of A's data that another
 * organization's call must leave unchanged.
 */
public interface IsolationCase {

  /** The path parameters and optional JSON body that address organization A's resource. */
  record Target(Map<String, String> pathParameters, String body) {}

  Target prepare(Tenant a);

  /** A value that equals itself exactly when A's data is unchanged, e.g. the rows as a list. */
  Object snapshot(Tenant a);
}
