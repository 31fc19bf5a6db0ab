/**
 * Template rendering: the {@link io.memtune.api.template.TemplateService} that renders a tenant's Mustache
 * templates, and the {@link io.memtune.api.template.TemplateEngine} seam through which an optimizer
 * replaces how templates are compiled and executed.
 */
@Export
@Version("1.3.0")
package io.memtune.api.template;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
