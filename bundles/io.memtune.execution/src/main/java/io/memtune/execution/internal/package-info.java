/** The execution optimizer's DS components. */
package io.memtune.execution.internal;
