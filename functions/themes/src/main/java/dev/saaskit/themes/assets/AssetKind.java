package dev.saaskit.themes.assets;

import java.util.List;
import java.util.Locale;

/** What an upload becomes, with the image types and the size each allows. */
enum AssetKind {
  LOGO(512 * 1024, List.of(ImageType.PNG, ImageType.JPEG, ImageType.WEBP)),
  FAVICON(64 * 1024, List.of(ImageType.PNG, ImageType.ICO));

  final int maxBytes;
  final List<ImageType> types;

  AssetKind(int maxBytes, List<ImageType> types) {
    this.maxBytes = maxBytes;
    this.types = types;
  }

  String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  static List<String> codes() {
    return java.util.Arrays.stream(values()).map(AssetKind::code).toList();
  }

  static AssetKind of(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }

  List<String> contentTypes() {
    return types.stream().map(t -> t.contentType).toList();
  }
}
