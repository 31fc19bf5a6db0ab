/** The pool bundle's DS components. Private. */
package io.memtune.pool.internal;
