/** The execution optimizer in plain Java (no OSGi). */
package io.memtune.execution.core;
