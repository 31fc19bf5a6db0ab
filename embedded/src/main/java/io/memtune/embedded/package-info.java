/**
 * memtune without OSGi: {@link io.memtune.embedded.Memtune#start} wires the components of the memtune jars on the
 * class path through {@code java.util.ServiceLoader}, configured by the same environment files as the container.
 */
package io.memtune.embedded;
