/**
 * Template rendering: the {@link io.memtune.api.template.TemplateService} that renders a tenant's Mustache
 * templates, and the {@link io.memtune.api.template.TemplateEngine} seam through which an optimizer
 * replaces how templates are compiled and executed. 1.4.0 adds what the service holds per page and tenant
 * ({@link io.memtune.api.template.TemplateFootprint}) and the cache tiers' reload and rejection counts.
 */
@Export
@Version("1.4.0")
package io.memtune.api.template;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
