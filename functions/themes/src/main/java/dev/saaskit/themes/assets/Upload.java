package dev.saaskit.themes.assets;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A declared upload: the client sends the file with {@code upload_method} to {@code upload_url}
 * with exactly {@code upload_headers}, before {@code expires_at}, then completes it.
 */
public record Upload(UUID id, String kind, String contentType, int sizeBytes, URI uploadUrl, String uploadMethod,
    Map<String, String> uploadHeaders, Instant expiresAt) {}
