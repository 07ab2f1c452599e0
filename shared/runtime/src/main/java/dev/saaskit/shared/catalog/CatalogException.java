package dev.saaskit.shared.catalog;

/** The catalog is not valid; the message names the entry and what is wrong with it. */
public class CatalogException extends RuntimeException {

  public CatalogException(String message) {
    super(message);
  }
}
