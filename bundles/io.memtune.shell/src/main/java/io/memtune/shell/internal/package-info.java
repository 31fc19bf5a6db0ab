/** The shell bundle's components; nothing here is exported. */
package io.memtune.shell.internal;
