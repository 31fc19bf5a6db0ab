/** The bootstrap's workings: module order, the context, configuration proxies. Not for use outside this artifact. */
package io.memtune.embedded.internal;
