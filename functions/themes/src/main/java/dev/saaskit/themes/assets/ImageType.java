package dev.saaskit.themes.assets;

import java.util.Arrays;
import java.util.Optional;

/**
 * The raster image types a logo or favicon may be, each recognised by its first bytes, so a file is
 * what it was declared to be. SVG is not among them: it is a document that can carry scripts.
 */
enum ImageType {
  PNG("image/png", new int[] {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a}),
  JPEG("image/jpeg", new int[] {0xff, 0xd8, 0xff}),
  /** RIFF, four bytes of length, WEBP. */
  WEBP("image/webp", new int[] {'R', 'I', 'F', 'F', -1, -1, -1, -1, 'W', 'E', 'B', 'P'}),
  ICO("image/x-icon", new int[] {0x00, 0x00, 0x01, 0x00});

  static final int SIGNATURE_BYTES = 12;

  final String contentType;
  private final int[] signature;

  ImageType(String contentType, int[] signature) {
    this.contentType = contentType;
    this.signature = signature;
  }

  static Optional<ImageType> of(String contentType) {
    return Arrays.stream(values()).filter(t -> t.contentType.equals(contentType)).findFirst();
  }

  /** Whether the file's first bytes are this type's signature; -1 in the signature matches any byte. */
  boolean matches(byte[] first) {
    if (first.length < signature.length) {
      return false;
    }
    for (int i = 0; i < signature.length; i++) {
      if (signature[i] != -1 && (first[i] & 0xff) != signature[i]) {
        return false;
      }
    }
    return true;
  }
}
