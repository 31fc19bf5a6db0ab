/**
 * The template service without OSGi: repository, scanning, closure checks, engines, the tiered cache,
 * static assets. The DS components in {@code internal} and the embedded mode build on it. Private.
 */
package io.memtune.template.core;
