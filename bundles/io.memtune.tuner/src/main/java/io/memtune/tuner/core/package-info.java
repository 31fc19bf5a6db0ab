/** The tuner without OSGi: facts, the built-in rules, verification. Private. */
package io.memtune.tuner.core;
