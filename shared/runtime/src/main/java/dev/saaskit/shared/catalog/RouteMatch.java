package dev.saaskit.shared.catalog;

import java.util.Map;

/** A request matched to a catalog route, with the path parameters API Gateway would pass. */
public record RouteMatch(FunctionSpec function, Map<String, String> pathParameters) {}
