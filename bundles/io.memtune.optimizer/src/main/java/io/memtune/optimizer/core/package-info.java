/** The optimizer in plain Java (no OSGi): usable in the container and in the embedded mode. */
package io.memtune.optimizer.core;
