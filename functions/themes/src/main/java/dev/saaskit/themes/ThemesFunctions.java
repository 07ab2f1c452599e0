package dev.saaskit.themes;

import dev.saaskit.shared.runtime.DomainFunctions;
import dev.saaskit.shared.runtime.Functions;
import dev.saaskit.shared.runtime.Lazy;
import dev.saaskit.shared.storage.ObjectStorage;
import dev.saaskit.shared.storage.S3ObjectStorage;
import dev.saaskit.themes.assets.CompleteThemeUpload;
import dev.saaskit.themes.assets.CreateThemeUpload;
import dev.saaskit.themes.assets.PurgeThemeFiles;
import dev.saaskit.themes.pages.CreatePage;
import dev.saaskit.themes.pages.DeletePage;
import dev.saaskit.themes.pages.GetPage;
import dev.saaskit.themes.pages.ListPages;
import dev.saaskit.themes.pages.UpdatePage;
import dev.saaskit.themes.site.GetPublicAsset;
import dev.saaskit.themes.site.GetPublicPage;
import dev.saaskit.themes.site.GetPublicTheme;
import dev.saaskit.themes.site.GetPublicThemeCss;
import dev.saaskit.themes.theme.CreateTheme;
import dev.saaskit.themes.theme.GetTheme;
import dev.saaskit.themes.theme.ThemeSettings;
import dev.saaskit.themes.theme.UpdateTheme;

/** The themes module's functions; {@code MAIN_CLASS} of the themes artifact. */
public final class ThemesFunctions extends DomainFunctions {

  public ThemesFunctions() {
    super("themes");
  }

  @Override
  protected void register(Functions f) {
    // Only the functions that touch files build the S3 client, on their first request.
    Lazy<ObjectStorage> storage = new Lazy<>(() -> S3ObjectStorage.fromSettings(f.platform().outbound()));
    f.http(CreateTheme.class, ThemeSettings.class, CreateTheme::new);
    f.http(GetTheme.class, Void.class, GetTheme::new);
    f.http(UpdateTheme.class, ThemeSettings.class, UpdateTheme::new);
    f.http(CreateThemeUpload.class, CreateThemeUpload.Request.class, () -> new CreateThemeUpload(storage));
    f.http(CompleteThemeUpload.class, Void.class, () -> new CompleteThemeUpload(storage));
    f.http(CreatePage.class, CreatePage.Request.class, CreatePage::new);
    f.http(ListPages.class, Void.class, ListPages::new);
    f.http(GetPage.class, Void.class, GetPage::new);
    f.http(UpdatePage.class, UpdatePage.Request.class, UpdatePage::new);
    f.http(DeletePage.class, Void.class, DeletePage::new);
    f.http(GetPublicTheme.class, Void.class, GetPublicTheme::new);
    f.http(GetPublicThemeCss.class, Void.class, GetPublicThemeCss::new);
    f.http(GetPublicAsset.class, Void.class, () -> new GetPublicAsset(storage));
    f.http(GetPublicPage.class, Void.class, GetPublicPage::new);
    f.schedule(PurgeThemeFiles.class, () -> new PurgeThemeFiles(storage));
  }
}
