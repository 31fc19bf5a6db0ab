package io.memtune.api.template;

import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The static assets templates link to, each with the URL to use: fingerprinted
 * ({@code /static/css/site.3f2a1b4c.css}, cacheable for a year) and, in an environment with a CDN, on the
 * CDN. The template service merges {@link #assetUrls()} into every context as {@code assets}; the HTTP
 * endpoint {@code /static} serves the files it {@linkplain #resolve resolves}.
 */
@ProviderType
public interface AssetCatalog {

    /**
     * URLs by key: the asset's path under the static root with every character other than a letter or a
     * digit replaced by {@code _}, because Mustache reads dots as nesting. {@code css/site.css} is
     * {@code {{assets.css_site_css}}} in a template.
     */
    Map<String, String> assetUrls();

    /**
     * The static file a request path under {@code /static} names ({@code /css/site.css}), by its plain or its
     * fingerprinted name ({@code /css/site.3f2a1b4c.css}); empty for anything else, including paths that try to
     * leave the static root (only indexed files are ever answered). Since 1.3.
     */
    Optional<StaticAsset> resolve(String requestPath);

    /** The key of a path as {@link #assetUrls()} uses it. */
    static String key(String path) {
        return path.replaceAll("[^A-Za-z0-9]", "_");
    }
}
